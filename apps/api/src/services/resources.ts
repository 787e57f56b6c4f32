import { transformationIssues } from '@flowplane/mapping';
import {
  ConflictError,
  NotFoundError,
  formatResourceKey,
  hasErrors,
  validateInstance,
  validateResource,
  type Issue,
  type Resource,
  type ResourceIssue,
  type ResourceKind,
  InUseError,
  RuleViolationError,
} from '@flowplane/model';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { FOREIGN_KEY_VIOLATION, UNIQUE_VIOLATION, prismaErrorCode, type Db, type Tx } from '../db/client.ts';
import type { InstanceStamps } from '../db/instance-stamps.ts';
import { instanceRepository, type InstanceRow } from '../repositories/instances.ts';
import {
  TABLES,
  instanceWithStamp,
  toResource,
  type ListFilter,
  type ResourceWrite,
  type StoredRow,
} from '../repositories/resources.ts';
import { revisionRepository, type RevisionOperation } from '../repositories/revisions.ts';
import { WriteRaceError, checkPrecondition, retryRaces } from './versions.ts';

export interface WriteOptions {
  actor?: string;
  /** If-Match header. */
  ifMatch?: string;
  /** Dataflows and graphs: store even when rules are broken. */
  draft?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const KIND_LABELS: Record<ResourceKind, string> = {
  DataflowEndpoint: 'Endpoint',
  DataflowProfile: 'Profile',
  Dataflow: 'Dataflow',
  DataflowGraph: 'Dataflow graph',
};

const isFlowKind = (kind: ResourceKind) => kind === 'Dataflow' || kind === 'DataflowGraph';

export async function instanceOf(tx: Tx, name: string): Promise<InstanceRow> {
  const instance = await instanceRepository.find(tx, name);
  if (!instance) throw new NotFoundError(`Instance "${name}" does not exist.`);
  return instance;
}

/** The instance, locked for a writing transaction (see instanceRepository.lock). */
export async function instanceForWrite(tx: Tx, name: string): Promise<InstanceRow> {
  const instance = await instanceRepository.lock(tx, name);
  if (!instance) throw new NotFoundError(`Instance "${name}" does not exist.`);
  return instance;
}

/** The definition a user owns: no server metadata, no status, in the instance's namespace. */
export function definitionOf(resource: Resource, namespace: string): Resource {
  const { metadata } = resource;
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    metadata: {
      name: metadata.name,
      namespace,
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
    },
    spec: resource.spec,
  } as Resource;
}

export function toWrite(
  resource: Resource,
  generation: number,
  draft: boolean,
  issues: Issue[],
): ResourceWrite {
  return {
    name: resource.metadata.name,
    labels: resource.metadata.labels,
    annotations: resource.metadata.annotations,
    spec: resource.spec as Record<string, unknown>,
    generation,
    draft,
    issues,
  };
}

/** True when a write would change what the user owns (spec, labels or annotations). */
export function changes(
  row: {
    spec: unknown;
    labels: Record<string, string> | undefined;
    annotations: Record<string, string> | undefined;
  },
  resource: Resource,
): { spec: boolean; any: boolean } {
  const spec = !isDeepStrictEqual(row.spec, resource.spec);
  const meta =
    !isDeepStrictEqual(row.labels, resource.metadata.labels) ||
    !isDeepStrictEqual(row.annotations, resource.metadata.annotations);
  return { spec, any: spec || meta };
}

/** The stored resources of an instance, as the model's validation sees them. */
export async function storedResources(
  tx: Tx,
  instance: InstanceRow,
  kinds: readonly ResourceKind[],
): Promise<Resource[]> {
  const rows = await Promise.all(kinds.map((kind) => TABLES[kind].all(tx, instance.id)));
  return kinds.flatMap((kind, i) => rows[i]!.map((row) => toResource(kind, row, instance.namespace)));
}

const errorsOf = (issues: readonly Issue[]) => issues.filter((i) => i.severity === 'error');

/**
 * What the rules say about one resource in its instance. Dataflows and graphs are judged against the
 * stored endpoints and profiles. Endpoints and profiles are judged on their own, and then every dataflow
 * and graph (not drafts) that uses them is judged again with the new version: a change that would break
 * them is refused, with their issues.
 */
