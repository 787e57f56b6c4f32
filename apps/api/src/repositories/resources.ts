import {
  API_VERSION,
  ENDPOINT_SETTINGS_KEY,
  ENDPOINT_TYPES,
  graphNodesOf,
  isRecord,
  stagesOf,
  type EndpointType,
  type Issue,
  type Resource,
  type ResourceKey,
  type ResourceKind,
} from '@flowplane/model';
import { Prisma, RECORD_NOT_FOUND, prismaErrorCode, sqlPool, type Db, type Tx } from '../db/client.ts';
import type { InstanceRow } from './instances.ts';

/** What a write stores: the user's part of a resource plus what the server decided about it. */
export interface ResourceWrite {
  name: string;
  labels: Record<string, string> | undefined;
  annotations: Record<string, string> | undefined;
  spec: Record<string, unknown>;
  generation: number;
  /** Dataflows and graphs only: stored although it breaks rules. */
  draft: boolean;
  /** Dataflows and graphs only: the findings of validation at write time. */
  issues: Issue[];
}

/** A stored row, whatever its table. */
export interface StoredRow {
  id: string;
  name: string;
  labels: Record<string, string> | undefined;
  annotations: Record<string, string> | undefined;
  spec: Record<string, unknown>;
  generation: number;
  resourceVersion: bigint;
  createdAt: Date;
  updatedAt: Date;
  draft: boolean;
  issues: Issue[];
  /** Endpoints and profiles: how many dataflows and graphs use them. */
  usage: { dataflows: number; graphs: number } | undefined;
}

export interface ListFilter {
  /** Name substring. */
  q?: string;
  /** Names after this one (the cursor). */
  after?: string;
  limit: number;
  /** Endpoints: endpointType. */
  type?: string;
  /** Dataflows and graphs: spec.profileRef. */
  profile?: string;
  /** Dataflows and graphs: an endpoint they use. */
  endpoint?: string;
  draft?: boolean;
}

interface Table {
  findNames(tx: Tx, instanceId: string, names: readonly string[]): Promise<StoredRow[]>;
  find(tx: Tx, instanceId: string, name: string): Promise<StoredRow | null>;
  list(tx: Tx, instanceId: string, filter: ListFilter): Promise<StoredRow[]>;
  all(tx: Tx, instanceId: string): Promise<StoredRow[]>;
  insert(tx: Tx, instanceId: string, data: ResourceWrite): Promise<StoredRow>;
  /** Null when the row is no longer at `expected` (someone else wrote it first). */
  update(
    tx: Tx,
    instanceId: string,
    id: string,
    expected: bigint,
    data: ResourceWrite,
  ): Promise<StoredRow | null>;
  /** False when the row is no longer at `expected`. */
  remove(tx: Tx, id: string, expected: bigint): Promise<boolean>;
  /** The dataflows and graphs that use the resource (endpoints and profiles). */
  usedBy(tx: Tx, id: string): Promise<ResourceKey[]>;
}

type JsonColumn = Prisma.JsonValue | null;

const record = (value: JsonColumn): Record<string, string> | undefined =>
  isRecord(value) ? (value as Record<string, string>) : undefined;

// Rows were written from validated model resources, so their JSON columns have the model's shapes.
const object = (value: JsonColumn): Record<string, unknown> => (isRecord(value) ? value : {});
const issueList = (value: JsonColumn): Issue[] => (Array.isArray(value) ? (value as unknown as Issue[]) : []);

const nullable = (value: Record<string, string> | undefined) => value ?? Prisma.DbNull;
const json = (value: unknown) => value as Prisma.InputJsonValue;

interface BaseColumns {
  id: string;
  name: string;
  labels: JsonColumn;
  annotations: JsonColumn;
  spec: JsonColumn;
  generation: number;
  resourceVersion: bigint;
  createdAt: Date;
  updatedAt: Date;
}

function toRow(
  row: BaseColumns & { draft?: boolean; issues?: JsonColumn },
  usage?: { dataflows: number; graphs: number },
): StoredRow {
  return {
    id: row.id,
    name: row.name,
    labels: record(row.labels),
    annotations: record(row.annotations),
    spec: object(row.spec),
    generation: row.generation,
    resourceVersion: row.resourceVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    draft: row.draft ?? false,
    issues: issueList(row.issues ?? null),
    usage,
  };
}

