import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MqttSettings } from '@flowplane/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { environment } from '../test-support/resources.ts';
import {
  ConnectorConfigError,
  isLocalBrokerHost,
  MQTT_DEFAULTS,
  mqttConnection,
  SAT_AUTH_METHOD,
} from './mqtt-connection.ts';
import type { RuntimeEnvironment } from './types.ts';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n';
const CA2 = '-----BEGIN CERTIFICATE-----\nMIIBcb\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----\n';
const CHAIN = '-----BEGIN CERTIFICATE-----\nMIIBintermediate\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHkey\n-----END PRIVATE KEY-----\n';

let root: string;
let env: RuntimeEnvironment;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'flowplane-mqtt-connection-'));
  env = environment('mqtt://127.0.0.1:1883', {
    secretsDir: path.join(root, 'secrets'),
    configMapsDir: path.join(root, 'configmaps'),
  });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(dir: 'secrets' | 'configmaps', name: string, key: string, content: string): Promise<void> {
  const file = path.join(root, dir, name, key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

const anonymous = { method: 'Anonymous' } as const;

function settings(extra: Partial<MqttSettings>): MqttSettings {
  return { authentication: anonymous, tls: { mode: 'Disabled' }, ...extra };
}

const client = { clientId: 'flow-1' };

describe('broker URL', () => {
  it.each([
    ['broker.example:1883', 'Mqtt', 'Disabled', 'mqtt://broker.example:1883'],
    ['broker.example:8883', 'Mqtt', 'Enabled', 'mqtts://broker.example:8883'],
    ['broker.example', 'Mqtt', 'Enabled', 'mqtts://broker.example:8883'],
    ['[2001:db8::1]:8883', 'Mqtt', 'Enabled', 'mqtts://[2001:db8::1]:8883'],
    ['[::1]', 'Mqtt', 'Disabled', 'mqtt://[::1]:8883'],
    ['broker.example:8080', 'WebSockets', 'Disabled', 'ws://broker.example:8080/mqtt'],
    ['broker.example:443/custom/path', 'WebSockets', 'Enabled', 'wss://broker.example:443/custom/path'],
    [
      'ns.westeurope-1.ts.eventgrid.azure.net:443/mqtt',
      'WebSockets',
      'Enabled',
      'wss://ns.westeurope-1.ts.eventgrid.azure.net:443/mqtt',
    ],
  ] as const)('%s over %s with TLS %s → %s', async (host, protocol, mode, url) => {
    const connection = await mqttConnection(settings({ host, protocol, tls: { mode } }), env, client);
    expect(connection.url).toBe(url);
    expect(connection.describe).toBe(url);
  });

  it('uses TLS when the endpoint has no tls block (the schema default)', async () => {
    const connection = await mqttConnection(
      { host: 'broker.example:8883', authentication: anonymous },
      env,
      client,
    );
    expect(connection.url).toBe('mqtts://broker.example:8883');
  });

  it.each(['mqtts://broker.example:8883', 'broker.example:port', 'broker.example:70000', 'broker.example:0'])(
    'refuses host %s',
    async (host) => {
      await expect(mqttConnection(settings({ host }), env, client)).rejects.toThrow(ConnectorConfigError);
    },
  );
});

describe('local broker binding', () => {
  it.each([
    'aio-broker',
    'aio-broker:18883',
    'aio-broker:1883',
    'aio-broker.azure-iot-operations.svc.cluster.local:18883',
    'AIO-Broker:18883',
  ])('%s binds to the runtime’s local broker', (host) => {
    expect(isLocalBrokerHost(host)).toBe(true);
  });

  it.each(['aio-broker-2:18883', 'my-aio-broker:18883', 'broker.example:8883'])(
    '%s is not the local broker',
    (host) => {
      expect(isLocalBrokerHost(host)).toBe(false);
    },
  );

  it('treats an omitted host as the local broker', () => {
    expect(isLocalBrokerHost(undefined)).toBe(true);
  });

  it('replaces the endpoint’s authentication and TLS with the binding’s credentials and CA', async () => {
    const bound = environment('mqtts://user:secret@broker.local:8884', {
      localBroker: { username: 'runtime', password: 'pw', ca: CA },
    });
    // The default endpoint: SAT and a CA config map that exist only in a cluster; none is read here.
    const connection = await mqttConnection(
      {
        host: 'aio-broker.azure-iot-operations.svc.cluster.local:18883',
        authentication: {
          method: 'ServiceAccountToken',
          serviceAccountTokenSettings: { audience: 'aio-internal' },
        },
        tls: {
          mode: 'Enabled',
          trustedCaCertificateConfigMapRef: 'azure-iot-operations-aio-ca-trust-bundle',
        },
      },
      bound,
      client,
    );
    expect(connection.url).toBe('mqtts://user:secret@broker.local:8884');
    expect(connection.describe).toBe('mqtts://***@broker.local:8884 (local broker binding)');
    expect(connection.describe).not.toContain('secret');
    expect(connection.options).toMatchObject({
      username: 'runtime',
      password: 'pw',
      ca: CA,
      clientId: 'flow-1',
    });
    expect(connection.options.properties?.authenticationMethod).toBeUndefined();
    expect(connection.options.properties?.authenticationData).toBeUndefined();
  });

  it('connects without credentials when the binding has none', async () => {
    const connection = await mqttConnection(
      {
        host: 'aio-broker:18883',
        authentication: { method: 'X509Certificate', x509CertificateSettings: { secretRef: 'none' } },
      },
      env,
      client,
    );
    expect(connection.url).toBe('mqtt://127.0.0.1:1883');
    expect(connection.options.username).toBeUndefined();
    expect(connection.options.cert).toBeUndefined();
    expect(connection.options.ca).toBeUndefined();
  });
});

describe('TLS trust', () => {
  it('reads every PEM certificate of the CA config map, in file-name order, skipping other entries', async () => {
    await put('configmaps', 'my-ca', 'b.crt', CA2);
    await put('configmaps', 'my-ca', 'a.crt', CA);
    await put('configmaps', 'my-ca', 'README', 'not a certificate');
    // What a Kubernetes mount looks like: keys are symlinks into a hidden ..data directory.
    await put('configmaps', 'my-ca', '..data/a.crt', CA);
    await mkdir(path.join(root, 'configmaps', 'my-ca', 'nested'));
    await symlink('..gone/ca.crt', path.join(root, 'configmaps', 'my-ca', 'dangling.crt'));
    const connection = await mqttConnection(
      settings({
        host: 'broker.example:8883',
        tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'my-ca' },
      }),
      env,
      client,
    );
    expect(connection.options.ca).toEqual([CA, CA2]);
  });

  it('follows the symlinks of a Kubernetes config map mount', async () => {
    await put('configmaps', 'mounted', '..2026_01_01/ca.crt', CA);
    await symlink('..2026_01_01', path.join(root, 'configmaps', 'mounted', '..data'));
    await symlink('..data/ca.crt', path.join(root, 'configmaps', 'mounted', 'ca.crt'));
    const connection = await mqttConnection(
      settings({ host: 'b:8883', tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'mounted' } }),
      env,
      client,
    );
    expect(connection.options.ca).toEqual([CA]);
  });

  it('reads no CA when TLS is disabled', async () => {
    const connection = await mqttConnection(
      settings({
        host: 'broker.example:1883',
        tls: { mode: 'Disabled', trustedCaCertificateConfigMapRef: 'absent' },
      }),
      env,
      client,
    );
    expect(connection.options.ca).toBeUndefined();
  });

  it('trusts the system CAs when TLS names no config map (public brokers)', async () => {
    const connection = await mqttConnection(
      settings({ host: 'b:8883', tls: { mode: 'Enabled' } }),
      env,
      client,
    );
    expect(connection.options.ca).toBeUndefined();
  });

  it('names the expected directory when the config map is missing', async () => {
    const attempt = mqttConnection(
      settings({ host: 'b:8883', tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'absent-ca' } }),
      env,
      client,
    );
    await expect(attempt).rejects.toThrow(ConnectorConfigError);
    await expect(attempt).rejects.toThrow(path.join(root, 'configmaps', 'absent-ca'));
  });

  it('says so when the config map holds no PEM certificate', async () => {
    await put('configmaps', 'empty-ca', 'ca.crt', 'garbage');
    await expect(
      mqttConnection(
        settings({ host: 'b:8883', tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'empty-ca' } }),
        env,
        client,
      ),
    ).rejects.toThrow(/holds no PEM certificate/);
  });

  it('says so when the runtime has no config-maps directory', async () => {
    await expect(
      mqttConnection(
        settings({ host: 'b:8883', tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'my-ca' } }),
        environment('mqtt://127.0.0.1:1883'),
        client,
      ),
    ).rejects.toThrow(/--config-maps-dir/);
  });

  it('refuses a config map name that leaves the config-maps directory', async () => {
    await put('secrets', 'stolen', 'ca.crt', CA);
    await expect(
      mqttConnection(
        settings({
          host: 'b:8883',
          tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: '../secrets/stolen' },
        }),
        env,
        client,
      ),
    ).rejects.toThrow(/not a valid name/);
  });
});

