// TLS, X.509 client certificates, WebSockets and service account tokens against a real Mosquitto, with a
// throwaway PKI made by openssl. What an endpoint says is turned into a connection by mqttConnection; these
// tests prove the broker accepts (or refuses) exactly what a user expects.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { API_VERSION, type DataflowEndpoint, type MqttSettings } from '@flowplane/model';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEnvironment } from '../connectors/types.ts';
import { type EndpointTestResult, testEndpoint } from '../engine/endpoint-test.ts';
import { Runtime } from '../engine/runtime.ts';
import { generateCertificates, type TestCertificates } from '../test-support/certificates.ts';
import { type Broker, freePort, startBroker } from '../test-support/mosquitto.ts';
import { TestClient, dataflow, environment, instance, until } from '../test-support/resources.ts';

let pki: TestCertificates;
let root: string;
let local: Broker;
let env: RuntimeEnvironment;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [pki, local] = await Promise.all([generateCertificates(), startBroker()]);
  root = await mkdtemp(path.join(os.tmpdir(), 'flowplane-mqtt-security-'));
  const configMaps = path.join(root, 'configmaps');
  const secrets = path.join(root, 'secrets');
  const put = async (file: string, content: string) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  };
  const pem = (file: string) => readFile(file, 'utf8');
  await put(path.join(configMaps, 'my-ca', 'ca.crt'), await pem(pki.ca.cert));
  await put(path.join(configMaps, 'wrong-ca', 'ca.crt'), await pem(pki.otherCa.cert));
  // A trust bundle as clusters have them: several CAs in one file, the right one not first.
  await put(
    path.join(configMaps, 'bundle', 'ca.crt'),
    `${await pem(pki.otherCa.cert)}${await pem(pki.ca.cert)}`,
  );
  for (const [secret, pair] of [
    ['client-cert', pki.client],
    ['chained-cert', pki.chainedClient],
    ['chained-cert-without-chain', pki.chainedClient],
  ] as const) {
    await mkdir(path.join(secrets, secret), { recursive: true });
    await copyFile(pair.cert, path.join(secrets, secret, 'client_cert.pem'));
    await copyFile(pair.key, path.join(secrets, secret, 'client_key.pem'));
  }
  await copyFile(pki.intermediate.cert, path.join(secrets, 'chained-cert', 'client_intermediate_certs.pem'));
  await put(path.join(secrets, 'tokens', 'aio-internal'), 'eyJhbGciOiJSUzI1NiJ9.e30.signature\n');
  env = environment(local.url, { configMapsDir: configMaps, secretsDir: secrets });
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

afterAll(async () => {
  await Promise.all([local?.stop(), pki?.remove(), root && rm(root, { recursive: true, force: true })]);
});

function endpoint(name: string, mqttSettings: MqttSettings): DataflowEndpoint {
  return {
    apiVersion: API_VERSION,
    kind: 'DataflowEndpoint',
    metadata: { name },
    spec: { endpointType: 'Mqtt', mqttSettings },
  };
}

const anonymous = { method: 'Anonymous' } as const;
const x509 = (secretRef: string) =>
  ({ method: 'X509Certificate', x509CertificateSettings: { secretRef } }) as const;

function stepOf(result: EndpointTestResult, step: string) {
  return result.steps.find((s) => s.step === step);
}

/** The step that failed and its detail (undefined when every step passed). */
function failure(result: EndpointTestResult): { step: string; detail: string | undefined } | undefined {
  const failed = result.steps.find((s) => !s.ok);
  return failed && { step: failed.step, detail: failed.detail };
}

const ALL_STEPS = ['validate', 'configure', 'connect', 'subscribe', 'publish', 'receive'];

function expectAllStepsOk(result: EndpointTestResult): void {
  expect(failure(result)).toBeUndefined();
  expect(result.steps.map((s) => s.step)).toEqual(ALL_STEPS);
  expect(result.ok).toBe(true);
}

async function runtime(startTimeoutMs = 3000): Promise<Runtime> {
  const rt = new Runtime({ environment: env, startTimeoutMs });
  cleanups.push(() => rt.close());
  return rt;
}

/** A subscriber on a TLS listener that trusts the test CA and records payloads. */
async function tlsSubscriber(
  port: number,
  filter: string,
  extra: mqtt.IClientOptions = {},
): Promise<{ received: string[] }> {
  const client: MqttClient = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, {
    protocolVersion: 5,
    ca: await readFile(pki.ca.cert, 'utf8'),
    reconnectPeriod: 0,
    ...extra,
  });
  cleanups.push(() => client.endAsync(true));
  const received: string[] = [];
  client.on('message', (_topic, payload) => received.push(payload.toString()));
  await client.subscribeAsync(filter, { qos: 1 });
  return { received };
}