function baseData(data: ResourceWrite) {
  return {
    name: data.name,
    labels: nullable(data.labels),
    annotations: nullable(data.annotations),
    spec: json(data.spec),
    generation: data.generation,
    updatedAt: new Date(),
  };
}

const nameFilter = (filter: ListFilter) => ({
  ...(filter.q !== undefined ? { contains: filter.q } : {}),
  ...(filter.after !== undefined ? { gt: filter.after } : {}),
});

async function guardedUpdate<T>(write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    if (prismaErrorCode(error) === RECORD_NOT_FOUND) return null;
    throw error;
  }
}

function endpointColumns(spec: Record<string, unknown>) {
  const type = String(spec.endpointType);
  const key = (ENDPOINT_TYPES as readonly string[]).includes(type)
    ? ENDPOINT_SETTINGS_KEY[type as EndpointType]
    : undefined;
  const settings = key ? spec[key] : undefined;
  const host = isRecord(settings) && typeof settings.host === 'string' ? settings.host : null;
  return { endpointType: type, host };
}

const usageCount = { _count: { select: { usedBy: true, usedByGraphs: true } } } as const;
const endpointUsage = (row: { _count: { usedBy: number; usedByGraphs: number } }) => ({
  dataflows: row._count.usedBy,
  graphs: row._count.usedByGraphs,
});

const endpoints: Table = {
  async findNames(tx, instanceId, names) {
    if (names.length === 0) return [];
    const rows = await tx.dataflowEndpoint.findMany({ where: { instanceId, name: { in: [...names] } } });
    return rows.map((row) => toRow(row));
  },
  async find(tx, instanceId, name) {
    const row = await tx.dataflowEndpoint.findUnique({
      where: { instanceId_name: { instanceId, name } },
      include: usageCount,
    });
    return row && toRow(row, endpointUsage(row));
  },
  async list(tx, instanceId, filter) {
    const rows = await tx.dataflowEndpoint.findMany({
      where: {
        instanceId,
        name: nameFilter(filter),
        ...(filter.type !== undefined ? { endpointType: filter.type } : {}),
      },
      include: usageCount,
      orderBy: { name: 'asc' },
      take: filter.limit,
    });
    return rows.map((row) => toRow(row, endpointUsage(row)));
  },
  async all(tx, instanceId) {
    return (await tx.dataflowEndpoint.findMany({ where: { instanceId } })).map((row) => toRow(row));
  },
  async insert(tx, instanceId, data) {
    const row = await tx.dataflowEndpoint.create({
      data: { ...baseData(data), instanceId, ...endpointColumns(data.spec) },
      include: usageCount,
    });
    return toRow(row, endpointUsage(row));
  },
  async update(tx, _instanceId, id, expected, data) {
    const row = await guardedUpdate(() =>
      tx.dataflowEndpoint.update({
        where: { id, resourceVersion: expected },
        data: { ...baseData(data), ...endpointColumns(data.spec) },
        include: usageCount,
      }),
    );
    return row && toRow(row, endpointUsage(row));
  },
  async remove(tx, id, expected) {
    return (await tx.dataflowEndpoint.deleteMany({ where: { id, resourceVersion: expected } })).count === 1;
  },
  async usedBy(tx, id) {
    const [flows, graphs] = await Promise.all([
      tx.dataflowEndpointRef.findMany({
        where: { endpointId: id },
        select: { dataflow: { select: { name: true } } },
      }),
      tx.dataflowGraphEndpointRef.findMany({
        where: { endpointId: id },
        select: { graph: { select: { name: true } } },
      }),
    ]);
    return [
      ...flows.map((r) => ({ kind: 'Dataflow', name: r.dataflow.name })),
      ...graphs.map((r) => ({ kind: 'DataflowGraph', name: r.graph.name })),
    ];
  },
};

const profileUsage = { _count: { select: { dataflows: true, graphs: true } } } as const;
const profileCounts = (row: { _count: { dataflows: number; graphs: number } }) => ({
  dataflows: row._count.dataflows,
  graphs: row._count.graphs,
});
const instanceCountOf = (spec: Record<string, unknown>) =>
  typeof spec.instanceCount === 'number' ? spec.instanceCount : 1;

