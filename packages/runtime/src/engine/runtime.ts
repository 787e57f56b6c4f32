// The reconciler: takes the desired set of resources, validates it with the model, and starts, stops or
// restarts only the pipelines whose definition (or endpoints, or profile) changed.
import {
  type Dataflow,
  type DataflowEndpoint,
  type DataflowProfile,
  type ResourceIssue,
  resourceKeyOf,
  validateInstance,
  withDefaults,
} from '@flowplane/model';
import { transformationIssues } from '@flowplane/mapping';
import type { RuntimeEnvironment } from '../connectors/types.ts';
import { type DataflowDefinition, assemble, operationsOf } from './assemble.ts';
import {
  type DeadLetter,
  type CounterSnapshot,
  DataflowMetrics,
  RateMeter,
  type LatencySnapshot,
} from './metrics.ts';
import { Pipeline, messageOf } from './pipeline.ts';
import { Tap, type TapListener } from './tap.ts';
import { canonicalJson } from './canonical-json.ts';

/** What a dataflow is doing; `failed`: it could not start (see lastError). */
export const DATAFLOW_STATES = ['starting', 'running', 'disabled', 'failed'] as const;
export type DataflowState = (typeof DATAFLOW_STATES)[number];
/** What the reconciler does with each dataflow of a desired set. */
export const PLAN_ACTIONS = ['start', 'restart', 'stop', 'disable', 'unchanged'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PlanEntry {
  readonly kind: 'Dataflow' | 'DataflowGraph';
  readonly name: string;
  readonly action: PlanAction;
  readonly reason?: string;
}

export interface DataflowStatus {
  readonly name: string;
  readonly profile: string;
  readonly state: DataflowState;
  readonly source: string;
  readonly destination: string;
  readonly since: string;
  readonly inflight: number;
  readonly counters: CounterSnapshot;
  readonly rates: { readonly receivedPerSecond: number; readonly emittedPerSecond: number };
  readonly latency: LatencySnapshot;
  readonly lastError?: { readonly at: string; readonly message: string };
  readonly deadLetters: readonly DeadLetter[];
}

export interface ApplyResult {
  /** False when the set was refused: nothing changed. */
  readonly ok: boolean;
  readonly issues: readonly ResourceIssue[];
  readonly plan: readonly PlanEntry[];
  readonly dataflows: readonly DataflowStatus[];
}

export interface RuntimeOptions {
  readonly environment: RuntimeEnvironment;
  /** How long apply waits for a starting pipeline to connect before it reports it as still starting. */
  readonly startTimeoutMs?: number;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface Running {
  readonly fingerprint: string;
  readonly definition: DataflowDefinition;
  pipeline: Pipeline | undefined;
  state: DataflowState;
  since: string;
}

export class Runtime {
  private readonly options: RuntimeOptions;
  private readonly running = new Map<string, Running>();
  private readonly metrics = new Map<string, DataflowMetrics>();
  private readonly rates = new Map<string, RateMeter>();
  private readonly taps = new Map<string, Tap>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sampler: NodeJS.Timeout;

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.sampler = setInterval(() => this.sampleRates(), 1000);
    this.sampler.unref();
  }

  /** Makes the running set match `resources` (serialized: one apply at a time). */
  apply(resources: readonly unknown[]): Promise<ApplyResult> {
    const next = this.queue.then(() => this.reconcile(resources));
    this.queue = next.catch(() => undefined);
    return next;
  }

  status(): DataflowStatus[] {
    return [...this.running.entries()]
      .map(([name, entry]) => this.statusOf(name, entry))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Subscribes to sampled messages of a dataflow; undefined when the runtime does not know it. */
  tap(name: string, listener: TapListener): (() => void) | undefined {
    if (!this.running.has(name)) return undefined;
    return this.tapOf(name).listen(listener);
  }

  metricsOf(): ReadonlyMap<string, DataflowMetrics> {
    return this.metrics;
  }

  async close(): Promise<void> {
    clearInterval(this.sampler);
    await this.queue;
    await Promise.all([...this.running.values()].map((entry) => entry.pipeline?.stop()));
    this.running.clear();
  }

  private async reconcile(resources: readonly unknown[]): Promise<ApplyResult> {
    const issues = [
      ...validateInstance(resources),
      // A transformation that does not compile would only fail at start; refuse the set instead.
      ...resources.flatMap((resource, index): ResourceIssue[] =>
        transformationIssues(resource).map((found) => ({
          ...found,
          resource: resourceKeyOf(resource),
          index,
        })),
      ),
    ];
    if (issues.some((i) => i.severity === 'error'))
      return { ok: false, issues, plan: [], dataflows: this.status() };

    const desired = desiredDataflows(resources);
    const plan: PlanEntry[] = [];
    for (const name of desired.graphs) {
      plan.push({
        kind: 'DataflowGraph',
        name,
        action: 'unchanged',
        reason: 'the local runtime does not run dataflow graphs yet',
      });
    }
    for (const name of this.running.keys())
      if (!desired.dataflows.has(name))
        plan.push({ kind: 'Dataflow', name, action: 'stop', reason: 'removed' });
    for (const [name, definition] of desired.dataflows) {
      const fingerprint = fingerprintOf(definition);
      const current = this.running.get(name);
      const disabled = definition.dataflow.spec.mode === 'Disabled';
      if (disabled)
        plan.push({
          kind: 'Dataflow',
          name,
          action: current?.state === 'disabled' ? 'unchanged' : 'disable',
          reason: 'mode: Disabled',
        });
      else if (!current) plan.push({ kind: 'Dataflow', name, action: 'start' });
      else if (
        current.fingerprint !== fingerprint ||
        current.state === 'disabled' ||
        current.state === 'failed'
      )
        plan.push({
          kind: 'Dataflow',
          name,
          action: 'restart',
          reason: reasonOf(current, definition, fingerprint),
        });
      else plan.push({ kind: 'Dataflow', name, action: 'unchanged' });
    }

    // Stop first, so a restarted dataflow's new clients never compete with its old ones for the session.
    const stops = plan.filter(
      (p) => p.kind === 'Dataflow' && p.action !== 'start' && p.action !== 'unchanged',
    );
    await Promise.all(
      stops.map(async ({ name, action }) => {
        const entry = this.running.get(name);
        await entry?.pipeline
          ?.stop()
          .catch((error: unknown) => this.log('warn', `${name}: stop: ${messageOf(error)}`));
        if (action === 'stop') this.running.delete(name);
      }),
    );
    const starts = plan.filter(
      (p) =>
        p.kind === 'Dataflow' && (p.action === 'start' || p.action === 'restart' || p.action === 'disable'),
    );
    await Promise.all(
      starts.map(({ name, action }) => this.launch(name, desired.dataflows.get(name)!, action === 'disable')),
    );
    return { ok: true, issues, plan, dataflows: this.status() };
  }

  private async launch(name: string, definition: DataflowDefinition, disabled: boolean): Promise<void> {
    const entry: Running = {
      fingerprint: fingerprintOf(definition),
      definition,
      pipeline: undefined,
      state: disabled ? 'disabled' : 'starting',
      since: new Date().toISOString(),
    };
    this.running.set(name, entry);
    if (disabled) return;
    const metrics = this.metricsFor(name);
    let pipeline: Pipeline;
    try {
      const parts = await assemble(definition, this.options.environment, {
        tap: this.tapOf(name),
        onError: (message) => metrics.error(message),
      });
      pipeline = new Pipeline({ ...parts, metrics });
    } catch (error) {
      entry.state = 'failed';
      metrics.error(messageOf(error));
      this.log('error', `${name}: ${messageOf(error)}`);
      return;
    }
    entry.pipeline = pipeline;
    const started = pipeline.start().then(
      () => {
        if (entry.state === 'starting') entry.state = 'running';
        this.log('info', `${name}: running`);
      },
      async (error: unknown) => {
        entry.state = 'failed';
        metrics.error(messageOf(error));
        this.log('error', `${name}: ${messageOf(error)}`);
        await pipeline.stop().catch(() => undefined);
      },
    );
    const timeout = new Promise<void>((resolve) =>
      setTimeout(resolve, this.options.startTimeoutMs ?? 10_000).unref(),
    );
    await Promise.race([started, timeout]);
  }

  private statusOf(name: string, entry: Running): DataflowStatus {
    const metrics = this.metricsFor(name);
    const ops = operationsOf(entry.definition.dataflow);
    return {
      name,
      profile: entry.definition.profile.metadata.name,
      state: entry.state,
      source: `${entry.definition.source.metadata.name}: ${ops.source.dataSources.join(', ')}`,
      destination: `${entry.definition.destination.metadata.name}: ${ops.destination.dataDestination}`,
      since: entry.since,
      inflight: metrics.inflight,
      counters: metrics.counters(),
      rates: this.rates.get(name)?.rates() ?? { receivedPerSecond: 0, emittedPerSecond: 0 },
      latency: metrics.latency(),
      ...(metrics.lastError ? { lastError: metrics.lastError } : {}),
      deadLetters: [...metrics.deadLetters],
    };
  }

  private metricsFor(name: string): DataflowMetrics {
    let metrics = this.metrics.get(name);
    if (!metrics) this.metrics.set(name, (metrics = new DataflowMetrics()));
    return metrics;
  }

  private tapOf(name: string): Tap {
    let tap = this.taps.get(name);
    if (!tap) this.taps.set(name, (tap = new Tap()));
    return tap;
  }

  private sampleRates(): void {
    const now = Date.now();
    for (const name of this.running.keys()) {
      let meter = this.rates.get(name);
      if (!meter) this.rates.set(name, (meter = new RateMeter()));
      meter.sample(now, this.metricsFor(name).counters());
    }
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.log?.(level, message);
  }
}

interface Desired {
  readonly dataflows: Map<string, DataflowDefinition>;
  readonly graphs: string[];
}

/** The dataflows of a validated set with the endpoints and profile each one uses (defaults applied). */
function desiredDataflows(resources: readonly unknown[]): Desired {
  const endpoints = new Map<string, DataflowEndpoint>();
  const profiles = new Map<string, DataflowProfile>();
  const dataflows: Dataflow[] = [];
  const graphs: string[] = [];
  for (const doc of resources) {
    const resource = doc as { kind: string; metadata: { name: string } };
    if (resource.kind === 'DataflowEndpoint')
      endpoints.set(resource.metadata.name, withDefaults(doc as DataflowEndpoint));
    else if (resource.kind === 'DataflowProfile')
      profiles.set(resource.metadata.name, withDefaults(doc as DataflowProfile));
    else if (resource.kind === 'Dataflow') dataflows.push(withDefaults(doc as Dataflow));
    else if (resource.kind === 'DataflowGraph') graphs.push(resource.metadata.name);
  }
  const out = new Map<string, DataflowDefinition>();
  for (const dataflow of dataflows) {
    const ops = operationsOf(dataflow);
    // validateInstance already refused sets whose references do not resolve.
    out.set(dataflow.metadata.name, {
      dataflow,
      source: endpoints.get(ops.source.endpointRef)!,
      destination: endpoints.get(ops.destination.endpointRef)!,
      profile: profiles.get(dataflow.spec.profileRef)!,
    });
  }
  return { dataflows: out, graphs };
}

/** What makes a pipeline different: its spec, both endpoints' specs and the profile's scale. */
function fingerprintOf(definition: DataflowDefinition): string {
  return canonicalJson({
    dataflow: definition.dataflow.spec,
    source: definition.source.spec,
    destination: definition.destination.spec,
    instanceCount: definition.profile.spec.instanceCount ?? 1,
  });
}

function reasonOf(current: Running, next: DataflowDefinition, fingerprint: string): string {
  if (current.state === 'failed') return 'retrying after a failed start';
  if (current.state === 'disabled') return 'enabled';
  if (current.fingerprint === fingerprint) return 'unchanged';
  const was = current.definition;
  const changed: string[] = [];
  if (canonicalJson(was.dataflow.spec) !== canonicalJson(next.dataflow.spec)) changed.push('definition');
  if (canonicalJson(was.source.spec) !== canonicalJson(next.source.spec))
    changed.push(`endpoint ${next.source.metadata.name}`);
  if (canonicalJson(was.destination.spec) !== canonicalJson(next.destination.spec))
    changed.push(`endpoint ${next.destination.metadata.name}`);
  if ((was.profile.spec.instanceCount ?? 1) !== (next.profile.spec.instanceCount ?? 1))
    changed.push('instance count');
  return `${[...new Set(changed)].join(', ')} changed`;
}