async function listening(port: number, host = '127.0.0.1', timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (
    !(await new Promise<boolean>((resolve) => {
      const socket = connect(port, host);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    }))
  ) {
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host} port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('TLS with a CA from a config map', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startBroker({
      extraConfig: [`cafile ${pki.ca.cert}`, `certfile ${pki.server.cert}`, `keyfile ${pki.server.key}`].join(
        '\n',
      ),
    });
  });
  afterAll(() => broker.stop());

  const tlsEndpoint = (tls: MqttSettings['tls']) =>
    endpoint('tls-broker', { host: `127.0.0.1:${broker.port}`, authentication: anonymous, tls });

  it('a dataflow moves a message from the local broker to the TLS broker', async () => {
    const out = await tlsSubscriber(broker.port, 'secure/out');
    const rt = await runtime();
    const result = await rt.apply(
      instance(
        tlsEndpoint({ mode: 'Enabled', trustedCaCertificateConfigMapRef: 'my-ca' }),
        dataflow('to-tls', {
          sources: ['secure/in'],
          destination: 'secure/out',
          destinationEndpoint: 'tls-broker',
        }),
      ),
    );
    expect(result.ok).toBe(true);
    await until(() => rt.status()[0]?.state === 'running', 5000, 'the dataflow to run');
    const input = await TestClient.connect(local.url);
    cleanups.push(() => input.close());
    await input.publish('secure/in', { reading: 42 });
    await until(() => out.received.length === 1, 5000, 'the message at the TLS broker');
    expect(JSON.parse(out.received[0]!)).toEqual({ reading: 42 });
    expect(rt.status()[0]!.lastError).toBeUndefined();
  });

  it('testEndpoint passes every step when the config map holds the CA', async () => {
    expectAllStepsOk(
      await testEndpoint(tlsEndpoint({ mode: 'Enabled', trustedCaCertificateConfigMapRef: 'my-ca' }), env),
    );
  });

  it('finds the CA inside a bundle of several certificates', async () => {
    expectAllStepsOk(
      await testEndpoint(tlsEndpoint({ mode: 'Enabled', trustedCaCertificateConfigMapRef: 'bundle' }), env),
    );
  });

  it('fails at connect with a certificate error without the CA (system trust only) or with a wrong CA', async () => {
    for (const tls of [
      { mode: 'Enabled' },
      { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'wrong-ca' },
    ] as const) {
      const result = await testEndpoint(tlsEndpoint(tls), env);
      expect(result.ok).toBe(false);
      expect(failure(result)).toEqual({
        step: 'connect',
        detail: expect.stringMatching(/certificate/i) as unknown as string,
      });
    }
  });

  it('fails at configure, naming the directory, when the CA config map is not there', async () => {
    const result = await testEndpoint(
      tlsEndpoint({ mode: 'Enabled', trustedCaCertificateConfigMapRef: 'absent-ca' }),
      env,
    );
    expect(failure(result)?.step).toBe('configure');
    expect(failure(result)?.detail).toContain(path.join(env.configMapsDir!, 'absent-ca'));
  });

  it('fails at connect when TLS is disabled against a TLS listener', async () => {
    const result = await testEndpoint(tlsEndpoint({ mode: 'Disabled' }), env, { timeoutMs: 2000 });
    expect(failure(result)?.step).toBe('connect');
  });
});