const profiles: Table = {
  async findNames(tx, instanceId, names) {
    if (names.length === 0) return [];
    const rows = await tx.dataflowProfile.findMany({ where: { instanceId, name: { in: [...names] } } });
    return rows.map((row) => toRow(row));
  },
  async find(tx, instanceId, name) {
    const row = await tx.dataflowProfile.findUnique({
      where: { instanceId_name: { instanceId, name } },
      include: profileUsage,
    });
    return row && toRow(row, profileCounts(row));
  },
  async list(tx, instanceId, filter) {
    const rows = await tx.dataflowProfile.findMany({
      where: { instanceId, name: nameFilter(filter) },
      include: profileUsage,
      orderBy: { name: 'asc' },
      take: filter.limit,
    });
    return rows.map((row) => toRow(row, profileCounts(row)));
  },
  async all(tx, instanceId) {
    return (await tx.dataflowProfile.findMany({ where: { instanceId } })).map((row) => toRow(row));
  },
  async insert(tx, instanceId, data) {
    const row = await tx.dataflowProfile.create({
      data: { ...baseData(data), instanceId, instanceCount: instanceCountOf(data.spec) },
      include: profileUsage,
    });
    return toRow(row, profileCounts(row));
  },
  async update(tx, _instanceId, id, expected, data) {
    const row = await guardedUpdate(() =>
      tx.dataflowProfile.update({
        where: { id, resourceVersion: expected },
        data: { ...baseData(data), instanceCount: instanceCountOf(data.spec) },
        include: profileUsage,
      }),
    );
    return row && toRow(row, profileCounts(row));
  },
  async remove(tx, id, expected) {
    return (await tx.dataflowProfile.deleteMany({ where: { id, resourceVersion: expected } })).count === 1;
  },
  async usedBy(tx, id) {
    const [flows, graphs] = await Promise.all([
      tx.dataflow.findMany({ where: { profileId: id }, select: { name: true }, orderBy: { name: 'asc' } }),
      tx.dataflowGraph.findMany({
        where: { profileId: id },
        select: { name: true },
        orderBy: { name: 'asc' },
      }),
    ]);
    return [
      ...flows.map((r) => ({ kind: 'Dataflow', name: r.name })),
      ...graphs.map((r) => ({ kind: 'DataflowGraph', name: r.name })),
    ];
  },
};

/**
 * The dataflows and graphs (not drafts) that use one of these endpoints or profiles: what a change to
 * them could break.
 */
export async function dependentFlows(
  tx: Tx,
  instanceId: string,
  endpointNames: readonly string[],
  profileNames: readonly string[],
): Promise<{ kind: 'Dataflow' | 'DataflowGraph'; row: StoredRow }[]> {
  if (endpointNames.length === 0 && profileNames.length === 0) return [];
  const [flows, graphs] = await Promise.all([
    tx.dataflow.findMany({
      where: {
        instanceId,
        draft: false,
        OR: [
          { profileName: { in: [...profileNames] } },
          { endpoints: { some: { endpoint: { name: { in: [...endpointNames] } } } } },
        ],
      },
    }),
    tx.dataflowGraph.findMany({
      where: {
        instanceId,
        draft: false,
        OR: [
          { profileName: { in: [...profileNames] } },
          { endpoints: { some: { endpoint: { name: { in: [...endpointNames] } } } } },
        ],
      },
    }),
  ]);
  return [
    ...flows.map((row) => ({ kind: 'Dataflow' as const, row: toRow(row) })),
    ...graphs.map((row) => ({ kind: 'DataflowGraph' as const, row: toRow(row) })),
  ];
}

/** Endpoint names a dataflow or graph reads from or writes to. */
export function endpointRefsOf(kind: ResourceKind, spec: unknown): string[] {
  const names =
    kind === 'Dataflow'
      ? (() => {
          const stages = stagesOf(spec);
          return [...stages.sources, ...stages.destinations].map((s) => s.settings.endpointRef);
        })()
      : graphNodesOf(spec)
          .filter((n) => n.type === 'Source' || n.type === 'Destination')
          .map((n) => n.settings?.endpointRef);
  return [...new Set(names.filter((n): n is string => typeof n === 'string'))];
}

