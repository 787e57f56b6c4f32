import { isRecord, withDefaults, type DataflowProfile } from '@flowplane/model';

/** What the profile list and detail show of one profile, with the platform's defaults filled in. */
export interface ProfileRow {
  name: string;
  instanceCount: number;
  logLevel: string;
  metricsPort: number;
  dataflows: number | undefined;
  changed: string | undefined;
}

export function profileRow(profile: DataflowProfile): ProfileRow {
  const usage = profile.status?.usage;
  // The model's defaults: what the platform runs when a field is left out.
  const spec = withDefaults(profile).spec;
  return {
    name: profile.metadata.name,
    instanceCount: spec.instanceCount ?? 1,
    logLevel: spec.diagnostics?.logs?.level ?? '',
    metricsPort: spec.diagnostics?.metrics?.prometheusPort ?? 0,
    dataflows: isRecord(usage) && typeof usage.dataflows === 'number' ? usage.dataflows : undefined,
    changed:
      typeof profile.status?.updatedAt === 'string'
        ? profile.status.updatedAt
        : profile.metadata.creationTimestamp,
  };
}
