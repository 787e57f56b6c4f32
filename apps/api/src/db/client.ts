import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from '../generated/prisma/client.ts';

export { Prisma, PrismaClient };
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const pools = new WeakMap<PrismaClient, pg.Pool>();

/**
 * A Prisma client over a node-postgres pool (driver adapter + Wasm query compiler: no native engine).
 * The pool is also reachable through `sqlPool` for the few hot reads where Prisma's per-query cost
 * dominates (see repositories/resources.ts); close both with `closeDb`.
 */
export function createPrisma(connectionString: string, poolSize = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its server (a restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  pools.set(prisma, pool);
  return prisma;
}

export function sqlPool(db: PrismaClient): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('This Prisma client was not made by createPrisma.');
  return pool;
}

export async function closeDb(db: PrismaClient): Promise<void> {
  await db.$disconnect();
  await pools.get(db)?.end();
}

/** Prisma's code for a failed write, when the database refused it for a known reason. */
export function prismaErrorCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}

export const UNIQUE_VIOLATION = 'P2002';
export const FOREIGN_KEY_VIOLATION = 'P2003';
export const RECORD_NOT_FOUND = 'P2025';