/**
 * The foreign keys of a dataflow or graph: its profile and endpoints as they exist now. References to
 * resources that do not exist (only drafts have them) are left out.
 */
async function references(tx: Tx, instanceId: string, kind: ResourceKind, data: ResourceWrite) {
  const profileName = typeof data.spec.profileRef === 'string' ? data.spec.profileRef : '';
  const names = endpointRefsOf(kind, data.spec);
  const [profile, found] = await Promise.all([
    tx.dataflowProfile.findUnique({
      where: { instanceId_name: { instanceId, name: profileName } },
      select: { id: true },
    }),
    names.length === 0
      ? Promise.resolve([])
      : tx.dataflowEndpoint.findMany({ where: { instanceId, name: { in: names } }, select: { id: true } }),
  ]);
  return { profileName, profileId: profile?.id ?? null, endpointIds: found.map((e) => e.id) };
}

function flowData(data: ResourceWrite) {
  return { ...baseData(data), draft: data.draft, issues: json(data.issues) };
}

const dataflows: Table = {
  async findNames(tx, instanceId, names) {
    if (names.length === 0) return [];
    const rows = await tx.dataflow.findMany({ where: { instanceId, name: { in: [...names] } } });
    return rows.map((row) => toRow(row));
  },
  async find(tx, instanceId, name) {
    const row = await tx.dataflow.findUnique({ where: { instanceId_name: { instanceId, name } } });
    return row && toRow(row);
  },
  async list(tx, instanceId, filter) {
    const rows = await tx.dataflow.findMany({
      where: {
        instanceId,
        name: nameFilter(filter),
        ...(filter.profile !== undefined ? { profileName: filter.profile } : {}),
        ...(filter.draft !== undefined ? { draft: filter.draft } : {}),
        ...(filter.endpoint !== undefined
          ? { endpoints: { some: { endpoint: { name: filter.endpoint } } } }
          : {}),
      },
      orderBy: { name: 'asc' },
      take: filter.limit,
    });
    return rows.map((row) => toRow(row));
  },
  async all(tx, instanceId) {
    return (await tx.dataflow.findMany({ where: { instanceId } })).map((row) => toRow(row));
  },
  async insert(tx, instanceId, data) {
    const refs = await references(tx, instanceId, 'Dataflow', data);
    const row = await tx.dataflow.create({
      data: {
        ...flowData(data),
        instanceId,
        profileName: refs.profileName,
        profileId: refs.profileId,
        endpoints: { create: refs.endpointIds.map((endpointId) => ({ endpointId })) },
      },
    });
    return toRow(row);
  },
  async update(tx, instanceId, id, expected, data) {
    const refs = await references(tx, instanceId, 'Dataflow', data);
    const row = await guardedUpdate(() =>
      tx.dataflow.update({
        where: { id, resourceVersion: expected },
        data: {
          ...flowData(data),
          profileName: refs.profileName,
          profileId: refs.profileId,
          endpoints: { deleteMany: {}, create: refs.endpointIds.map((endpointId) => ({ endpointId })) },
        },
      }),
    );
    return row && toRow(row);
  },
  async remove(tx, id, expected) {
    return (await tx.dataflow.deleteMany({ where: { id, resourceVersion: expected } })).count === 1;
  },
  async usedBy() {
    return [];
  },
};

