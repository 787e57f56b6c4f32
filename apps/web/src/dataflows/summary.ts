import { isRecord, stagesOf, type Dataflow, type OperationalMode, type Stage } from '@flowplane/model';

/** What the dataflow list shows of one dataflow, derived from the resource alone. */
export interface DataflowRow {
  name: string;
  profile: string;
  enabled: boolean;
  /** Endpoint names the dataflow reads from and writes to (normally one each; a draft may lack them). */
  sources: string[];
  destinations: string[];
  transformed: boolean;
  draft: boolean;
  /** False when the API found errors (only drafts are stored with errors). */
  valid: boolean;
  /** Messages of the errors the API found, in its order. */
  problems: string[];
  /** Last change (status.updatedAt), falling back to creation for servers that do not report it. */
  changed: string | undefined;
  resource: Dataflow;
}

function endpointsOf(stages: readonly Stage[]): string[] {
  return stages.flatMap((stage) =>
    typeof stage.settings.endpointRef === 'string' && stage.settings.endpointRef !== ''
      ? [stage.settings.endpointRef]
      : [],
  );
}

/** status.issues as the API writes them: warnings do not make a dataflow invalid, so they are not counted. */
function problemsOf(status: Record<string, unknown>): string[] {
  const issues = Array.isArray(status.issues) ? status.issues.filter(isRecord) : [];
  return issues
    .filter((issue) => issue.severity !== 'warning')
    .map((issue) => (typeof issue.message === 'string' ? issue.message : String(issue.code)));
}

export function dataflowRow(flow: Dataflow): DataflowRow {
  const stages = stagesOf(flow.spec);
  const status = isRecord(flow.status) ? flow.status : {};
  return {
    name: flow.metadata.name,
    profile: flow.spec.profileRef,
    enabled: flow.spec.mode !== 'Disabled',
    sources: endpointsOf(stages.sources),
    destinations: endpointsOf(stages.destinations),
    transformed: stages.transformations.length > 0,
    draft: status.draft === true,
    valid: status.valid !== false,
    problems: problemsOf(status),
    changed: typeof status.updatedAt === 'string' ? status.updatedAt : flow.metadata.creationTimestamp,
    resource: flow,
  };
}

/** What a user owns of a stored dataflow: no server metadata (uid, version, ...), no status. */
function definitionOf(flow: Dataflow, name: string): Dataflow {
  const { labels, annotations } = flow.metadata;
  return {
    apiVersion: flow.apiVersion,
    kind: flow.kind,
    metadata: { name, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
    spec: flow.spec,
  };
}

/** The stored dataflow with another mode, to write back with its version as If-Match. */
export function withMode(flow: Dataflow, mode: OperationalMode): Dataflow {
  const { status: _status, ...definition } = flow;
  return { ...definition, spec: { ...flow.spec, mode } };
}

/** A copy of the definition under a new name, to create as a new dataflow. */
export function copyOf(flow: Dataflow, name: string): Dataflow {
  return definitionOf(flow, name);
}

const MAX_NAME = 63;

/**
 * `<name>-copy`, else `<name>-copy-2`, `-copy-3`, ...: the first not in `taken`. The name is shortened
 * (never ending in '-') so the copy's name stays within the 63 characters a resource name may have.
 */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '-copy' : `-copy-${n}`;
    const base = name.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '');
    const candidate = `${base}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
