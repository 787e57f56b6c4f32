// Local storage destination: Parquet files in a folder of a mounted volume,
// `<root>/<persistentVolumeClaimRef>/<dataDestination>/<time>-<random>.parquet`.
//
// Rows are batched per folder. A file is built in memory, written under a dot-name that readers skip
// (Spark, Delta and pandas ignore `.`-files), fsynced and then renamed into place, so a reader sees a
// whole file or none. `write` resolves only after that rename: the pipeline acknowledges the source then,
// which gives at-least-once delivery into the folder.

import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { encodeParquet, rowProblem } from '../storage/parquet.ts';
import type { RecordSchema } from '../storage/schema.ts';
import type { OutboundRecord, SinkConnector } from './types.ts';

export interface LocalStorageSinkOptions {
  /** Where volumes are mounted (`RuntimeEnvironment.storageRoot`). */
  readonly root: string;
  /** The endpoint's `persistentVolumeClaimRef`: one directory below `root`. */
  readonly volume: string;
  readonly schema: RecordSchema;
  readonly batching: { readonly latencySeconds: number; readonly maxMessages: number };
  /** Final file name of each batch; default `<UTC time, ISO 8601 basic>-<random>.parquet`. */
  readonly fileName?: () => string;
}

type Row = OutboundRecord['row'];

interface Batch {
  readonly dir: string;
  readonly rows: Row[];
  readonly waiters: { resolve: () => void; reject: (error: Error) => void }[];
  timer?: NodeJS.Timeout;
}

/** Why a `dataDestination` folder is unusable, or undefined. Assembly can call it before running. */
export function destinationProblem(destination: string): string | undefined {
  if (destination === '') return 'the destination folder is empty';
  if (destination.includes('\0')) return 'the destination folder contains a NUL character';
  if (path.isAbsolute(destination) || path.win32.isAbsolute(destination)) {
    return `destination ${JSON.stringify(destination)} is an absolute path; it must be a folder inside the volume`;
  }
  // Any `..` is refused, even one that would stay inside: the folder is a name, not a path to resolve.
  if (destination.split(/[\\/]/).includes('..')) {
    return `destination ${JSON.stringify(destination)} contains "..", which would leave the volume`;
  }
  return undefined;
}

function volumeProblem(volume: string): string | undefined {
  if (volume === '' || volume === '.' || volume === '..' || /[\\/\0]/.test(volume)) {
    return `volume ${JSON.stringify(volume)} is not a single directory name`;
  }
  return undefined;
}

function fileNameProblem(name: string): string | undefined {
  if (name === '' || name.startsWith('.') || /[\\/\0]/.test(name)) {
    return `file name ${JSON.stringify(name)} must be a plain name that does not start with "."`;
  }
  return undefined;
}

/**
 * ISO 8601 basic format (`20250102T030405.678Z`): sorts by time and has no `:`, which Hadoop-based readers
 * (Spark, Fabric) reject in paths and Windows rejects in file names.
 */
export function defaultFileName(now = new Date()): string {
  const time = now.toISOString().replace(/[-:]/g, '');
  return `${time}-${randomBytes(6).toString('hex')}.parquet`;
}

/** fsync of a directory makes the rename durable; some filesystems refuse it, and then it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file is already complete and visible; durability of the rename is the best effort here.
  }
}

async function writeFileAtomically(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const temporary = path.join(dir, `.${name}.tmp`);
  const final = path.join(dir, name);
  try {
    await mkdir(dir, { recursive: true });
    // `wx`: never reuse another writer's temporary file.
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, final);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new Error(`local storage: cannot write ${final}: ${(error as Error).message}`, { cause: error });
  }
  await syncDirectory(dir);
}

export function createLocalStorageSink(options: LocalStorageSinkOptions): SinkConnector<OutboundRecord> {
  const { schema } = options;
  const problem = volumeProblem(options.volume);
  if (problem !== undefined) throw new Error(`local storage: ${problem}`);
  const volumeDir = path.resolve(options.root, options.volume);
  // The API allows 0 but never says what it means; a batch of zero rows cannot exist, so 0 behaves as 1
  // (every row is its own file), which never holds data longer than asked.
  const maxMessages = Math.max(1, Math.floor(options.batching.maxMessages));
  const latencyMs = Math.max(0, options.batching.latencySeconds * 1000);
  const fileName = options.fileName ?? (() => defaultFileName());

  const batches = new Map<string, Batch>();
  const writing = new Set<Promise<void>>();
  let state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';

  // A failed batch is settled and forgotten: the pipeline retries each of its rows with a new `write`, so
  // keeping the rows as well would write them twice, and keeping neither cannot lose them.
  function cut(batch: Batch): void {
    clearTimeout(batch.timer);
    if (batches.get(batch.dir) === batch) batches.delete(batch.dir);
    const done = (async () => {
      try {
        const name = fileName();
        const nameProblem = fileNameProblem(name);
        if (nameProblem !== undefined) throw new Error(`local storage: ${nameProblem}`);
        // Encoding is synchronous and blocks the event loop (about 0.4 s for 100 000 rows of four columns);
        // a worker thread is the next step if that ever shows in latency.
        await writeFileAtomically(batch.dir, name, encodeParquet(schema, batch.rows));
      } catch (error) {
        for (const waiter of batch.waiters) waiter.reject(error as Error);
        return;
      }
      for (const waiter of batch.waiters) waiter.resolve();
    })();
    writing.add(done);
    void done.finally(() => writing.delete(done));
  }

  async function writePending(): Promise<void> {
    for (const batch of [...batches.values()]) cut(batch);
    // Failures reach the writers through their `write` promises; flushing itself cannot fail.
    await Promise.all(writing);
  }

  return {
    accepts: 'record',

    async start() {
      if (state !== 'new') throw new Error(`local storage: start() called when ${state}`);
      // Fails early on a volume that is missing or read-only, instead of on the first batch.
      await mkdir(volumeDir, { recursive: true });
      state = 'running';
    },

    write(record) {
      if (state !== 'running') {
        return Promise.reject(new Error(`local storage: write() called when ${state}`));
      }
      const problem = destinationProblem(record.destination) ?? rowProblem(schema, record.row);
      if (problem !== undefined) return Promise.reject(new Error(`local storage: ${problem}`));
      const dir = path.resolve(volumeDir, record.destination);
      return new Promise<void>((resolve, reject) => {
        let batch = batches.get(dir);
        if (batch === undefined) {
          batch = { dir, rows: [], waiters: [] };
          batches.set(dir, batch);
        }
        batch.rows.push(record.row);
        batch.waiters.push({ resolve, reject });
        if (batch.rows.length >= maxMessages) {
          cut(batch);
        } else if (batch.rows.length === 1) {
          // Latency 0 still goes through a timer, so rows written in the same turn share a file.
          const started = batch;
          started.timer = setTimeout(() => cut(started), latencyMs);
        }
      });
    },

    flush: writePending,

    async stop() {
      if (state === 'stopped') return;
      state = 'stopping';
      await writePending();
      state = 'stopped';
    },
  };
}