describe('X.509 client certificates', () => {
  let broker: Broker;
  let acl: string;
  beforeAll(async () => {
    // Each client may only use topics under its certificate's common name.
    acl = path.join(root, 'x509.acl');
    await writeFile(acl, 'pattern readwrite devices/%u/#\n');
    broker = await startBroker({
      extraConfig: [
        `cafile ${pki.ca.cert}`,
        `certfile ${pki.server.cert}`,
        `keyfile ${pki.server.key}`,
        'require_certificate true',
        'use_identity_as_username true',
        `acl_file ${acl}`,
      ].join('\n'),
    });
  });
  afterAll(() => broker.stop());

  const certEndpoint = (authentication: MqttSettings['authentication']) =>
    endpoint('x509-broker', {
      host: `127.0.0.1:${broker.port}`,
      authentication,
      tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'my-ca' },
    });

  it('testEndpoint passes every step with the certificate from the secret; the broker knows the client by its CN', async () => {
    const own = `devices/${pki.clientCommonName}/probe`;
    expectAllStepsOk(await testEndpoint(certEndpoint(x509('client-cert')), env, { topic: own }));
    // The ACL keys on the username Mosquitto took from the certificate: another device's topic is refused
    // (Mosquitto 2.0 grants the subscription and refuses the publish).
    const other = await testEndpoint(certEndpoint(x509('client-cert')), env, {
      topic: 'devices/someone-else/probe',
    });
    expect(failure(other)).toEqual({
      step: 'publish',
      detail: expect.stringMatching(/not authorized/i) as unknown as string,
    });
  });

  it('sends the intermediate chain, so a certificate from an intermediate CA verifies', async () => {
    const topic = `devices/${pki.chainedClientCommonName}/probe`;
    expectAllStepsOk(await testEndpoint(certEndpoint(x509('chained-cert')), env, { topic }));
    const withoutChain = await testEndpoint(certEndpoint(x509('chained-cert-without-chain')), env, {
      topic,
      timeoutMs: 2000,
    });
    expect(failure(withoutChain)?.step).toBe('connect');
  });

  it('a dataflow publishes with the client certificate', async () => {
    const topic = `devices/${pki.clientCommonName}/telemetry`;
    const out = await tlsSubscriber(broker.port, topic, {
      cert: await readFile(pki.client.cert, 'utf8'),
      key: await readFile(pki.client.key, 'utf8'),
    });
    const rt = await runtime();
    await rt.apply(
      instance(
        certEndpoint(x509('client-cert')),
        dataflow('to-x509', { sources: ['x509/in'], destination: topic, destinationEndpoint: 'x509-broker' }),
      ),
    );
    await until(() => rt.status()[0]?.state === 'running', 5000, 'the dataflow to run');
    const input = await TestClient.connect(local.url);
    cleanups.push(() => input.close());
    await input.publish('x509/in', { n: 1 });
    await until(() => out.received.length === 1, 5000, 'the message at the X.509 broker');
    expect(JSON.parse(out.received[0]!)).toEqual({ n: 1 });
  });

  it('fails at connect without a client certificate', async () => {
    const result = await testEndpoint(certEndpoint(anonymous), env, { timeoutMs: 2000 });
    expect(failure(result)?.step).toBe('connect');
  });

  it('fails at configure, naming the file, when the secret has no key file', async () => {
    const result = await testEndpoint(certEndpoint(x509('absent-secret')), env);
    expect(failure(result)?.step).toBe('configure');
    expect(failure(result)?.detail).toContain(path.join(env.secretsDir!, 'absent-secret', 'client_cert.pem'));
  });
});

// Debian's mosquitto 2.0.11 is built with libwebsockets, but it refuses to start when its only listener
// is a WebSockets one ("Unable to start any listening sockets"): startBroker's first listener stays plain
// MQTT, and the WebSockets listeners are added after it.
describe('WebSockets', () => {
  let broker: Broker;
  let wsPort: number;
  let wssPort: number;
  beforeAll(async () => {
    [wsPort, wssPort] = [await freePort(), await freePort()];
    broker = await startBroker({
      extraConfig: [
        `listener ${wsPort} 127.0.0.1`,
        'protocol websockets',
        `listener ${wssPort} 127.0.0.1`,
        'protocol websockets',
        `cafile ${pki.ca.cert}`,
        `certfile ${pki.server.cert}`,
        `keyfile ${pki.server.key}`,
      ].join('\n'),
    });
    // startBroker waits for its first listener only.
    await Promise.all([listening(wsPort), listening(wssPort)]);
  });
  afterAll(() => broker.stop());

  const wsEndpoint = (host: string, settings: Partial<MqttSettings> = {}) =>
    endpoint('ws-broker', {
      host,
      protocol: 'WebSockets',
      authentication: anonymous,
      tls: { mode: 'Disabled' },
      ...settings,
    });

  it('testEndpoint passes every step over ws://', async () => {
    expectAllStepsOk(await testEndpoint(wsEndpoint(`127.0.0.1:${wsPort}`), env));
  });

  it('testEndpoint passes every step over wss:// with the CA from a config map', async () => {
    expectAllStepsOk(
      await testEndpoint(
        wsEndpoint(`127.0.0.1:${wssPort}/mqtt`, {
          tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'my-ca' },
        }),
        env,
      ),
    );
  });

  it('a dataflow publishes over WebSockets to the same broker its MQTT listener serves', async () => {
    const rt = new Runtime({ environment: { ...env, localBrokerUrl: broker.url }, startTimeoutMs: 3000 });
    cleanups.push(() => rt.close());
    await rt.apply(
      instance(
        wsEndpoint(`127.0.0.1:${wsPort}`),
        dataflow('to-ws', { sources: ['ws/in'], destination: 'ws/out', destinationEndpoint: 'ws-broker' }),
      ),
    );
    await until(() => rt.status()[0]?.state === 'running', 5000, 'the dataflow to run');
    const out = await TestClient.connect(broker.url);
    cleanups.push(() => out.close());
    await out.subscribe('ws/out');
    const input = await TestClient.connect(broker.url);
    cleanups.push(() => input.close());
    await input.publish('ws/in', { over: 'websockets' });
    expect((await out.waitFor(1, 5000)).map((m) => m.payload)).toEqual([{ over: 'websockets' }]);
  });

  it('the protocol setting decides the transport: MQTT to the WebSockets port fails at connect, and back', async () => {
    const raw = await testEndpoint(wsEndpoint(`127.0.0.1:${wsPort}`, { protocol: 'Mqtt' }), env, {
      timeoutMs: 2000,
    });
    expect(failure(raw)?.step).toBe('connect');
    const ws = await testEndpoint(wsEndpoint(`127.0.0.1:${broker.port}`), env, { timeoutMs: 2000 });
    expect(failure(ws)?.step).toBe('connect');
  });
});

