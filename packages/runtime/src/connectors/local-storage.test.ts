import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowSerializer } from '../storage/rows.ts';
import type { RecordSchema } from '../storage/schema.ts';
import { createLocalStorageSink, destinationProblem, type LocalStorageSinkOptions } from './local-storage.ts';
import type { OutboundRecord, SinkConnector } from './types.ts';

const schema: RecordSchema = {
  columns: [
    { name: 'id', path: ['id'], type: 'integer', nullable: false },
    { name: 'asset', path: ['asset'], type: 'string', nullable: true },
    { name: 'reading.value', path: ['reading', 'value'], type: 'double', nullable: true },
    { name: 'reading.count', path: ['reading', 'count'], type: 'long', nullable: true },
    { name: 'reading.at', path: ['reading', 'at'], type: 'timestamp', nullable: true },
    { name: 'ok', path: ['ok'], type: 'boolean', nullable: true },
  ],
};

const DEFAULT_NAME = /^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{12}\.parquet$/;

let root: string;
const sinks: SinkConnector<OutboundRecord>[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'flowplane-local-storage-'));
});

afterEach(async () => {
  await Promise.all(sinks.splice(0).map((sink) => sink.stop()));
  await rm(root, { recursive: true, force: true });
});

async function started(
  batching: LocalStorageSinkOptions['batching'],
  extra: Partial<LocalStorageSinkOptions> = {},
): Promise<SinkConnector<OutboundRecord>> {
  const sink = createLocalStorageSink({ root, volume: 'pvc', schema, batching, ...extra });
  sinks.push(sink);
  await sink.start();
  return sink;
}

function record(id: number, destination = 'out', extra: Record<string, unknown> = {}): OutboundRecord {
  return { kind: 'record', destination, row: { id, ...extra } };
}

async function parquetFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.parquet')).sort();
}

async function readRows(file: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(file) });
}

async function idsPerFile(dir: string): Promise<unknown[][]> {
  const files = await parquetFiles(dir);
  return Promise.all(
    files.map(async (name) => (await readRows(path.join(dir, name))).map((row) => row['id'])),
  );
}

