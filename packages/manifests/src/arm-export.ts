import type { ManifestIssue, Resource } from '@flowplane/model';
import { isRecord, setOwn } from './json.ts';
import { escapeArmLiteral } from './arm-expressions.ts';
import {
  ARM_TYPES,
  CUSTOM_LOCATION_PARAMETER,
  CUSTOM_LOCATION_TYPE,
  DEPLOYMENT_TEMPLATE_SCHEMA,
  INSTANCE_PARAMETER,
} from './arm-types.ts';
import { isProfileChild } from './arm-types.ts';
import { endpointRefsOf, prepareArmExport, type ArmReady } from './export-common.ts';
import type { ArmTemplate, ArmTemplateResource, ExportOptions } from './types.ts';

/**
 * An ARM deployment template that creates the resources in an existing Azure IoT Operations instance.
 * The instance and its custom location are parameters; every resource gets `extendedLocation` (required
 * up to 2025-04-01, harmless later); dataflows depend on their profile and endpoints when those are in
 * the same template. A resource the API version cannot express is an error issue and is left out.
 */
export function toArmTemplate(
  resources: readonly Resource[],
  options: ExportOptions = {},
): { template: ArmTemplate; issues: ManifestIssue[] } {
  const { version, ready, issues } = prepareArmExport(resources, options);
  const exported = new Set(ready.map((r) => `${r.kind}/${r.name}`));
  const template: ArmTemplate = {
    $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: {
      [INSTANCE_PARAMETER]: {
        type: 'string',
        metadata: { description: 'Name of the Azure IoT Operations instance the resources belong to.' },
      },
      [CUSTOM_LOCATION_PARAMETER]: {
        type: 'string',
        metadata: { description: 'Name of the custom location of the instance (same resource group).' },
      },
    },
    resources: ready.map((r) => armResource(r, version, exported)),
  };
  return { template, issues };
}

function armResource(r: ArmReady, apiVersion: string, exported: Set<string>): ArmTemplateResource {
  const segments = isProfileChild(r.kind) && r.profile !== undefined ? [r.profile, r.name] : [r.name];
  const dependsOn = isProfileChild(r.kind)
    ? [
        ...(r.profile !== undefined && exported.has(`DataflowProfile/${r.profile}`)
          ? [resourceId('DataflowProfile', r.profile)]
          : []),
        ...endpointRefsOf(r.properties)
          .filter((ref) => exported.has(`DataflowEndpoint/${ref}`))
          .map((ref) => resourceId('DataflowEndpoint', ref)),
      ]
    : [];
  const escaped = escapeLiterals(r.properties);
  const placeholders = ['{0}', ...segments.map((_, i) => `{${i + 1}}`)].join('/');
  return {
    type: ARM_TYPES[r.kind],
    apiVersion,
    name: `[format('${placeholders}', parameters('${INSTANCE_PARAMETER}'), ${segments.map(literal).join(', ')})]`,
    extendedLocation: {
      name: `[resourceId('${CUSTOM_LOCATION_TYPE}', parameters('${CUSTOM_LOCATION_PARAMETER}'))]`,
      type: 'CustomLocation',
    },
    properties: isRecord(escaped) ? escaped : {},
    ...(dependsOn.length > 0 ? { dependsOn } : {}),
  };
}

function resourceId(kind: 'DataflowProfile' | 'DataflowEndpoint', name: string): string {
  return `[resourceId('${ARM_TYPES[kind]}', parameters('${INSTANCE_PARAMETER}'), ${literal(name)})]`;
}

/** A string literal inside an ARM expression. */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Template strings that look like expressions must be written `[[...]` to stay literal. */
function escapeLiterals(value: unknown): unknown {
  if (typeof value === 'string') return escapeArmLiteral(value);
  if (Array.isArray(value)) return value.map(escapeLiterals);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, escapeLiterals(v));
    return out;
  }
  return value;
}
