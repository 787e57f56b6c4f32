// `flowplane runtime run` as a user runs it: a dataflow file, a broker, messages moving, and a reload
// when the file changes.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, TestClient, startBroker, until } from '@flowplane/runtime/test-support';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));

const flowYaml = (destination: string) => `apiVersion: connectivity.iotoperations.azure.com/v1
kind: Dataflow
metadata:
  name: thermostats
spec:
  profileRef: default
  operations:
    - operationType: Source
      sourceSettings:
        endpointRef: default
        dataSources: ['thermostats/+/telemetry']
    - operationType: BuiltInTransformation
      builtInTransformationSettings:
        map:
          - inputs: ['*']
            output: '*'
          - inputs: [temperature]
            output: temperatureF
            expression: '$1 * 9 / 5 + 32'
    - operationType: Destination
      destinationSettings:
        endpointRef: default
        dataDestination: '${destination}'
`;

let broker: Broker;
let dir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  broker = await startBroker();
  dir = await mkdtemp(join(tmpdir(), 'flowplane-cli-runtime-'));
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await broker.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('flowplane runtime run', () => {
  it('moves transformed messages with nothing but a dataflow file, and reloads it on change', async () => {
    const file = join(dir, 'flow.yaml');
    await writeFile(file, flowYaml('processed/${inputTopic.2}'));
    const proc = spawn(
      process.execPath,
      [main, 'runtime', 'run', '-f', file, '--local-broker', broker.url, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    let stdout = '';
    proc.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await until(() => stdout.includes('thermostats: running'), 15_000, 'the dataflow to run');
    expect(stdout).toContain('start     Dataflow/thermostats');

    const out = await TestClient.connect(broker.url);
    await out.subscribe('processed/#');
    await out.subscribe('renamed/#');
    const input = await TestClient.connect(broker.url);
    await input.publish('thermostats/t-1/telemetry', { temperature: 100 });
    await out.waitFor(1);
    expect(out.received[0]).toMatchObject({ topic: 'processed/t-1', payload: { temperatureF: 212 } });

    await writeFile(file, flowYaml('renamed/${inputTopic.2}'));
    await until(
      () => stdout.includes('restart   Dataflow/thermostats (definition changed)'),
      10_000,
      'the reload',
    );
    await until(() => stdout.split('thermostats: running').length > 2, 10_000, 'the restart');
    await input.publish('thermostats/t-2/telemetry', { temperature: 0 });
    await out.waitFor(2);
    expect(out.received[1]).toMatchObject({ topic: 'renamed/t-2', payload: { temperatureF: 32 } });
    await Promise.all([input.close(), out.close()]);

    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
