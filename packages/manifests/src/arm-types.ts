import { RESOURCE_KINDS, type ResourceKind } from '@flowplane/model';

const ARM_PROVIDER = 'Microsoft.IoTOperations';
export const ARM_INSTANCE_TYPE = `${ARM_PROVIDER}/instances`;
export const CUSTOM_LOCATION_TYPE = 'Microsoft.ExtendedLocation/customLocations';
/** The version the documentation's Bicep samples use for the existing custom location. */
export const CUSTOM_LOCATION_API_VERSION = '2021-08-31-preview';
export const DEPLOYMENT_TEMPLATE_SCHEMA =
  'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** Template parameters (Bicep params) that name the existing instance and its custom location. */
export const INSTANCE_PARAMETER = 'instanceName';
export const CUSTOM_LOCATION_PARAMETER = 'customLocationName';

/** The ARM resource type of each kind. */
export const ARM_TYPES = {
  DataflowEndpoint: `${ARM_PROVIDER}/instances/dataflowEndpoints`,
  DataflowProfile: `${ARM_PROVIDER}/instances/dataflowProfiles`,
  Dataflow: `${ARM_PROVIDER}/instances/dataflowProfiles/dataflows`,
  DataflowGraph: `${ARM_PROVIDER}/instances/dataflowProfiles/dataflowGraphs`,
} as const satisfies Record<ResourceKind, string>;

/** Kinds whose ARM parent is a dataflow profile (Kubernetes: spec.profileRef). */
export function isProfileChild(kind: string): kind is 'Dataflow' | 'DataflowGraph' {
  return kind === 'Dataflow' || kind === 'DataflowGraph';
}

/** ARM resource types are case-insensitive. */
export function kindOfArmType(type: string): ResourceKind | undefined {
  const lower = type.toLowerCase();
  return RESOURCE_KINDS.find((kind) => ARM_TYPES[kind].toLowerCase() === lower);
}

/** Properties the service writes; never part of a definition. */
const READ_ONLY_PROPERTIES = ['provisioningState', 'healthState', 'status'];

export function isReadOnlyProperty(key: string): boolean {
  return READ_ONLY_PROPERTIES.includes(key);
}