/** Tracks whether a promise settled, without waiting for it. */
function track(promise: Promise<void>): { settled: boolean } {
  const state = { settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

describe('local storage sink', () => {
  it('writes serialized rows with their schema types into <root>/<volume>/<destination>/', async () => {
    const sink = await started({ latencySeconds: 60, maxMessages: 3 });
    const toRow = rowSerializer(schema);
    const payloads = [
      {
        id: 1,
        asset: 'pump',
        reading: { value: '21.5', count: 7, at: '2024-05-06T07:08:09.123Z' },
        ok: true,
      },
      { id: 2.9, reading: null, extra: 'ignored' },
      { id: '3', asset: 42, reading: { value: 1 }, ok: 'false' },
    ];
    await Promise.all(
      payloads.map((payload) => {
        const result = toRow(payload);
        if (!result.ok) throw new Error(result.reason);
        return sink.write({ kind: 'record', destination: 'line-1/telemetry', row: result.row });
      }),
    );

    const dir = path.join(root, 'pvc', 'line-1', 'telemetry');
    const entries = await readdir(dir);
    expect(entries).toHaveLength(1); // no temporary file left behind
    expect(entries[0]).toMatch(DEFAULT_NAME);
    expect(await readRows(path.join(dir, entries[0]!))).toEqual([
      {
        id: 1,
        asset: 'pump',
        'reading.value': 21.5,
        'reading.count': 7n,
        'reading.at': new Date('2024-05-06T07:08:09.123Z'),
        ok: true,
      },
      { id: 2, asset: null, 'reading.value': null, 'reading.count': null, 'reading.at': null, ok: null },
      { id: 3, asset: '42', 'reading.value': 1, 'reading.count': null, 'reading.at': null, ok: false },
    ]);
  });

  it('keeps one batch per destination folder', async () => {
    const sink = await started({ latencySeconds: 60, maxMessages: 2 });
    await Promise.all([
      sink.write(record(1, 'a')),
      sink.write(record(2, 'b/c')),
      sink.write(record(3, 'a')),
      sink.write(record(4, 'b//c/')), // the same folder spelled differently
    ]);
    expect(await idsPerFile(path.join(root, 'pvc', 'a'))).toEqual([[1, 3]]);
    expect(await idsPerFile(path.join(root, 'pvc', 'b', 'c'))).toEqual([[2, 4]]);
  });

  it('writes a batch when it reaches maxMessages and holds the rest until flush', async () => {
    const sink = await started({ latencySeconds: 60, maxMessages: 2 });
    const writes = [1, 2, 3, 4, 5].map((id) => sink.write(record(id)));
    const last = track(writes[4]!);
    await Promise.all(writes.slice(0, 4));
    const dir = path.join(root, 'pvc', 'out');
    expect((await idsPerFile(dir)).flat().sort()).toEqual([1, 2, 3, 4]);
    expect((await idsPerFile(dir)).map((ids) => ids.length)).toEqual([2, 2]);
    expect(last.settled).toBe(false);

    await sink.flush!();
    expect(last.settled).toBe(true);
    expect((await idsPerFile(dir)).map((ids) => ids.length).sort()).toEqual([1, 2, 2]);
  });

  it('writes a batch latencySeconds after its first row', async () => {
    const sink = await started({ latencySeconds: 0.05, maxMessages: 1000 });
    const begin = performance.now();
    const writes = [1, 2, 3].map((id) => sink.write(record(id)));
    await Promise.all(writes);
    // Timers never fire early; allow for the millisecond rounding of the clock.
    expect(performance.now() - begin).toBeGreaterThanOrEqual(45);
    expect(await idsPerFile(path.join(root, 'pvc', 'out'))).toEqual([[1, 2, 3]]);
  });

  it('with latency 0 writes at once, rows of the same turn sharing a file', async () => {
    const sink = await started({ latencySeconds: 0, maxMessages: 1000 });
    await Promise.all([sink.write(record(1)), sink.write(record(2))]);
    await sink.write(record(3));
    expect((await idsPerFile(path.join(root, 'pvc', 'out'))).sort()).toEqual([[1, 2], [3]]);
  });

  it('treats maxMessages 0 as one row per file', async () => {
    const sink = await started({ latencySeconds: 60, maxMessages: 0 });
    await Promise.all([sink.write(record(1)), sink.write(record(2))]);
    expect((await idsPerFile(path.join(root, 'pvc', 'out'))).sort()).toEqual([[1], [2]]);
  });

  it('stop writes pending rows before it resolves, then refuses writes', async () => {
    const sink = createLocalStorageSink({
      root,
      volume: 'pvc',
      schema,
      batching: { latencySeconds: 60, maxMessages: 100 },
    });
    await expect(sink.write(record(0))).rejects.toThrow('write() called when new');
    await sink.start();
    const writes = [1, 2, 3].map((id) => track(sink.write(record(id, id === 3 ? 'other' : 'out'))));
    await sink.stop();
    expect(writes.map((w) => w.settled)).toEqual([true, true, true]);
    expect(await idsPerFile(path.join(root, 'pvc', 'out'))).toEqual([[1, 2]]);
    expect(await idsPerFile(path.join(root, 'pvc', 'other'))).toEqual([[3]]);
    await expect(sink.write(record(4))).rejects.toThrow('write() called when stopped');
  });

  it('flush with nothing pending writes nothing', async () => {
    const sink = await started({ latencySeconds: 60, maxMessages: 100 });
    await sink.flush!();
    expect(await readdir(path.join(root, 'pvc'))).toEqual([]);
  });

  it('uses the fileName option and refuses names that would hide or move the file', async () => {
    let n = 0;
    const sink = await started(
      { latencySeconds: 60, maxMessages: 1 },
      { fileName: () => `part-${++n}.parquet` },
    );
    await sink.write(record(1));
    await sink.write(record(2));
    expect(await parquetFiles(path.join(root, 'pvc', 'out'))).toEqual(['part-1.parquet', 'part-2.parquet']);

    for (const bad of ['.hidden.parquet', '../up.parquet', '']) {
      const badSink = await started({ latencySeconds: 60, maxMessages: 1 }, { fileName: () => bad });
      await expect(badSink.write(record(3))).rejects.toThrow('must be a plain name');
    }
    expect(await readdir(root)).toEqual(['pvc']);
  });

  it.each([
    ['../escape', /contains "\.\."/],
    ['a/../../escape', /contains "\.\."/],
    ['a/..', /contains "\.\."/],
    ['..\\escape', /contains "\.\."/],
    ['/etc/flowplane', /absolute path/],
    ['C:\\data', /absolute path/],
    ['', /empty/],
  ])('refuses destination %j', async (destination, reason) => {
    const sink = await started({ latencySeconds: 0, maxMessages: 1 });
    await expect(sink.write(record(1, destination))).rejects.toThrow(reason);
    expect(destinationProblem(destination)).toMatch(reason);
    expect(await readdir(path.join(root, 'pvc'))).toEqual([]);
    expect(await readdir(root)).toEqual(['pvc']);
  });

  it('refuses a volume that is not one directory name', () => {
    for (const volume of ['', '..', 'a/b', '../pvc']) {
      expect(() =>
        createLocalStorageSink({ root, volume, schema, batching: { latencySeconds: 0, maxMessages: 1 } }),
      ).toThrow('is not a single directory name');
    }
  });

  it('refuses a row that does not fit the schema on its own, keeping its batch', async () => {
    const sink = await started({ latencySeconds: 60, maxMessages: 2 });
    const first = sink.write(record(1));
    await expect(sink.write(record(2, 'out', { 'reading.count': 'seven' }))).rejects.toThrow(
      'column "reading.count" (long) cannot hold "seven"',
    );
    await expect(sink.write({ kind: 'record', destination: 'out', row: { asset: 'no id' } })).rejects.toThrow(
      'column "id" is not nullable',
    );
    await Promise.all([first, sink.write(record(3))]);
    expect(await idsPerFile(path.join(root, 'pvc', 'out'))).toEqual([[1, 3]]);
  });

  it('rejects every write of a failed batch, and a retry writes each row exactly once', async () => {
    const sink = await started({ latencySeconds: 60, maxMessages: 2 });
    // A plain file where the folder should be makes the batch fail.
    const blocker = path.join(root, 'pvc', 'blocked');
    await writeFile(blocker, 'not a directory');
    const rows = [record(1, 'blocked'), record(2, 'blocked')];
    const failed = await Promise.allSettled(rows.map((r) => sink.write(r)));
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toContain(`cannot write ${blocker}`);

    await rm(blocker);
    await mkdir(blocker);
    await Promise.all(rows.map((r) => sink.write(r))); // the pipeline's retry
    expect(await idsPerFile(blocker)).toEqual([[1, 2]]);
    expect((await readdir(blocker)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('never shows a partial .parquet file to a reader polling the folder', async () => {
    const rowsPerFile = 4000;
    const files = 3;
    const sink = await started({ latencySeconds: 60, maxMessages: rowsPerFile });
    const dir = path.join(root, 'pvc', 'big');
    await mkdir(dir, { recursive: true });

    // The reader: the size and content of each .parquet file the first time it shows up.
    let done = false;
    const firstSize = new Map<string, number>();
    const problems: string[] = [];
    const reader = (async () => {
      while (!done) {
        for (const name of await readdir(dir)) {
          if (!name.endsWith('.parquet')) {
            if (!/^\..+\.parquet\.tmp$/.test(name)) problems.push(`unexpected visible file ${name}`);
            continue;
          }
          if (firstSize.has(name)) continue;
          const file = path.join(dir, name);
          firstSize.set(name, (await stat(file)).size);
          const bytes = await readFile(file);
          try {
            const metadata = parquetMetadata(
              bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
            );
            if (metadata.num_rows !== BigInt(rowsPerFile))
              problems.push(`${name}: ${metadata.num_rows} rows`);
          } catch (error) {
            problems.push(`${name} was incomplete when read (${bytes.byteLength} bytes): ${String(error)}`);
          }
        }
        await turn();
      }
    })();

    // ~1.2 MB of incompressible text per file, so writing one takes several write calls; one batch per
    // turn, so the reader gets to look while each file is being written.
    const writes: Promise<void>[] = [];
    for (let batch = 0; batch < files; batch++) {
      for (let i = 0; i < rowsPerFile; i++) {
        const id = batch * rowsPerFile + i;
        writes.push(sink.write(record(id, 'big', { asset: randomBytes(150).toString('hex') })));
      }
      await turn();
    }
    await Promise.all(writes).finally(() => (done = true));
    await reader;

    expect(problems).toEqual([]);
    const finalSize = new Map(
      await Promise.all(
        (await parquetFiles(dir)).map(
          async (name) => [name, (await stat(path.join(dir, name))).size] as const,
        ),
      ),
    );
    expect(finalSize.size).toBe(files);
    for (const [name, size] of firstSize) expect({ name, size }).toEqual({ name, size: finalSize.get(name) });
    const ids = (await idsPerFile(dir)).flat();
    expect(ids).toHaveLength(rowsPerFile * files);
    expect(new Set(ids).size).toBe(rowsPerFile * files);
  });
});
