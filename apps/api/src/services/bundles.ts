import { transformationIssues } from '@flowplane/mapping';
import { exportManifests, importManifests, type ManifestFormat } from '@flowplane/manifests';
import {
  ConflictError,
  InputError,
  formatResourceKey,
  resourceKeyOf,
  validateInstance,
  type Issue,
  type ManifestIssue,
  type ResourceKind,
  type Resource,
  type ResourceKey,
  NotFoundError,
  RESOURCE_NAME_PATTERN,
  RuleViolationError,
} from '@flowplane/model';
import type { Db, Tx } from '../db/client.ts';
import type { InstanceStamp, InstanceStamps } from '../db/instance-stamps.ts';
import type { InstanceRow } from '../repositories/instances.ts';
import {
  TABLES,
  WRITE_ORDER,
  dependentFlows,
  endpointRefsOf,
  instanceWithStamp,
  toResource,
} from '../repositories/resources.ts';
import { WriteRaceError } from './versions.ts';
import {
  changes,
  definitionOf,
  instanceForWrite,
  instanceOf,
  storedResources,
  writeResource,
} from './resources.ts';

/** A finding about one submitted document: the model's issue plus where it came from. */
export interface BundleIssue extends Issue {
  resource?: ResourceKey;
  /** 0-based index of the document in the submitted text. */
  document?: number;
  line?: number;
  column?: number;
}

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlanEntry {
  kind: string;
  name: string;
  action: PlanAction;
  document: number;
}

export interface ImportOutcome {
  dryRun: boolean;
  valid: boolean;
  plan: PlanEntry[];
  issues: BundleIssue[];
}

const NAME = new RegExp(RESOURCE_NAME_PATTERN);
const ALL_KINDS = ['DataflowEndpoint', 'DataflowProfile', 'Dataflow', 'DataflowGraph'] as const;
// Submitted documents are not validated yet: read their identity defensively.
const keyOf = (r: unknown) => formatResourceKey(resourceKeyOf(r));

/** Reads manifests; text that cannot be read at all is a 400 with the manifest's issues. */
function read(text: string): { docs: { resource: Resource; document: number }[]; issues: BundleIssue[] } {
  const imported = importManifests(text);
  const issues: BundleIssue[] = imported.issues.map(fromManifestIssue);
  const fatal = imported.issues.filter(
    (i) => i.severity === 'error' && (i.code === 'manifest.syntax' || i.code === 'manifest.unsupported'),
  );
  if (fatal.length > 0) {
    throw new InputError('The submitted manifests cannot be read.', fatal.map(fromManifestIssue));
  }
  if (imported.documents.length === 0) {
    throw new InputError('The submitted text holds no resources.', [
      { path: '', code: 'manifest.unsupported', message: 'No Flowplane resource found.', severity: 'error' },
    ]);
  }
  // Unvalidated here on purpose: validateInstance below reports what is wrong with each document.
  const docs = imported.documents.map((d) => ({ resource: d.resource as Resource, document: d.index }));
  return { docs, issues };
}

