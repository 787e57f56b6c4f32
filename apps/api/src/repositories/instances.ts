import type { Tx } from '../db/client.ts';
import { RECORD_NOT_FOUND, prismaErrorCode } from '../db/client.ts';

/** An instance as the API serves it. */
export interface InstanceRecord {
  name: string;
  namespace: string;
  description?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  /** The runtime that serves the instance (deploys, status), or null when none does. */
  runtime: { url: string; embedded: boolean } | null;
}

export interface InstanceRow {
  id: string;
  name: string;
  namespace: string;
  description: string | null;
  resourceVersion: bigint;
  createdAt: Date;
}

export function toInstanceRecord(row: InstanceRow, runtime: InstanceRecord['runtime']): InstanceRecord {
  return {
    name: row.name,
    namespace: row.namespace,
    ...(row.description !== null ? { description: row.description } : {}),
    uid: row.id,
    resourceVersion: String(row.resourceVersion),
    creationTimestamp: row.createdAt.toISOString(),
    runtime,
  };
}

export interface InstanceWrite {
  name: string;
  namespace: string;
  description: string | undefined;
}

export const instanceRepository = {
  find(tx: Tx, name: string): Promise<InstanceRow | null> {
    return tx.instance.findUnique({ where: { name } });
  },
  list(tx: Tx, filter: { q?: string; after?: string; limit: number }): Promise<InstanceRow[]> {
    return tx.instance.findMany({
      where: {
        name: {
          ...(filter.q !== undefined ? { contains: filter.q } : {}),
          ...(filter.after !== undefined ? { gt: filter.after } : {}),
        },
      },
      orderBy: { name: 'asc' },
      take: filter.limit,
    });
  },
  /**
   * Marks the instance as changing, first thing in a writing transaction: the row lock orders concurrent
   * writers of one instance (always instance first, then resources, so they cannot deadlock) and the new
   * contentVersion becomes visible with the writes, at commit. Null when there is no such instance.
   */
  async lock(tx: Tx, name: string): Promise<InstanceRow | null> {
    try {
      return await tx.instance.update({ where: { name }, data: { contentVersion: { increment: 1 } } });
    } catch (error) {
      if (prismaErrorCode(error) === RECORD_NOT_FOUND) return null;
      throw error;
    }
  },
  insert(tx: Tx, data: InstanceWrite): Promise<InstanceRow> {
    return tx.instance.create({ data: { ...data, description: data.description ?? null } });
  },
  async update(tx: Tx, id: string, expected: bigint, data: InstanceWrite): Promise<InstanceRow | null> {
    try {
      return await tx.instance.update({
        where: { id, resourceVersion: expected },
        data: { namespace: data.namespace, description: data.description ?? null, updatedAt: new Date() },
      });
    } catch (error) {
      if (prismaErrorCode(error) === RECORD_NOT_FOUND) return null;
      throw error;
    }
  },
  /** Deletes the instance with everything in it; dataflows and graphs go first, as they hold the references. */
  async remove(tx: Tx, id: string, expected: bigint): Promise<boolean> {
    await tx.dataflow.deleteMany({ where: { instanceId: id } });
    await tx.dataflowGraph.deleteMany({ where: { instanceId: id } });
    return (await tx.instance.deleteMany({ where: { id, resourceVersion: expected } })).count === 1;
  },
  /** Resources other than the `default` endpoint and profile every instance starts with. */
  async userResources(tx: Tx, id: string): Promise<number> {
    const notDefault = { instanceId: id, name: { not: 'default' } };
    const counts = await Promise.all([
      tx.dataflowEndpoint.count({ where: notDefault }),
      tx.dataflowProfile.count({ where: notDefault }),
      tx.dataflow.count({ where: { instanceId: id } }),
      tx.dataflowGraph.count({ where: { instanceId: id } }),
    ]);
    return counts.reduce((a, b) => a + b, 0);
  },
};