async function judge(tx: Tx, instance: InstanceRow, resource: Resource): Promise<Issue[]> {
  if (isFlowKind(resource.kind)) {
    const context = await storedResources(tx, instance, ['DataflowEndpoint', 'DataflowProfile']);
    const docs = [...context, resource];
    return [
      ...validateInstance(docs)
        .filter((i) => i.index === docs.length - 1)
        .map(({ path, code, message, severity }) => ({ path, code, message, severity })),
      ...transformationIssues(resource),
    ];
  }
  const own = validateResource(resource);
  if (hasErrors(own)) return own;
  const broken = await brokenDependents(tx, instance, resource);
  if (broken.length > 0) {
    throw new RuleViolationError(
      `This change would break ${describe(broken)} that use${broken.length === 1 ? 's' : ''} ${resource.metadata.name}.`,
      broken,
    );
  }
  return own;
}

function describe(issues: readonly ResourceIssue[]): string {
  const names = [...new Set(issues.map((i) => formatResourceKey(i.resource)))];
  return names.join(', ');
}

async function brokenDependents(tx: Tx, instance: InstanceRow, changed: Resource): Promise<ResourceIssue[]> {
  const existing = await TABLES[changed.kind].find(tx, instance.id, changed.metadata.name);
  if (!existing) return [];
  const users = await TABLES[changed.kind].usedBy(tx, existing.id);
  if (users.length === 0) return [];
  const all = await storedResources(tx, instance, [
    'DataflowEndpoint',
    'DataflowProfile',
    'Dataflow',
    'DataflowGraph',
  ]);
  const flows = await Promise.all(
    (['Dataflow', 'DataflowGraph'] as const).map((kind) => TABLES[kind].all(tx, instance.id)),
  );
  const drafts = new Set(
    flows.flatMap((rows, i) =>
      rows.filter((r) => r.draft).map((r) => `${i === 0 ? 'Dataflow' : 'DataflowGraph'}/${r.name}`),
    ),
  );
  const isUser = (r: Resource) =>
    users.some((u) => u.kind === r.kind && u.name === r.metadata.name) &&
    !drafts.has(`${r.kind}/${r.metadata.name}`);
  const docs = [
    ...all.filter(
      (r) => !isFlowKind(r.kind) && !(r.kind === changed.kind && r.metadata.name === changed.metadata.name),
    ),
    changed,
    ...all.filter(isUser),
  ];
  const firstUser = docs.length - all.filter(isUser).length;
  return validateInstance(docs).filter((i) => i.index >= firstUser && i.severity === 'error');
}

function ruleError(kind: ResourceKind, name: string, issues: readonly Issue[]): RuleViolationError {
  return new RuleViolationError(
    `${KIND_LABELS[kind]} "${name}" breaks ${errorsOf(issues).length === 1 ? 'a rule' : 'rules'}${isFlowKind(kind) ? ' (save it with ?draft=true to keep it as a draft)' : ''}.`,
    errorsOf(issues),
  );
}

/** Stores a new or changed resource and appends its revision, inside the caller's transaction. */
export async function writeResource(
  tx: Tx,
  instance: InstanceRow,
  resource: Resource,
  existing: StoredRow | null,
  options: { draft: boolean; issues: Issue[]; operation: RevisionOperation; actor: string | undefined },
): Promise<Resource> {
  const table = TABLES[resource.kind];
  let row: StoredRow;
  if (existing) {
    const generation = existing.generation + (changes(existing, resource).spec ? 1 : 0);
    const updated = await table.update(
      tx,
      instance.id,
      existing.id,
      existing.resourceVersion,
      toWrite(resource, generation, options.draft, options.issues),
    );
    if (!updated) throw new WriteRaceError();
    row = updated;
  } else {
    row = await table.insert(tx, instance.id, toWrite(resource, 1, options.draft, options.issues));
  }
  const stored = toResource(resource.kind, row, instance.namespace);
  await revisionRepository.append(tx, instance.id, stored, options.operation, options.actor);
  return stored;
}

/**
 * CRUD, history and lists of one kind's resources. `stamps` tells list pages whether anything changed
 * (default: ask the database every time).
 */