function fromManifestIssue(issue: ManifestIssue): BundleIssue {
  const { document, line, column, ...rest } = issue;
  return {
    ...rest,
    document,
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}

/**
 * The submitted documents checked as part of the instance: a submitted resource stands in for the stored
 * one of the same kind and name, and what the verdict depends on is loaded from the database — the
 * endpoints and profiles submitted dataflows use, and the stored dataflows and graphs (not drafts) that
 * use a submitted endpoint or profile, with what they use. Errors of those stored resources are reported
 * too: the submission would break them. The rest of the instance cannot change the outcome.
 */
async function check(source: StoredSource, docs: { resource: Resource; document: number }[]) {
  const submitted = docs.map((d) => d.resource);
  const stored = await context(source, submitted);
  const keys = new Set(submitted.map(keyOf));
  const kept = stored.filter((r) => !keys.has(keyOf(r)) && !isDraft(r));
  const all = [...submitted, ...relevant(kept, submitted)];
  const issues: BundleIssue[] = [];
  for (const found of validateInstance(all)) {
    const { index, ...rest } = found;
    if (index < docs.length) {
      issues.push({ ...rest, document: docs[index]!.document });
    } else if (found.severity === 'error') {
      issues.push(rest);
    }
  }
  docs.forEach(({ resource, document }) => {
    const resourceKey = resourceKeyOf(resource);
    for (const found of transformationIssues(resource))
      issues.push({ ...found, resource: resourceKey, document });
  });
  return { issues, stored };
}

/** Where the stored resources a submission is judged against come from. */
interface StoredSource {
  /** Dataflows and graphs (not drafts) that use one of these endpoints or profiles. */
  dependents(endpoints: readonly string[], profiles: readonly string[]): Promise<Resource[]>;
  /** The stored resources of one kind with these names. */
  named(kind: ResourceKind, names: readonly string[]): Promise<Resource[]>;
}

/** Queries in a transaction: what imports use, so that the plan and the writes see one state. */
function databaseSource(tx: Tx, instance: InstanceRow): StoredSource {
  // Submitted names are not validated yet; one that breaks the pattern names nothing stored (and may hold
  // what PostgreSQL refuses in a parameter, such as U+0000).
  const storable = (names: readonly string[]) => names.filter((n) => NAME.test(n));
  return {
    async dependents(endpoints, profiles) {
      const rows = await dependentFlows(tx, instance.id, storable(endpoints), storable(profiles));
      return rows.map(({ kind, row }) => toResource(kind, row, instance.namespace));
    },
    async named(kind, names) {
      const rows = await TABLES[kind].findNames(tx, instance.id, storable(names));
      return rows.map((row) => toResource(kind, row, instance.namespace));
    },
  };
}

/** The same answers from a snapshot of the whole instance (validation: no query per call). */
function snapshotSource(all: readonly Resource[]): StoredSource {
  return {
    async dependents(endpoints, profiles) {
      const e = new Set(endpoints);
      const p = new Set(profiles);
      return all.filter(
        (r) =>
          isFlow(r) &&
          !isDraft(r) &&
          (p.has(profileOf(r) ?? '') || endpointRefsOf(r.kind, r.spec).some((name) => e.has(name))),
      );
    },
    async named(kind, names) {
      const wanted = new Set(names);
      return all.filter((r) => r.kind === kind && wanted.has(r.metadata.name));
    },
  };
}

/** The stored resources a submission is judged against (and planned against: same kind and name). */
async function context(source: StoredSource, submitted: readonly Resource[]): Promise<Resource[]> {
  const namesOf = (kind: string) =>
    submitted.filter((r) => r.kind === kind).map((r) => resourceKeyOf(r).name);
  const dependents = await source.dependents(namesOf('DataflowEndpoint'), namesOf('DataflowProfile'));
  const users = [...submitted.filter(isFlow), ...dependents];
  const wanted: Record<ResourceKind, Set<string>> = {
    DataflowEndpoint: new Set([
      ...namesOf('DataflowEndpoint'),
      ...users.flatMap((r) => endpointRefsOf(r.kind, r.spec)),
    ]),
    DataflowProfile: new Set([
      ...namesOf('DataflowProfile'),
      ...users.map(profileOf).filter((p) => p !== undefined),
    ]),
    Dataflow: new Set(namesOf('Dataflow')),
    DataflowGraph: new Set(namesOf('DataflowGraph')),
  };
  const loaded = (await Promise.all(ALL_KINDS.map((kind) => source.named(kind, [...wanted[kind]])))).flat();
  const found = new Set(loaded.map(keyOf));
  return [...loaded, ...dependents.filter((r) => !found.has(keyOf(r)))];
}

const isFlow = (r: Resource) => r.kind === 'Dataflow' || r.kind === 'DataflowGraph';
const profileOf = (r: Resource) => {
  const ref = (r.spec as { profileRef?: unknown } | undefined)?.profileRef;
  return typeof ref === 'string' ? ref : undefined;
};

/**
 * The stored resources that can change the verdict on the submitted ones: the endpoints and profiles
 * submitted dataflows use, and the stored dataflows and graphs that use a submitted endpoint or profile
 * (with what they use). Validating the rest of a large instance on every call would cost time and change
 * nothing.
 */
function relevant(stored: readonly Resource[], submitted: readonly Resource[]): Resource[] {
  const names = (kind: string) =>
    new Set(submitted.filter((r) => r.kind === kind).map((r) => resourceKeyOf(r).name));
  const endpoints = names('DataflowEndpoint');
  const profiles = names('DataflowProfile');
  const dependents = stored.filter(
    (r) =>
      isFlow(r) &&
      (profiles.has(profileOf(r) ?? '') || endpointRefsOf(r.kind, r.spec).some((e) => endpoints.has(e))),
  );
  const users = [...submitted.filter(isFlow), ...dependents];
  const usedEndpoints = new Set(users.flatMap((r) => endpointRefsOf(r.kind, r.spec)));
  const usedProfiles = new Set(users.map(profileOf));
  return [
    ...stored.filter(
      (r) =>
        (r.kind === 'DataflowEndpoint' && usedEndpoints.has(r.metadata.name)) ||
        (r.kind === 'DataflowProfile' && usedProfiles.has(r.metadata.name)),
    ),
    ...dependents,
  ];
}

const isDraft = (r: Resource) => (r.status as { draft?: unknown } | undefined)?.draft === true;

/**
 * Validation, import and export of many resources at once. `stamps` tells validation whether its snapshot
 * of an instance is still current (default: ask the database every time).
 */
export function createBundleService(
  db: Db,
  stamps: Pick<InstanceStamps, 'get'> = { get: (name) => instanceWithStamp(db, name) },
) {
  const snapshots = new SnapshotCache((instance) => storedResources(db, instance, ALL_KINDS));

  return {
    async validate(instanceName: string, text: string): Promise<{ valid: boolean; issues: BundleIssue[] }> {
      const found = await stamps.get(instanceName);
      if (!found) throw new NotFoundError(`Instance "${instanceName}" does not exist.`);
      const { docs, issues: readIssues } = read(text);
      const { issues } = await check(snapshotSource(await snapshots.get(found)), docs);
      const all = [...readIssues, ...issues];
      return { valid: !all.some((i) => i.severity === 'error'), issues: all };
    },

    /** All or nothing: one invalid document and nothing is written. */
    async import(
      instanceName: string,
      text: string,
      options: { dryRun: boolean; actor?: string },
    ): Promise<ImportOutcome> {
      const { docs, issues: readIssues } = read(text);
      return db
        .$transaction(
          async (tx) => {
            const instance = options.dryRun
              ? await instanceOf(tx, instanceName)
              : await instanceForWrite(tx, instanceName);
            const { issues, stored } = await check(databaseSource(tx, instance), docs);
            const all = [...readIssues, ...issues];
            const byKey = new Map(stored.map((r) => [keyOf(r), r]));
            const plan: PlanEntry[] = docs.map(({ resource, document }) => {
              const current = byKey.get(keyOf(resource));
              const action: PlanAction = !current
                ? 'create'
                : isDraft(current) || changesOf(current, resource)
                  ? 'update'
                  : 'unchanged';
              return { ...resourceKeyOf(resource), action, document };
            });
            const valid = !all.some((i) => i.severity === 'error');
            if (options.dryRun) return { dryRun: true, valid, plan, issues: all };
            if (!valid) {
              throw new RuleViolationError(
                'Nothing was imported: some resources break rules.',
                all.filter((i) => i.severity === 'error'),
              );
            }
            const ordered = [...docs].sort(
              (a, b) => WRITE_ORDER.indexOf(a.resource.kind) - WRITE_ORDER.indexOf(b.resource.kind),
            );
            for (const { resource, document } of ordered) {
              const entry = plan.find((p) => p.document === document && p.name === resource.metadata.name);
              if (entry?.action === 'unchanged') continue;
              const existing = await TABLES[resource.kind].find(tx, instance.id, resource.metadata.name);
              const own = issues.filter((i) => i.document === document);
              await writeResource(tx, instance, definitionOf(resource, instance.namespace), existing, {
                draft: false,
                issues:
                  resource.kind === 'Dataflow' || resource.kind === 'DataflowGraph'
                    ? own.map(plainIssue)
                    : [],
                operation: 'import',
                actor: options.actor,
              });
            }
            return { dryRun: false, valid, plan, issues: all };
          },
          { timeout: 60_000, maxWait: 10_000 },
        )
        .catch((error: unknown) => {
          if (error instanceof WriteRaceError) {
            throw new ConflictError(
              'Resources changed while the import ran; nothing was imported. Try again.',
            );
          }
          throw error;
        });
    },

    async export(
      instanceName: string,
      options: { format: ManifestFormat; apiVersion?: string; names?: string[] },
    ): Promise<{ text: string; issues: BundleIssue[] }> {
      const instance = await instanceOf(db, instanceName);
      const stored = await storedResources(db, instance, ALL_KINDS);
      const wanted = options.names && new Set(options.names);
      const resources = stored
        .filter((r) => !isDraft(r) && (!wanted || wanted.has(r.metadata.name)))
        .map((r) => definitionOf(r, instance.namespace));
      const result = exportManifests(resources, options.format, {
        namespace: instance.namespace,
        ...(options.apiVersion !== undefined ? { apiVersion: options.apiVersion } : {}),
      });
      const issues = result.issues.map(fromManifestIssue);
      const errors = issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) {
        throw new RuleViolationError(
          'Some resources cannot be exported in this format and API version.',
          errors,
        );
      }
      return { text: result.text, issues };
    },
  };
}

