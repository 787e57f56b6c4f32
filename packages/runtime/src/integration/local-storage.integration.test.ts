import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION, type DataflowEndpoint } from '@flowplane/model';
import { Runtime } from '../engine/runtime.ts';
import { type Broker, startBroker } from '../test-support/mosquitto.ts';
import { TestClient, dataflow, environment, instance, until } from '../test-support/resources.ts';

let broker: Broker;
let dir: string;

beforeAll(async () => {
  broker = await startBroker();
  dir = await mkdtemp(join(tmpdir(), 'flowplane-storage-'));
  await mkdir(join(dir, 'schemas', 'factory', 'telemetry'), { recursive: true });
  await writeFile(
    join(dir, 'schemas', 'factory', 'telemetry', '1.0.0.json'),
    JSON.stringify({
      $schema: 'Delta/1.0',
      type: 'object',
      properties: {
        type: 'struct',
        fields: [
          { name: 'deviceId', type: 'string', nullable: false, metadata: {} },
          { name: 'seq', type: 'integer', nullable: false, metadata: {} },
          { name: 'temperature', type: 'double', nullable: true, metadata: {} },
          { name: 'at', type: 'timestamp', nullable: true, metadata: {} },
        ],
      },
    }),
  );
});
afterAll(async () => {
  await broker.stop();
  await rm(dir, { recursive: true, force: true });
});

const localFiles: DataflowEndpoint = {
  apiVersion: API_VERSION,
  kind: 'DataflowEndpoint',
  metadata: { name: 'local-files' },
  spec: { endpointType: 'LocalStorage', localStorageSettings: { persistentVolumeClaimRef: 'telemetry-pvc' } },
};

describe('MQTT to local storage', () => {
  it('writes every message as a Parquet row with the schema types, and dead-letters what does not fit', async () => {
    const storageRoot = join(dir, 'volumes');
    const runtime = new Runtime({
      environment: environment(broker.url, {
        storageRoot,
        schemasDir: join(dir, 'schemas'),
        localStorageBatching: { latencySeconds: 0.2, maxMessages: 100 },
      }),
    });
    try {
      const result = await runtime.apply(
        instance(
          localFiles,
          dataflow('to-files', {
            sources: ['line/+/telemetry'],
            destination: 'line-1',
            destinationEndpoint: 'local-files',
            transformation: {
              serializationFormat: 'Parquet',
              schemaRef: 'aio-sr://factory/telemetry:1.0.0',
              map: [{ inputs: ['*'], output: '*' }],
            },
          }),
        ),
      );
      expect(result.ok).toBe(true);
      expect(runtime.status()[0]!.state).toBe('running');

      const publisher = await TestClient.connect(broker.url);
      const total = 250;
      for (let seq = 0; seq < total; seq++)
        await publisher.publish(`line/${seq % 3}/telemetry`, {
          deviceId: `d-${seq % 3}`,
          seq,
          temperature: seq % 10 === 0 ? '21.5' : 20 + seq / 10,
          at: '2026-11-22T10:00:00Z',
          extra: 'ignored',
        });
      await publisher.publish('line/0/telemetry', { seq: 'x' });
      await publisher.close();
      await until(() => runtime.status()[0]!.counters.emitted === total, 15_000, 'every row to be written');
      const status = runtime.status()[0]!;
      expect(status.counters.deadLettered).toBe(1);
      expect(status.deadLetters[0]!.reason).toMatch(/telemetry:1\.0\.0/);

      const folder = join(storageRoot, 'telemetry-pvc', 'line-1');
      const names = await readdir(folder);
      expect(names.every((n) => n.endsWith('.parquet') && !n.startsWith('.'))).toBe(true);
      const rows: Record<string, unknown>[] = [];
      for (const name of names) {
        const file = await readFile(join(folder, name));
        const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
        rows.push(...((await parquetReadObjects({ file: buffer })) as Record<string, unknown>[]));
      }
      expect(rows).toHaveLength(total);
      const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
      expect([...bySeq.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(bySeq.get(10)).toMatchObject({ deviceId: 'd-1', temperature: 21.5 });
      expect(bySeq.get(11)!.temperature).toBeCloseTo(21.1);
      expect(bySeq.get(11)!.at).toEqual(new Date('2026-11-22T10:00:00Z'));
      expect(Object.keys(bySeq.get(1)!)).not.toContain('extra');
    } finally {
      await runtime.close();
    }
  });
});
