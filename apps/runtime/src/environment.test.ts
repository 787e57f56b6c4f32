import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentFromVariables, runtimeEnvironment } from './environment.ts';

describe('runtimeEnvironment', () => {
  it('defaults to the broker on this machine and resolves directories against the working directory', () => {
    const env = runtimeEnvironment({ schemasDir: 'schemas' });
    expect(env).toEqual({
      localBrokerUrl: 'mqtt://127.0.0.1:1883',
      storageRoot: resolve('flowplane-data/storage'),
      schemasDir: resolve('schemas'),
      replica: 0,
    });
  });

  it('binds the local broker with credentials and a CA from the variables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowplane-env-'));
    await writeFile(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    const env = runtimeEnvironment(
      environmentFromVariables({
        FLOWPLANE_LOCAL_BROKER: 'mqtts://broker:8883',
        FLOWPLANE_LOCAL_BROKER_USERNAME: 'relay',
        FLOWPLANE_LOCAL_BROKER_PASSWORD: 'secret',
        FLOWPLANE_LOCAL_BROKER_CA: join(dir, 'ca.pem'),
        FLOWPLANE_RUNTIME_REPLICA: '2',
      }),
    );
    expect(env.localBroker).toEqual({
      username: 'relay',
      password: 'secret',
      ca: '-----BEGIN CERTIFICATE-----\n',
    });
    expect(env.replica).toBe(2);
  });

  it('refuses a replica that is not a whole number and a CA file that cannot be read', () => {
    expect(() => runtimeEnvironment({ replica: '-1' })).toThrow(/replica/);
    expect(() => runtimeEnvironment({ localBrokerCa: '/nonexistent/ca.pem' })).toThrow(/CA file/);
  });
});