function changesOf(current: Resource, next: Resource): boolean {
  return changes(
    { spec: current.spec, labels: current.metadata.labels, annotations: current.metadata.annotations },
    next,
  ).any;
}

function plainIssue({ path, code, message, severity }: Issue): Issue {
  return { path, code, message, severity };
}

export type BundleService = ReturnType<typeof createBundleService>;

/**
 * Whole-instance snapshots for validation (the builder validates on every edit), each valid while its
 * instance's stamp is unchanged. Read after the stamp, so a snapshot is never filed under a stamp newer
 * than its content; concurrent callers share one load.
 */
class SnapshotCache {
  readonly #entries = new Map<string, { stamp: string; resources: Promise<Resource[]> }>();
  readonly #load: (instance: InstanceRow) => Promise<Resource[]>;
  readonly #max: number;
  constructor(load: (instance: InstanceRow) => Promise<Resource[]>, max = 16) {
    this.#load = load;
    this.#max = max;
  }
  get({ instance, stamp }: InstanceStamp): Promise<Resource[]> {
    const entry = this.#entries.get(instance.id);
    this.#entries.delete(instance.id);
    if (entry?.stamp === stamp) {
      this.#entries.set(instance.id, entry);
      return entry.resources;
    }
    const resources = this.#load(instance);
    const fresh = { stamp, resources };
    this.#entries.set(instance.id, fresh);
    // A failed load is not kept: the next call tries again.
    resources.catch(() => {
      if (this.#entries.get(instance.id) === fresh) this.#entries.delete(instance.id);
    });
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return resources;
  }
}