describe('IPv6 hosts', () => {
  let broker: Broker;
  let port: number;
  let wsPort: number;
  beforeAll(async () => {
    [port, wsPort] = [await freePort(), await freePort()];
    broker = await startBroker({
      extraConfig: [`listener ${port} ::1`, `listener ${wsPort} ::1`, 'protocol websockets'].join('\n'),
    });
    await Promise.all([listening(port, '::1'), listening(wsPort, '::1')]);
  });
  afterAll(() => broker.stop());

  it.each([
    ['Mqtt', () => port],
    ['WebSockets', () => wsPort],
  ] as const)('connects to [::1]:<port> over %s', async (protocol, portOf) => {
    expectAllStepsOk(
      await testEndpoint(
        endpoint('ipv6-broker', {
          host: `[::1]:${portOf()}`,
          protocol,
          authentication: anonymous,
          tls: { mode: 'Disabled' },
        }),
        env,
      ),
    );
  });
});

// Mosquitto has no K8S-SAT plugin: it answers CONNACK 0x8C "Bad authentication method" when, and only
// when, a client sends an authentication method. That refusal proves the runtime sent the token as MQTT 5
// enhanced authentication; the Azure IoT Operations broker itself is not available here.
describe('ServiceAccountToken', () => {
  const satEndpoint = (
    authentication: MqttSettings['authentication'] = {
      method: 'ServiceAccountToken',
      serviceAccountTokenSettings: { audience: 'aio-internal' },
    },
  ) =>
    endpoint('sat-broker', {
      host: `127.0.0.1:${local.port}`,
      authentication,
      tls: { mode: 'Disabled' },
    });

  it('the same broker accepts the endpoint without an authentication method', async () => {
    expectAllStepsOk(await testEndpoint(satEndpoint(anonymous), env));
  });

  it('testEndpoint fails at connect because the broker refuses the K8S-SAT authentication method', async () => {
    const result = await testEndpoint(satEndpoint(), env);
    expect(stepOf(result, 'configure')?.ok).toBe(true);
    expect(failure(result)).toEqual({
      step: 'connect',
      detail: expect.stringMatching(/bad authentication method/i) as unknown as string,
    });
  });

  it('a dataflow reports the refused authentication method', async () => {
    const rt = await runtime(200);
    await rt.apply(
      instance(
        satEndpoint(),
        dataflow('to-sat', {
          sources: ['sat/in'],
          destination: 'sat/out',
          destinationEndpoint: 'sat-broker',
        }),
      ),
    );
    await until(
      () => /bad authentication method/i.test(rt.status()[0]?.lastError?.message ?? ''),
      5000,
      'the refusal in the dataflow status',
    );
    expect(rt.status()[0]!.state).not.toBe('running');
  });

  it('fails at configure, naming the token file, when the token is missing', async () => {
    const result = await testEndpoint(
      satEndpoint({
        method: 'ServiceAccountToken',
        serviceAccountTokenSettings: { audience: 'other-audience' },
      }),
      env,
    );
    expect(failure(result)?.step).toBe('configure');
    expect(failure(result)?.detail).toContain(path.join(env.secretsDir!, 'tokens', 'other-audience'));
  });
});
