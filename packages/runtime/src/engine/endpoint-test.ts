// `POST /v1/endpoints/test`: walks the steps a dataflow would take with an endpoint (read its secrets,
// connect and authenticate, subscribe, publish a probe and receive it back) and says which step failed.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mqtt, { type IClientOptions } from 'mqtt';
import { type DataflowEndpoint, validateResource, withDefaults } from '@flowplane/model';
import { mqttConnection } from '../connectors/mqtt-connection.ts';
import type { RuntimeEnvironment } from '../connectors/types.ts';
import { messageOf } from './pipeline.ts';

export type EndpointTestStep =
  'validate' | 'configure' | 'connect' | 'subscribe' | 'publish' | 'receive' | 'write';

export interface EndpointTestResult {
  readonly ok: boolean;
  readonly steps: readonly {
    readonly step: EndpointTestStep;
    readonly ok: boolean;
    readonly ms: number;
    readonly detail?: string;
  }[];
}

export interface EndpointTestOptions {
  /** Topic for the probe (default `flowplane/probe/<random>`); must be one the credentials may use. */
  readonly topic?: string;
  readonly timeoutMs?: number;
}

export async function testEndpoint(
  endpoint: unknown,
  env: RuntimeEnvironment,
  options: EndpointTestOptions = {},
): Promise<EndpointTestResult> {
  const steps: { step: EndpointTestStep; ok: boolean; ms: number; detail?: string }[] = [];
  const run = async <T>(step: EndpointTestStep, work: () => Promise<T>): Promise<T | undefined> => {
    const started = performance.now();
    try {
      const value = await work();
      steps.push({ step, ok: true, ms: Math.round(performance.now() - started) });
      return value;
    } catch (error) {
      steps.push({ step, ok: false, ms: Math.round(performance.now() - started), detail: messageOf(error) });
      return undefined;
    }
  };
  const result = () => ({ ok: steps.every((s) => s.ok), steps });

  const valid = await run('validate', async () => {
    const errors = validateResource(endpoint).filter((i) => i.severity === 'error');
    if (errors.length > 0) throw new Error(errors.map((i) => `${i.path}: ${i.message}`).join('; '));
    return withDefaults(endpoint as DataflowEndpoint);
  });
  if (!valid) return result();

  const timeoutMs = options.timeoutMs ?? 5000;
  if (valid.spec.endpointType === 'LocalStorage') {
    const volume = valid.spec.localStorageSettings!.persistentVolumeClaimRef;
    await run('write', async () => {
      const dir = join(env.storageRoot, volume);
      await mkdir(dir, { recursive: true });
      const probe = join(dir, `.flowplane-probe-${randomUUID()}`);
      await writeFile(probe, 'probe');
      await rm(probe);
    });
    return result();
  }
  if (valid.spec.endpointType !== 'Mqtt') {
    steps.push({
      step: 'configure',
      ok: false,
      ms: 0,
      detail: `the local runtime cannot connect to ${valid.spec.endpointType} endpoints yet`,
    });
    return result();
  }

  const connection = await run('configure', () =>
    mqttConnection(valid.spec.mqttSettings!, env, {
      clientId: `flowplane-probe-${randomUUID().slice(0, 8)}`,
    }),
  );
  if (!connection) return result();
  const client = await run('connect', () =>
    mqtt.connectAsync(connection.url, {
      ...connection.options,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: timeoutMs,
      // A probe leaves no session behind, but keeps the enhanced authentication (K8S-SAT) it must test.
      properties: authenticationOf(connection.options.properties),
    }),
  );
  if (!client) return result();
  try {
    const topic = options.topic ?? `flowplane/probe/${randomUUID()}`;
    const payload = randomUUID();
    const arrived = new Promise<void>((resolve) =>
      client.on('message', (t, message) => {
        if (t === topic && message.toString() === payload) resolve();
      }),
    );
    const subscribed = await run('subscribe', async () => {
      const granted = await client.subscribeAsync(topic, { qos: 1 });
      if (granted.some((g) => g.qos > 1))
        throw new Error(`the broker refused the subscription to '${topic}'`);
      return true;
    });
    if (!subscribed) return result();
    const published = await run('publish', async () => {
      await client.publishAsync(topic, payload, { qos: 1 });
      return true;
    });
    if (!published) return result();
    await run('receive', () =>
      Promise.race([
        arrived,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`the probe did not come back within ${timeoutMs} ms`)),
            timeoutMs,
          ).unref(),
        ),
      ]),
    );
    return result();
  } finally {
    await client.endAsync(true);
  }
}

function authenticationOf(properties: IClientOptions['properties']): IClientOptions['properties'] {
  if (properties?.authenticationMethod === undefined) return {};
  return {
    authenticationMethod: properties.authenticationMethod,
    ...(properties.authenticationData === undefined
      ? {}
      : { authenticationData: properties.authenticationData }),
  };
}
