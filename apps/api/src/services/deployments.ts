import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  type Issue,
  type Resource,
} from '@flowplane/model';
import { Prisma, type Db } from '../db/client.ts';
import type { InstanceRow } from '../repositories/instances.ts';
import {
  deploymentRepository,
  type DeploymentIssue,
  type DeploymentOutcome,
  type DeploymentRecord,
  type RuntimePlanEntry,
} from '../repositories/deployments.ts';
import { TABLES, toResource } from '../repositories/resources.ts';
import { definitionOf, encodeCursor, instanceOf, type Page } from './resources.ts';
import {
  RuntimeUnavailableError,
  createRuntimeClient,
  type RuntimeClient,
  type RuntimeDataflow,
  type RuntimeStatusReply,
} from './runtime-client.ts';

/** The runtime deployments go to, and the one instance it serves. */
export interface RuntimeTarget {
  /** Control URL, without a trailing slash. */
  url: string;
  instance: string;
  /** Started by the API itself (`pnpm start`), rather than running elsewhere. */
  embedded: boolean;
}

/** The runtime refused the set (422 from it): nothing changed there. */
export class RuntimeRefusedError extends RuleViolationError {
  override name = 'RuntimeRefusedError';
  readonly target: string;
  readonly deployment: number;
  constructor(message: string, issues: readonly DeploymentIssue[], target: string, deployment: number) {
    // The runtime's codes are the model's: it validates with the same functions as the API.
    super(message, issues as unknown as Issue[]);
    this.target = target;
    this.deployment = deployment;
  }
}

export interface DeployResult {
  deployment: DeploymentRecord;
  plan: RuntimePlanEntry[];
  warnings: DeploymentIssue[];
  dataflows: RuntimeDataflow[];
}

/** The runtime's `GET /v1/status`, plus which runtime it is and the deployment it runs. */
export type RuntimeView = RuntimeStatusReply & {
  instance: string;
  target: string;
  embedded: boolean;
  /** The last succeeded deployment, unless the runtime started after it finished (else null). */
  deployment: DeploymentRecord | null;
};

const KINDS = ['DataflowEndpoint', 'DataflowProfile', 'Dataflow', 'DataflowGraph'] as const;

/**
 * What a runtime would run for the instance: every stored resource but drafts, as Kubernetes resources
 * without server metadata, endpoints and profiles first, each kind by name. Read in one repeatable-read
 * transaction, so a concurrent write is either wholly in the set or not at all.
 */