describe('X.509 client certificate', () => {
  const x509 = (secretRef: string): MqttSettings =>
    settings({
      host: 'b:8883',
      tls: { mode: 'Enabled' },
      authentication: { method: 'X509Certificate', x509CertificateSettings: { secretRef } },
    });

  it('reads the certificate and key from the secret', async () => {
    await put('secrets', 'client-cert', 'client_cert.pem', CERT);
    await put('secrets', 'client-cert', 'client_key.pem', KEY);
    const { options } = await mqttConnection(x509('client-cert'), env, client);
    expect(options.cert).toBe(CERT);
    expect(options.key).toBe(KEY);
    expect(options.username).toBeUndefined();
  });

  it('appends the intermediate chain after the leaf certificate', async () => {
    await put('secrets', 'chained', 'client_cert.pem', CERT);
    await put('secrets', 'chained', 'client_key.pem', KEY);
    await put('secrets', 'chained', 'client_intermediate_certs.pem', CHAIN);
    const { options } = await mqttConnection(x509('chained'), env, client);
    expect(options.cert).toBe(`${CERT.trimEnd()}\n${CHAIN}`);
  });

  it('names the missing key file', async () => {
    await put('secrets', 'half', 'client_cert.pem', CERT);
    const attempt = mqttConnection(x509('half'), env, client);
    await expect(attempt).rejects.toThrow(ConnectorConfigError);
    await expect(attempt).rejects.toThrow(path.join(root, 'secrets', 'half', 'client_key.pem'));
  });

  it('names the missing certificate file', async () => {
    await expect(mqttConnection(x509('absent'), env, client)).rejects.toThrow(
      path.join(root, 'secrets', 'absent', 'client_cert.pem'),
    );
  });

  it('refuses TLS disabled, where the certificate would never be presented', async () => {
    await put('secrets', 'client-cert', 'client_cert.pem', CERT);
    await put('secrets', 'client-cert', 'client_key.pem', KEY);
    await expect(
      mqttConnection({ ...x509('client-cert'), tls: { mode: 'Disabled' } }, env, client),
    ).rejects.toThrow(/needs TLS/);
  });

  it('refuses a secret name that leaves the secrets directory', async () => {
    await put('configmaps', 'x', 'client_cert.pem', CERT);
    await expect(mqttConnection(x509('../configmaps/x'), env, client)).rejects.toThrow(/not a valid name/);
  });
});

