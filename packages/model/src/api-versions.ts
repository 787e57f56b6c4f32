import { issue, type Issue } from './issues.ts';
import { isUsGovernmentHost } from './hosts.ts';
import type { Resource } from './resource.ts';

/** ARM API versions of Microsoft.IoTOperations that define dataflow resources, oldest first. */
export const ARM_API_VERSIONS = [
  '2024-11-01',
  '2025-04-01',
  '2025-07-01-preview',
  '2025-10-01',
  '2026-03-01',
  '2026-07-01',
  '2026-10-01',
  '2026-11-01-preview',
] as const;
export type ArmApiVersion = (typeof ARM_API_VERSIONS)[number];

/** The newest stable version: what the model's schemas describe and what exports use by default. */
export const DEFAULT_ARM_API_VERSION: ArmApiVersion = '2026-10-01';

export function isArmApiVersion(value: string): value is ArmApiVersion {
  return (ARM_API_VERSIONS as readonly string[]).includes(value);
}

const since = (version: ArmApiVersion) => (target: ArmApiVersion) =>
  ARM_API_VERSIONS.indexOf(target) >= ARM_API_VERSIONS.indexOf(version);

/** When each feature that not every version has appeared. */
export const API_FEATURES = {
  openTelemetry: { available: since('2025-07-01-preview'), label: 'OpenTelemetry endpoints' },
  hostType: { available: since('2025-07-01-preview'), label: 'hostType' },
  anonymousSettings: { available: since('2025-07-01-preview'), label: 'authentication.anonymousSettings' },
  extendedLocationOptional: { available: since('2025-07-01-preview'), label: 'optional extendedLocation' },
  requestDiskPersistence: { available: since('2025-10-01'), label: 'requestDiskPersistence' },
  usGovernmentHosts: { available: since('2026-10-01'), label: 'US Government cloud hosts' },
  dataflowGraph: { available: since('2025-07-01-preview'), label: 'dataflow graphs' },
  graphDestinationHeaders: { available: since('2025-10-01'), label: 'headers on graph destinations' },
  // Added in 2025-07-01-preview, removed in 2025-10-01, added again in 2026-10-01.
  graphOutputSchemaSettings: {
    available: (v: ArmApiVersion) => v === '2025-07-01-preview' || since('2026-10-01')(v),
    label: 'outputSchemaSettings on graph destinations',
  },
} as const satisfies Record<string, { available: (v: ArmApiVersion) => boolean; label: string }>;

export function supports(version: ArmApiVersion, feature: keyof typeof API_FEATURES): boolean {
  return API_FEATURES[feature].available(version);
}

const STORAGE_SETTINGS = [
  'dataLakeStorageSettings',
  'dataExplorerSettings',
  'fabricOneLakeSettings',
] as const;

/**
 * What a resource uses that the chosen API version cannot express. Exports refuse such resources
 * rather than silently dropping fields.
 */
export function apiVersionIssues(resource: Resource, version: ArmApiVersion): Issue[] {
  const issues: Issue[] = [];
  const missing = (path: string, feature: keyof typeof API_FEATURES) =>
    issue(
      'apiVersion.feature.unsupported',
      path,
      `API version ${version} cannot express ${API_FEATURES[feature].label}; it needs ${firstVersionWith(feature)} or later.`,
    );
  if (resource.kind === 'DataflowEndpoint') {
    const spec = resource.spec;
    if (spec.endpointType === 'OpenTelemetry' && !supports(version, 'openTelemetry')) {
      issues.push(missing('/spec/endpointType', 'openTelemetry'));
    }
    if (spec.hostType !== undefined && !supports(version, 'hostType'))
      issues.push(missing('/spec/hostType', 'hostType'));
    for (const key of STORAGE_SETTINGS) {
      const host = spec[key]?.host;
      if (host !== undefined && isUsGovernmentHost(host) && !supports(version, 'usGovernmentHosts')) {
        issues.push(missing(`/spec/${key}/host`, 'usGovernmentHosts'));
      }
    }
  }
  if (resource.kind === 'DataflowGraph') {
    if (!supports(version, 'dataflowGraph')) return [missing('/kind', 'dataflowGraph')];
    resource.spec.nodes.forEach((node, i) => {
      const destination = node.destinationSettings;
      if (destination?.headers !== undefined && !supports(version, 'graphDestinationHeaders')) {
        issues.push(missing(`/spec/nodes/${i}/destinationSettings/headers`, 'graphDestinationHeaders'));
      }
      if (
        destination?.outputSchemaSettings !== undefined &&
        !supports(version, 'graphOutputSchemaSettings')
      ) {
        issues.push(
          missing(`/spec/nodes/${i}/destinationSettings/outputSchemaSettings`, 'graphOutputSchemaSettings'),
        );
      }
    });
  }
  if (
    (resource.kind === 'Dataflow' || resource.kind === 'DataflowGraph') &&
    resource.spec.requestDiskPersistence !== undefined
  ) {
    if (!supports(version, 'requestDiskPersistence')) {
      issues.push(missing('/spec/requestDiskPersistence', 'requestDiskPersistence'));
    }
  }
  return issues;
}

function firstVersionWith(feature: keyof typeof API_FEATURES): ArmApiVersion {
  // The newest-first search names the version from which the feature stays available.
  const last = [...ARM_API_VERSIONS].reverse().findIndex((v) => !API_FEATURES[feature].available(v));
  return last <= 0 ? ARM_API_VERSIONS[0] : ARM_API_VERSIONS[ARM_API_VERSIONS.length - last]!;
}