async function deployableResources(db: Db, instance: InstanceRow): Promise<Resource[]> {
  const rows = await db.$transaction(
    async (tx) => Promise.all(KINDS.map((kind) => TABLES[kind].all(tx, instance.id))),
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  return KINDS.flatMap((kind, i) =>
    rows[i]!.filter((row) => !row.draft)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((row) => definitionOf(toResource(kind, row, instance.namespace), instance.namespace)),
  );
}

export function createDeploymentService(
  db: Db,
  target: RuntimeTarget | undefined,
  client: RuntimeClient = createRuntimeClient(),
) {
  /** One deploy at a time per runtime, so records are written in the order the runtime applied the sets. */
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The runtime that serves the instance; 409 when there is none. */
  function targetFor(instance: string): RuntimeTarget {
    if (!target) {
      throw new ConflictError(
        `No runtime is configured, so instance "${instance}" cannot be deployed: start the API without FLOWPLANE_RUNTIME=off (it then runs one itself), or point FLOWPLANE_RUNTIME_URL at a runtime.`,
      );
    }
    if (target.instance !== instance) {
      throw new ConflictError(
        `The runtime at ${target.url} serves instance "${target.instance}", not "${instance}"; only one instance can be deployed to it (FLOWPLANE_RUNTIME_INSTANCE).`,
      );
    }
    return target;
  }

  /** Sends `resources` to the runtime and records the outcome; the runtime's refusal or silence throws. */
  async function send(
    instance: InstanceRow,
    runtime: RuntimeTarget,
    resources: Resource[],
    requestedAt: Date,
    actor: string | undefined,
  ): Promise<DeployResult> {
    const record = (
      outcome: DeploymentOutcome,
      extra: { plan?: RuntimePlanEntry[]; issues?: DeploymentIssue[]; detail?: string },
    ) =>
      deploymentRepository.insert(db, instance.name, {
        instanceId: instance.id,
        target: runtime.url,
        requestedAt,
        finishedAt: new Date(),
        outcome,
        actor,
        resources,
        plan: extra.plan,
        issues: extra.issues ?? [],
        detail: extra.detail,
      });

    let reply;
    try {
      reply = await client.apply(runtime.url, resources);
    } catch (error) {
      if (!(error instanceof RuntimeUnavailableError)) throw error;
      error.deployment = (await record('failed', { detail: error.message })).id;
      throw error;
    }
    if (!reply.applied) {
      const deployment = await record('refused', {
        issues: [...reply.errors, ...reply.warnings],
        detail: reply.detail,
      });
      throw new RuntimeRefusedError(
        `The runtime at ${runtime.url} refused the set (${reply.detail}); nothing changed there. Deployment ${deployment.id} records it.`,
        reply.errors,
        runtime.url,
        deployment.id,
      );
    }
    const deployment = await record('succeeded', { plan: reply.plan, issues: reply.warnings });
    return { deployment, plan: reply.plan, warnings: reply.warnings, dataflows: reply.dataflows };
  }

  return {
    /** The runtime's URL and instance, when there is one. */
    target,

    /** Sends the instance's stored resources (no drafts) to its runtime and records what happened. */
    async deploy(instanceName: string, actor?: string): Promise<DeployResult> {
      const instance = await instanceOf(db, instanceName);
      const runtime = targetFor(instance.name);
      return serialized(async () => {
        const requestedAt = new Date();
        const resources = await deployableResources(db, instance);
        return send(instance, runtime, resources, requestedAt, actor);
      });
    },

    /**
     * After a start of the embedded runtime (which starts empty): sends the set of the instance's last
     * succeeded deployment again, so what was running before runs again. Undefined when there was none.
     */
    async resume(actor = 'flowplane'): Promise<DeployResult | undefined> {
      if (!target) return undefined;
      const instance = await instanceOf(db, target.instance).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (!instance) return undefined;
      const last = await deploymentRepository.lastSucceeded(db, instance.id, instance.name);
      if (!last) return undefined;
      return serialized(() => send(instance, target, last.resources, new Date(), actor));
    },

    /** Where the runtime streams samples of a dataflow's messages (before and after its transformation). */
    async tapUrl(instanceName: string, dataflow: string): Promise<string> {
      const instance = await instanceOf(db, instanceName);
      const runtime = targetFor(instance.name);
      return `${runtime.url}/v1/dataflows/${encodeURIComponent(dataflow)}/tap`;
    },

    /** The runtime's status, with the deployment it runs. */
    async status(instanceName: string): Promise<RuntimeView> {
      const instance = await instanceOf(db, instanceName);
      const runtime = targetFor(instance.name);
      const status = await client.status(runtime.url);
      const last = await deploymentRepository.lastSucceeded(db, instance.id, instance.name, runtime.url);
      const startedAt = Date.parse(status.startedAt);
      // A runtime keeps nothing across a restart: a deployment finished before it started is gone.
      const live = last && !(startedAt > Date.parse(last.finishedAt)) ? withoutResources(last) : null;
      return {
        ...status,
        instance: instance.name,
        target: runtime.url,
        embedded: runtime.embedded,
        deployment: live,
      };
    },

    async list(
      instanceName: string,
      filter: { after?: number; limit: number; outcome?: DeploymentOutcome },
    ): Promise<Page<DeploymentRecord>> {
      const instance = await instanceOf(db, instanceName);
      const rows = await deploymentRepository.list(db, instance.id, instance.name, {
        limit: filter.limit + 1,
        ...(filter.after !== undefined ? { before: filter.after } : {}),
        ...(filter.outcome !== undefined ? { outcome: filter.outcome } : {}),
      });
      const page = rows.slice(0, filter.limit);
      return {
        items: page,
        nextCursor: rows.length > filter.limit ? encodeCursor(String(page[page.length - 1]!.id)) : null,
      };
    },

    async get(instanceName: string, id: number) {
      const instance = await instanceOf(db, instanceName);
      const found = await deploymentRepository.get(db, instance.id, instance.name, id);
      if (!found) throw new NotFoundError(`Instance "${instanceName}" has no deployment ${id}.`);
      return found;
    },
  };
}

function withoutResources(record: DeploymentRecord & { resources?: unknown }): DeploymentRecord {
  const { resources: _resources, ...rest } = record;
  return rest;
}

export type DeploymentService = ReturnType<typeof createDeploymentService>;
