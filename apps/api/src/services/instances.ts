import {
  ConflictError,
  DEFAULT_NAMESPACE,
  NotFoundError,
  defaultEndpoint,
  defaultProfile,
} from '@flowplane/model';
import { UNIQUE_VIOLATION, prismaErrorCode, type Db, type Tx } from '../db/client.ts';
import {
  instanceRepository,
  toInstanceRecord,
  type InstanceRecord,
  type InstanceRow,
} from '../repositories/instances.ts';
import type { RuntimeTarget } from './deployments.ts';
import { checkPrecondition, retryRaces, WriteRaceError } from './versions.ts';
import { encodeCursor, instanceOf, writeResource, type Page } from './resources.ts';

export interface InstanceInput {
  name: string;
  namespace?: string;
  description?: string;
}

export const DEFAULT_INSTANCE = 'default';

/** Creates an instance with the `default` endpoint and profile a real Azure IoT Operations instance has. */
async function createWithDefaults(tx: Tx, input: InstanceInput, actor: string | undefined) {
  const instance = await instanceRepository.insert(tx, {
    name: input.name,
    namespace: input.namespace ?? DEFAULT_NAMESPACE,
    description: input.description,
  });
  for (const resource of [defaultEndpoint(instance.namespace), defaultProfile(instance.namespace)]) {
    await writeResource(tx, instance, resource, null, {
      draft: false,
      issues: [],
      operation: 'create',
      actor,
    });
  }
  return instance;
}

/**
 * A fresh database starts with the instance `default`. The `meta` row makes this happen once: an
 * instance deleted later is not brought back by a restart. Safe when several processes start together.
 */
export async function seedDatabase(db: Db): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.meta.createMany({ data: [{ key: 'seeded' }], skipDuplicates: true });
    if (count === 0) return false;
    if (!(await instanceRepository.find(tx, DEFAULT_INSTANCE))) {
      await createWithDefaults(tx, { name: DEFAULT_INSTANCE }, 'flowplane');
    }
    return true;
  });
}

/** Instances; `runtime`, when there is one, serves one of them (records say which). */
export function createInstanceService(db: Db, runtime?: RuntimeTarget) {
  const toRecord = (row: InstanceRow): InstanceRecord =>
    toInstanceRecord(
      row,
      runtime?.instance === row.name ? { url: runtime.url, embedded: runtime.embedded } : null,
    );
  return {
    async list(filter: { q?: string; after?: string; limit: number }): Promise<Page<InstanceRecord>> {
      const rows = await instanceRepository.list(db, { ...filter, limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit);
      return {
        items: page.map(toRecord),
        nextCursor: rows.length > filter.limit ? encodeCursor(page[page.length - 1]!.name) : null,
      };
    },

    async get(name: string): Promise<InstanceRecord> {
      return toRecord(await instanceOf(db, name));
    },

    async create(input: InstanceInput, actor?: string): Promise<InstanceRecord> {
      try {
        return toRecord(
          await db.$transaction(async (tx) => {
            if (await instanceRepository.find(tx, input.name)) {
              throw new ConflictError(`Instance "${input.name}" already exists.`);
            }
            return createWithDefaults(tx, input, actor);
          }),
        );
      } catch (error) {
        if (prismaErrorCode(error) === UNIQUE_VIOLATION) {
          throw new ConflictError(`Instance "${input.name}" already exists.`);
        }
        throw error;
      }
    },

    async replace(input: InstanceInput, ifMatch: string | undefined): Promise<InstanceRecord> {
      return retryRaces(async () => {
        const current = await instanceOf(db, input.name);
        checkPrecondition(ifMatch, current.resourceVersion, `Instance "${input.name}"`);
        const updated = await instanceRepository.update(db, current.id, current.resourceVersion, {
          name: input.name,
          namespace: input.namespace ?? DEFAULT_NAMESPACE,
          description: input.description,
        });
        if (!updated) throw new WriteRaceError();
        return toRecord(updated);
      });
    },

    /** Refuses (409) when the instance holds more than its defaults, unless `cascade`. */
    async remove(name: string, options: { cascade: boolean; ifMatch?: string }): Promise<void> {
      await retryRaces(() =>
        db.$transaction(async (tx) => {
          const current = await instanceRepository.find(tx, name);
          if (!current) throw new NotFoundError(`Instance "${name}" does not exist.`);
          checkPrecondition(options.ifMatch, current.resourceVersion, `Instance "${name}"`);
          const held = await instanceRepository.userResources(tx, current.id);
          if (held > 0 && !options.cascade) {
            throw new ConflictError(
              `Instance "${name}" holds ${held} resource${held === 1 ? '' : 's'} besides its defaults; delete them first or pass ?cascade=true.`,
            );
          }
          if (!(await instanceRepository.remove(tx, current.id, current.resourceVersion))) {
            throw new WriteRaceError();
          }
        }),
      );
    },
  };
}

export type InstanceService = ReturnType<typeof createInstanceService>;