export function createResourceService(
  db: Db,
  stamps: Pick<InstanceStamps, 'get'> = { get: (name) => instanceWithStamp(db, name) },
) {
  async function get(instanceName: string, kind: ResourceKind, name: string): Promise<Resource> {
    const instance = await instanceOf(db, instanceName);
    const row = await TABLES[kind].find(db, instance.id, name);
    if (!row)
      throw new NotFoundError(`${KIND_LABELS[kind]} "${name}" does not exist in instance "${instanceName}".`);
    return toResource(kind, row, instance.namespace);
  }

  async function list(instanceName: string, kind: ResourceKind, filter: ListFilter): Promise<Page<Resource>> {
    const instance = await instanceOf(db, instanceName);
    return listPage(instance, kind, filter);
  }

  async function listPage(
    instance: InstanceRow,
    kind: ResourceKind,
    filter: ListFilter,
  ): Promise<Page<Resource>> {
    const rows = await TABLES[kind].list(db, instance.id, { ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map((row) => toResource(kind, row, instance.namespace)),
      nextCursor: rows.length > filter.limit ? encodeCursor(page[page.length - 1]!.name) : null,
    };
  }

  const lists = new ListCache();

  /**
   * A list page as encoded JSON, with an ETag. Pages are kept (serialized) until anything in the instance
   * changes: the instance's change stamp decides (remembered in memory while the change feed runs, else a
   * one-row query), read before the rows so that a page is never filed under a stamp newer than its
   * content.
   */
  async function listJson(instanceName: string, kind: ResourceKind, filter: ListFilter) {
    const found = await stamps.get(instanceName);
    if (!found) throw new NotFoundError(`Instance "${instanceName}" does not exist.`);
    const { instance, stamp } = found;
    const key = `${instance.id} ${kind} ${JSON.stringify(filter)}`;
    const cached = lists.get(key, stamp);
    if (cached) return cached;
    const page = await listPage(instance, kind, filter);
    const entry = {
      // Encoded once: sending a cached Buffer costs a fraction of encoding a long string per request.
      body: Buffer.from(JSON.stringify({ kind: `${kind}List`, ...page }), 'utf8'),
      etag: `W/"${createHash('sha1').update(`${key} ${stamp}`).digest('base64url')}"`,
    };
    lists.set(key, stamp, entry);
    return entry;
  }

  /** Creates (`create`), replaces (`replace`: it must exist) or writes (`upsert`) one resource. */
  async function save(
    instanceName: string,
    body: Resource,
    mode: 'create' | 'replace' | 'upsert',
    options: WriteOptions,
    operation: RevisionOperation,
  ): Promise<{ resource: Resource; created: boolean }> {
    const kind = body.kind;
    const draft = isFlowKind(kind) && options.draft === true;
    return retryRaces(() =>
      db.$transaction(async (tx) => {
        const instance = await instanceForWrite(tx, instanceName);
        const resource = definitionOf(body, instance.namespace);
        const name = resource.metadata.name;
        const existing = await TABLES[kind].find(tx, instance.id, name);
        if (mode === 'replace' && !existing) {
          throw new NotFoundError(
            `${KIND_LABELS[kind]} "${name}" does not exist in instance "${instanceName}".`,
          );
        }
        if (existing && mode !== 'create') {
          checkPrecondition(
            options.ifMatch ?? body.metadata.resourceVersion,
            existing.resourceVersion,
            `${KIND_LABELS[kind]} "${name}"`,
          );
        } else if (existing) {
          throw new ConflictError(
            `${KIND_LABELS[kind]} "${name}" already exists in instance "${instanceName}"; replace it with PUT.`,
          );
        }
        const issues = await judge(tx, instance, resource);
        if (hasErrors(issues) && !draft) throw ruleError(kind, name, issues);
        const stored = await writeResource(tx, instance, resource, existing, {
          draft,
          issues: isFlowKind(kind) ? issues : [],
          operation,
          actor: options.actor,
        });
        return { resource: stored, created: !existing };
      }),
    ).catch((error: unknown) => {
      if (prismaErrorCode(error) === UNIQUE_VIOLATION) {
        throw new ConflictError(
          `${KIND_LABELS[kind]} "${body.metadata.name}" was created by someone else just now.`,
        );
      }
      if (prismaErrorCode(error) === FOREIGN_KEY_VIOLATION) {
        throw new ConflictError(
          `A resource ${body.metadata.name} refers to was deleted just now; try again.`,
        );
      }
      throw error;
    });
  }

  async function create(instanceName: string, body: Resource, options: WriteOptions = {}) {
    return (await save(instanceName, body, 'create', options, 'create')).resource;
  }

  async function replace(instanceName: string, body: Resource, options: WriteOptions = {}) {
    return (await save(instanceName, body, 'replace', options, 'update')).resource;
  }

  async function remove(instanceName: string, kind: ResourceKind, name: string, options: WriteOptions = {}) {
    const label = `${KIND_LABELS[kind]} "${name}"`;
    const attempt = () =>
      db.$transaction(async (tx) => {
        const instance = await instanceForWrite(tx, instanceName);
        const table = TABLES[kind];
        const existing = await table.find(tx, instance.id, name);
        if (!existing) throw new NotFoundError(`${label} does not exist in instance "${instanceName}".`);
        checkPrecondition(options.ifMatch, existing.resourceVersion, label);
        const users = await table.usedBy(tx, existing.id);
        if (users.length > 0) throw inUse(label, users);
        if (!(await table.remove(tx, existing.id, existing.resourceVersion))) throw new WriteRaceError();
        await revisionRepository.append(
          tx,
          instance.id,
          toResource(kind, existing, instance.namespace),
          'delete',
          options.actor,
        );
      });
    try {
      await retryRaces(attempt);
    } catch (error) {
      // A dataflow that started using it after the check above: the foreign key refused the delete.
      if (prismaErrorCode(error) !== FOREIGN_KEY_VIOLATION) throw error;
      const instance = await instanceOf(db, instanceName);
      const row = await TABLES[kind].find(db, instance.id, name);
      throw inUse(label, row ? await TABLES[kind].usedBy(db, row.id) : []);
    }
  }

  async function revisions(instanceName: string, kind: ResourceKind, name: string) {
    const instance = await instanceOf(db, instanceName);
    const items = await revisionRepository.list(db, instance.id, kind, name);
    if (items.length === 0)
      throw new NotFoundError(`${KIND_LABELS[kind]} "${name}" has no history in instance "${instanceName}".`);
    return items;
  }

  async function revision(instanceName: string, kind: ResourceKind, name: string, n: number) {
    const instance = await instanceOf(db, instanceName);
    const found = await revisionRepository.get(db, instance.id, kind, name, n);
    if (!found) throw new NotFoundError(`${KIND_LABELS[kind]} "${name}" has no revision ${n}.`);
    return found;
  }

  /** Makes revision n the current version again (re-creating the resource if it was deleted). */
  async function restore(
    instanceName: string,
    kind: ResourceKind,
    name: string,
    n: number,
    options: WriteOptions = {},
  ) {
    const { resource } = await revision(instanceName, kind, name, n);
    return save(instanceName, definitionOf(resource, ''), 'upsert', options, 'restore');
  }

  /** The latest writes of the instance across kinds, newest first (deletes included). */
  async function instanceRevisions(instanceName: string, limit: number) {
    const instance = await instanceOf(db, instanceName);
    return revisionRepository.listInstance(db, instance.id, limit);
  }

  return { get, list, listJson, create, replace, remove, revisions, revision, restore, instanceRevisions };
}

export type ResourceService = ReturnType<typeof createResourceService>;

function inUse(label: string, users: readonly { kind: string; name: string }[]): InUseError {
  const names = users.map((u) => formatResourceKey(u)).join(', ');
  return new InUseError(
    `${label} is used by ${names}; change or delete ${users.length === 1 ? 'it' : 'them'} first.`,
    users,
  );
}

interface ListEntry {
  body: Buffer;
  etag: string;
}

/** The most recent list pages, each valid while its instance's stamp is unchanged. */
class ListCache {
  readonly #entries = new Map<string, { stamp: string; value: ListEntry }>();
  readonly #max: number;
  constructor(max = 64) {
    this.#max = max;
  }
  get(key: string, stamp: string) {
    const entry = this.#entries.get(key);
    if (!entry || entry.stamp !== stamp) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }
  set(key: string, stamp: string, value: ListEntry) {
    this.#entries.delete(key);
    this.#entries.set(key, { stamp, value });
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

export function encodeCursor(name: string): string {
  return Buffer.from(name, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | undefined {
  const name = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[a-z0-9-]{1,63}$/.test(name) ? name : undefined;
}
