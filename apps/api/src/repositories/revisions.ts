import type { Resource, ResourceKind } from '@flowplane/model';
import type { Prisma, Tx } from '../db/client.ts';

export const REVISION_OPERATIONS = ['create', 'update', 'delete', 'restore', 'import'] as const;
export type RevisionOperation = (typeof REVISION_OPERATIONS)[number];

export interface RevisionSummary {
  revision: number;
  operation: RevisionOperation;
  actor?: string;
  timestamp: string;
  resourceVersion?: string;
}

export interface RevisionRecord extends RevisionSummary {
  resource: Resource;
}

/** One write anywhere in an instance: which resource, and the revision it made. */
export interface InstanceRevisionSummary extends RevisionSummary {
  kind: ResourceKind;
  name: string;
}

interface RevisionRow {
  revision: number;
  operation: string;
  actor: string | null;
  createdAt: Date;
  resource: Prisma.JsonValue;
}

// Revisions are written only by `append`, from model resources and the operations above.
function toSummary(row: RevisionRow): RevisionSummary {
  const resource = row.resource as unknown as Resource;
  return {
    revision: row.revision,
    operation: row.operation as RevisionOperation,
    ...(row.actor !== null ? { actor: row.actor } : {}),
    timestamp: row.createdAt.toISOString(),
    ...(resource.metadata.resourceVersion !== undefined
      ? { resourceVersion: resource.metadata.resourceVersion }
      : {}),
  };
}

export const revisionRepository = {
  /** Appends the next revision of a resource (numbered from 1 per instance, kind and name). */
  async append(
    tx: Tx,
    instanceId: string,
    resource: Resource,
    operation: RevisionOperation,
    actor: string | undefined,
  ): Promise<number> {
    const key = { instanceId, kind: resource.kind, name: resource.metadata.name };
    const last = await tx.revision.aggregate({ where: key, _max: { revision: true } });
    const revision = (last._max.revision ?? 0) + 1;
    await tx.revision.create({
      data: {
        ...key,
        revision,
        operation,
        actor: actor ?? null,
        resource: resource as unknown as Prisma.InputJsonValue,
      },
    });
    return revision;
  },
  async list(tx: Tx, instanceId: string, kind: ResourceKind, name: string): Promise<RevisionSummary[]> {
    const rows = await tx.revision.findMany({
      where: { instanceId, kind, name },
      orderBy: { revision: 'desc' },
    });
    return rows.map(toSummary);
  },
  async get(
    tx: Tx,
    instanceId: string,
    kind: ResourceKind,
    name: string,
    revision: number,
  ): Promise<RevisionRecord | null> {
    const row = await tx.revision.findUnique({
      where: { instanceId_kind_name_revision: { instanceId, kind, name, revision } },
    });
    return row && { ...toSummary(row), resource: row.resource as unknown as Resource };
  },
  /** The latest writes of an instance across kinds and names, newest first. */
  async listInstance(tx: Tx, instanceId: string, limit: number): Promise<InstanceRevisionSummary[]> {
    // The writes of one transaction (an import) share created_at; the id keeps the order they were made in.
    const rows = await tx.revision.findMany({
      where: { instanceId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map((row) => ({ kind: row.kind as ResourceKind, name: row.name, ...toSummary(row) }));
  },
};