describe('service account token', () => {
  const sat = (audience: string, extra: Partial<MqttSettings> = {}): MqttSettings =>
    settings({
      host: 'b:1883',
      authentication: { method: 'ServiceAccountToken', serviceAccountTokenSettings: { audience } },
      ...extra,
    });

  it('sends the token as MQTT 5 enhanced authentication K8S-SAT, keeping the session properties', async () => {
    await put('secrets', 'tokens', 'aio-internal', 'eyJhbGciOi.token.sig\n');
    const { options } = await mqttConnection(sat('aio-internal', { sessionExpirySeconds: 30 }), env, {
      clientId: 'c',
      receiveMaximum: 7,
    });
    expect(SAT_AUTH_METHOD).toBe('K8S-SAT');
    expect(options.properties?.authenticationMethod).toBe('K8S-SAT');
    expect(Buffer.from(options.properties!.authenticationData!).toString()).toBe('eyJhbGciOi.token.sig');
    expect(options.properties?.sessionExpiryInterval).toBe(30);
    expect(options.properties?.receiveMaximum).toBe(7);
    expect(options.username).toBeUndefined();
    expect(options.password).toBeUndefined();
  });

  it('names the missing token file', async () => {
    const attempt = mqttConnection(sat('aio-internal'), env, client);
    await expect(attempt).rejects.toThrow(ConnectorConfigError);
    await expect(attempt).rejects.toThrow(path.join(root, 'secrets', 'tokens', 'aio-internal'));
  });

  it('refuses an empty token file', async () => {
    await put('secrets', 'tokens', 'aio-internal', '\n');
    await expect(mqttConnection(sat('aio-internal'), env, client)).rejects.toThrow(/is empty/);
  });

  it('keeps an audience with slashes inside the tokens directory', async () => {
    await put('secrets', 'tokens', 'https%3A%2F%2Fbroker.example%2F', 'tok');
    await put('secrets', 'x', 'y', 'not the token');
    const { options } = await mqttConnection(sat('https://broker.example/'), env, client);
    expect(Buffer.from(options.properties!.authenticationData!).toString()).toBe('tok');
    await expect(mqttConnection(sat('../x/y'), env, client)).rejects.toThrow(
      path.join(root, 'secrets', 'tokens', '..%2Fx%2Fy'),
    );
    await expect(mqttConnection(sat('..'), env, client)).rejects.toThrow(/not a valid name/);
  });

  it('says so when the runtime has no secrets directory', async () => {
    await expect(
      mqttConnection(sat('aio-internal'), environment('mqtt://127.0.0.1:1883'), client),
    ).rejects.toThrow(/--secrets-dir/);
  });
});

