import { PLAN_ACTIONS } from '@flowplane/runtime';
import type { Resource } from '@flowplane/model';
import type { Prisma, Tx } from '../db/client.ts';

export const DEPLOYMENT_OUTCOMES = ['succeeded', 'refused', 'failed'] as const;
export type DeploymentOutcome = (typeof DEPLOYMENT_OUTCOMES)[number];

/** The runtime reconciler's actions, as the runtime defines them. */
export const RUNTIME_ACTIONS = PLAN_ACTIONS;

/** What the runtime decided for one dataflow or graph of a deployed set. */
export interface RuntimePlanEntry {
  kind: string;
  name: string;
  action: (typeof RUNTIME_ACTIONS)[number];
  reason?: string;
}

/** A finding the runtime reported about the set (an error of a refused set, or a warning). */
export interface DeploymentIssue {
  path: string;
  code: string;
  message: string;
  severity: 'error' | 'warning';
  resource?: { kind: string; name: string };
  /** 0-based position of the resource in the deployed set (`resources`). */
  document?: number;
}

/** A deployment as the API serves it. */
export interface DeploymentRecord {
  id: number;
  instance: string;
  target: string;
  requestedAt: string;
  finishedAt: string;
  outcome: DeploymentOutcome;
  resourceCount: number;
  actor?: string;
  plan?: RuntimePlanEntry[];
  issues: DeploymentIssue[];
  detail?: string;
}

export interface DeploymentWrite {
  instanceId: string;
  target: string;
  requestedAt: Date;
  finishedAt: Date;
  outcome: DeploymentOutcome;
  actor: string | undefined;
  resources: readonly Resource[];
  plan: readonly RuntimePlanEntry[] | undefined;
  issues: readonly DeploymentIssue[];
  detail: string | undefined;
}

interface DeploymentRow {
  id: bigint;
  target: string;
  requestedAt: Date;
  finishedAt: Date;
  outcome: string;
  resourceCount: number;
  actor: string | null;
  plan: Prisma.JsonValue;
  issues: Prisma.JsonValue;
  detail: string | null;
}

const summaryColumns = {
  id: true,
  target: true,
  requestedAt: true,
  finishedAt: true,
  outcome: true,
  resourceCount: true,
  actor: true,
  plan: true,
  issues: true,
  detail: true,
} as const;

// Rows are written only by `insert`, from the shapes above.
function toRecord(instance: string, row: DeploymentRow): DeploymentRecord {
  return {
    id: Number(row.id),
    instance,
    target: row.target,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    outcome: row.outcome as DeploymentOutcome,
    resourceCount: row.resourceCount,
    ...(row.actor !== null ? { actor: row.actor } : {}),
    ...(Array.isArray(row.plan) ? { plan: row.plan as unknown as RuntimePlanEntry[] } : {}),
    issues: Array.isArray(row.issues) ? (row.issues as unknown as DeploymentIssue[]) : [],
    ...(row.detail !== null ? { detail: row.detail } : {}),
  };
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

export const deploymentRepository = {
  async insert(tx: Tx, instance: string, data: DeploymentWrite): Promise<DeploymentRecord> {
    const row = await tx.deployment.create({
      data: {
        instanceId: data.instanceId,
        target: data.target,
        requestedAt: data.requestedAt,
        finishedAt: data.finishedAt,
        outcome: data.outcome,
        resourceCount: data.resources.length,
        actor: data.actor ?? null,
        resources: json(data.resources),
        ...(data.plan !== undefined ? { plan: json(data.plan) } : {}),
        issues: json(data.issues),
        detail: data.detail ?? null,
      },
      select: summaryColumns,
    });
    return toRecord(instance, row);
  },

  /** Newest first; `before` is the id of the last item of the previous page. */
  async list(
    tx: Tx,
    instanceId: string,
    instance: string,
    filter: { before?: number; limit: number; outcome?: DeploymentOutcome },
  ): Promise<DeploymentRecord[]> {
    const rows = await tx.deployment.findMany({
      where: {
        instanceId,
        ...(filter.before !== undefined ? { id: { lt: BigInt(filter.before) } } : {}),
        ...(filter.outcome !== undefined ? { outcome: filter.outcome } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit,
      select: summaryColumns,
    });
    return rows.map((row) => toRecord(instance, row));
  },

  async get(
    tx: Tx,
    instanceId: string,
    instance: string,
    id: number,
  ): Promise<(DeploymentRecord & { resources: Resource[] }) | null> {
    const row = await tx.deployment.findFirst({
      where: { instanceId, id: BigInt(id) },
      select: { ...summaryColumns, resources: true },
    });
    if (!row) return null;
    return { ...toRecord(instance, row), resources: row.resources as unknown as Resource[] };
  },

  /** The newest succeeded deployment of the instance (to `target` when given), with the resources it sent. */
  async lastSucceeded(
    tx: Tx,
    instanceId: string,
    instance: string,
    target?: string,
  ): Promise<(DeploymentRecord & { resources: Resource[] }) | null> {
    const row = await tx.deployment.findFirst({
      where: { instanceId, outcome: 'succeeded', ...(target !== undefined ? { target } : {}) },
      orderBy: { id: 'desc' },
      select: { ...summaryColumns, resources: true },
    });
    if (!row) return null;
    return { ...toRecord(instance, row), resources: row.resources as unknown as Resource[] };
  },
};