const graphs: Table = {
  async findNames(tx, instanceId, names) {
    if (names.length === 0) return [];
    const rows = await tx.dataflowGraph.findMany({ where: { instanceId, name: { in: [...names] } } });
    return rows.map((row) => toRow(row));
  },
  async find(tx, instanceId, name) {
    const row = await tx.dataflowGraph.findUnique({ where: { instanceId_name: { instanceId, name } } });
    return row && toRow(row);
  },
  async list(tx, instanceId, filter) {
    const rows = await tx.dataflowGraph.findMany({
      where: {
        instanceId,
        name: nameFilter(filter),
        ...(filter.profile !== undefined ? { profileName: filter.profile } : {}),
        ...(filter.draft !== undefined ? { draft: filter.draft } : {}),
        ...(filter.endpoint !== undefined
          ? { endpoints: { some: { endpoint: { name: filter.endpoint } } } }
          : {}),
      },
      orderBy: { name: 'asc' },
      take: filter.limit,
    });
    return rows.map((row) => toRow(row));
  },
  async all(tx, instanceId) {
    return (await tx.dataflowGraph.findMany({ where: { instanceId } })).map((row) => toRow(row));
  },
  async insert(tx, instanceId, data) {
    const refs = await references(tx, instanceId, 'DataflowGraph', data);
    const row = await tx.dataflowGraph.create({
      data: {
        ...flowData(data),
        instanceId,
        profileName: refs.profileName,
        profileId: refs.profileId,
        endpoints: { create: refs.endpointIds.map((endpointId) => ({ endpointId })) },
      },
    });
    return toRow(row);
  },
  async update(tx, instanceId, id, expected, data) {
    const refs = await references(tx, instanceId, 'DataflowGraph', data);
    const row = await guardedUpdate(() =>
      tx.dataflowGraph.update({
        where: { id, resourceVersion: expected },
        data: {
          ...flowData(data),
          profileName: refs.profileName,
          profileId: refs.profileId,
          endpoints: { deleteMany: {}, create: refs.endpointIds.map((endpointId) => ({ endpointId })) },
        },
      }),
    );
    return row && toRow(row);
  },
  async remove(tx, id, expected) {
    return (await tx.dataflowGraph.deleteMany({ where: { id, resourceVersion: expected } })).count === 1;
  },
  async usedBy() {
    return [];
  },
};

/**
 * The instance and a stamp that changes with every committed write in it (its own version and its
 * contentVersion, see instanceRepository.lock). One indexed row: the hot path of list pages.
 */
export async function instanceWithStamp(
  db: Db,
  name: string,
): Promise<{ instance: InstanceRow; stamp: string } | undefined> {
  // node-postgres directly: through Prisma this one-row query costs several times more CPU than the database.
  const { rows } = await sqlPool(db).query<{
    id: string;
    name: string;
    namespace: string;
    description: string | null;
    resource_version: string;
    content_version: string;
    created_at: Date;
  }>(
    `SELECT id::text, name, namespace, description, resource_version, content_version, created_at
     FROM instances WHERE name = $1`,
    [name],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    instance: {
      id: row.id,
      name: row.name,
      namespace: row.namespace,
      description: row.description,
      resourceVersion: BigInt(row.resource_version),
      createdAt: row.created_at,
    },
    stamp: `${row.resource_version}:${row.content_version}`,
  };
}

export const TABLES: Record<ResourceKind, Table> = {
  DataflowEndpoint: endpoints,
  DataflowProfile: profiles,
  Dataflow: dataflows,
  DataflowGraph: graphs,
};

/** Kinds in the order their rows can be written (what others reference first). */
export const WRITE_ORDER: readonly ResourceKind[] = [
  'DataflowEndpoint',
  'DataflowProfile',
  'Dataflow',
  'DataflowGraph',
];

/** A stored row as the model resource the API serves (Kubernetes envelope with server metadata). */
export function toResource(kind: ResourceKind, row: StoredRow, namespace: string): Resource {
  // updatedAt is the "last changed" of lists; status is read-only, so clients may send it back unchanged.
  const status = {
    updatedAt: row.updatedAt.toISOString(),
    ...(kind === 'Dataflow' || kind === 'DataflowGraph'
      ? { draft: row.draft, valid: !row.issues.some((i) => i.severity === 'error'), issues: row.issues }
      : row.usage && { usage: row.usage }),
  };
  // The spec was validated against the kind's schema before it was stored.
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: {
      name: row.name,
      namespace,
      ...(row.labels ? { labels: row.labels } : {}),
      ...(row.annotations ? { annotations: row.annotations } : {}),
      uid: row.id,
      resourceVersion: String(row.resourceVersion),
      generation: row.generation,
      creationTimestamp: row.createdAt.toISOString(),
    },
    spec: row.spec,
    status,
  } as Resource;
}