describe('managed identities', () => {
  it.each([
    { method: 'SystemAssignedManagedIdentity', systemAssignedManagedIdentitySettings: {} },
    {
      method: 'UserAssignedManagedIdentity',
      userAssignedManagedIdentitySettings: { clientId: 'c', tenantId: 't' },
    },
  ] as const)('$method is refused with what to use instead', async (authentication) => {
    const attempt = mqttConnection(
      settings({ host: 'ns.eventgrid.azure.net:8883', authentication }),
      env,
      client,
    );
    await expect(attempt).rejects.toThrow(ConnectorConfigError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`${authentication.method} needs an Azure managed identity`),
    );
  });
});

describe('session settings', () => {
  it('applies keep-alive, session expiry, receive maximum, the client id and a persistent session', async () => {
    const { options } = await mqttConnection(
      settings({ host: 'b:1883', keepAliveSeconds: 15, sessionExpirySeconds: 3600 }),
      env,
      { clientId: 'profile-0-flow', receiveMaximum: 50 },
    );
    expect(options).toMatchObject({
      protocolVersion: 5,
      clientId: 'profile-0-flow',
      clean: false,
      keepalive: 15,
      properties: { sessionExpiryInterval: 3600, receiveMaximum: 50 },
    });
  });

  it('uses the platform defaults when the fields are omitted', async () => {
    const { options } = await mqttConnection(settings({ host: 'b:1883' }), env, client);
    expect(options.keepalive).toBe(MQTT_DEFAULTS.keepAliveSeconds);
    expect(options.properties).toEqual({ sessionExpiryInterval: MQTT_DEFAULTS.sessionExpirySeconds });
  });

  it('raises a receive maximum of 0 to 1, the least MQTT allows', async () => {
    const { options } = await mqttConnection(settings({ host: 'b:1883' }), env, {
      clientId: 'c',
      receiveMaximum: 0,
    });
    expect(options.properties?.receiveMaximum).toBe(1);
  });

  it('applies the session settings to the local broker binding too', async () => {
    const { options } = await mqttConnection(
      { host: 'aio-broker:18883', authentication: anonymous, keepAliveSeconds: 5, sessionExpirySeconds: 9 },
      env,
      { clientId: 'local', receiveMaximum: 3 },
    );
    expect(options).toMatchObject({
      clientId: 'local',
      clean: false,
      keepalive: 5,
      properties: { sessionExpiryInterval: 9, receiveMaximum: 3 },
    });
  });
});
