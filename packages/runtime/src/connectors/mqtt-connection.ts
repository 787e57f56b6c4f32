// Turns an MQTT endpoint's settings into mqtt.js connection options: the broker URL (with the local broker
// binding for `aio-broker`), TLS with a CA from the config-map directory, and the authentication method's
// credentials from the secrets directory.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IClientOptions } from 'mqtt';
import type { MqttSettings } from '@flowplane/model';
import type { RuntimeEnvironment } from './types.ts';

/** The settings the platform applies when a field is omitted (the model's schema defaults). */
export const MQTT_DEFAULTS = {
  host: 'aio-broker:18883',
  keepAliveSeconds: 60,
  maxInflightMessages: 100,
  qos: 1,
  sessionExpirySeconds: 600,
  retain: 'Keep',
} as const;

/** Enhanced-authentication method of the local broker for Kubernetes service account tokens. */
export const SAT_AUTH_METHOD = 'K8S-SAT';

export interface MqttConnection {
  readonly url: string;
  readonly options: IClientOptions;
  /** What the connection goes to, for status and errors (no credentials). */
  readonly describe: string;
}

export class ConnectorConfigError extends Error {
  override name = 'ConnectorConfigError';
}

export function isLocalBrokerHost(host: string | undefined): boolean {
  const hostname = (host ?? MQTT_DEFAULTS.host).split(':')[0]!.split('/')[0]!;
  return hostname === 'aio-broker' || hostname.startsWith('aio-broker.');
}

/** Connection options for one client of an endpoint. */
export async function mqttConnection(
  settings: MqttSettings,
  env: RuntimeEnvironment,
  client: { readonly clientId: string; readonly receiveMaximum?: number },
): Promise<MqttConnection> {
  const common: IClientOptions = {
    protocolVersion: 5,
    clientId: client.clientId,
    // A persistent session: messages that arrive while the runtime restarts wait at the broker.
    clean: false,
    keepalive: settings.keepAliveSeconds ?? MQTT_DEFAULTS.keepAliveSeconds,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    properties: {
      sessionExpiryInterval: settings.sessionExpirySeconds ?? MQTT_DEFAULTS.sessionExpirySeconds,
      ...(client.receiveMaximum === undefined ? {} : { receiveMaximum: Math.max(1, client.receiveMaximum) }),
    },
  };
  if (isLocalBrokerHost(settings.host)) return localBroker(env, common);

  const { hostname, port, path } = parseHost(settings.host!);
  const tls = (settings.tls?.mode ?? 'Enabled') === 'Enabled';
  const websockets = settings.protocol === 'WebSockets';
  const scheme = websockets ? (tls ? 'wss' : 'ws') : tls ? 'mqtts' : 'mqtt';
  const url = `${scheme}://${hostname}:${port}${websockets ? (path ?? '/mqtt') : ''}`;
  const options: IClientOptions = { ...common };
  if (tls && settings.tls?.trustedCaCertificateConfigMapRef)
    options.ca = await caBundle(settings.tls.trustedCaCertificateConfigMapRef, env);
  Object.assign(options, await credentials(settings, env));
  return { url, options, describe: url };
}

function localBroker(env: RuntimeEnvironment, common: IClientOptions): MqttConnection {
  const binding = env.localBroker;
  const options: IClientOptions = { ...common };
  if (binding?.username !== undefined) options.username = binding.username;
  if (binding?.password !== undefined) options.password = binding.password;
  if (binding?.ca !== undefined) options.ca = binding.ca;
  return {
    url: env.localBrokerUrl,
    options,
    describe: `${redact(env.localBrokerUrl)} (local broker binding)`,
  };
}

function parseHost(host: string): { hostname: string; port: number; path?: string } {
  const match = /^(\[[^\]]+\]|[^:/]+)(?::(\d+))?(\/.*)?$/.exec(host);
  if (!match) throw new ConnectorConfigError(`host '${host}' is not <hostname>:<port>`);
  return {
    hostname: match[1]!,
    port: match[2] === undefined ? 8883 : Number(match[2]),
    ...(match[3] === undefined ? {} : { path: match[3] }),
  };
}

async function caBundle(configMap: string, env: RuntimeEnvironment): Promise<string[]> {
  if (env.configMapsDir === undefined)
    throw new ConnectorConfigError(
      `TLS trusts config map '${configMap}', but the runtime has no config-maps directory (--config-maps-dir)`,
    );
  const dir = join(env.configMapsDir, configMap);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    throw new ConnectorConfigError(`config map '${configMap}' not found: expected PEM files in ${dir}`);
  }
  const pems = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
  const certificates = pems.filter((p) => p.includes('-----BEGIN CERTIFICATE-----'));
  if (certificates.length === 0)
    throw new ConnectorConfigError(`config map '${configMap}' (${dir}) holds no PEM certificate`);
  return certificates;
}

async function credentials(settings: MqttSettings, env: RuntimeEnvironment): Promise<IClientOptions> {
  const auth = settings.authentication;
  switch (auth.method) {
    case 'Anonymous':
      return {};
    case 'X509Certificate': {
      const secret = auth.x509CertificateSettings?.secretRef;
      if (secret === undefined)
        throw new ConnectorConfigError('X509Certificate needs x509CertificateSettings');
      const cert = await secretFile(env, secret, 'client_cert.pem');
      const key = await secretFile(env, secret, 'client_key.pem');
      const chain = await secretFile(env, secret, 'client_intermediate_certs.pem', true);
      return { cert: chain === undefined ? cert : `${cert.trimEnd()}\n${chain}`, key };
    }
    case 'ServiceAccountToken': {
      const audience = auth.serviceAccountTokenSettings?.audience;
      if (audience === undefined)
        throw new ConnectorConfigError('ServiceAccountToken needs serviceAccountTokenSettings.audience');
      const token = (await secretFile(env, 'tokens', audience)).trim();
      return {
        properties: {
          authenticationMethod: SAT_AUTH_METHOD,
          authenticationData: Buffer.from(token),
        },
      };
    }
    case 'SystemAssignedManagedIdentity':
    case 'UserAssignedManagedIdentity':
      throw new ConnectorConfigError(
        `${auth.method} needs an Azure managed identity, which the local runtime does not have; use X509Certificate or bind the endpoint to a broker it can reach`,
      );
  }
}

function secretFile(env: RuntimeEnvironment, secret: string, key: string): Promise<string>;
function secretFile(
  env: RuntimeEnvironment,
  secret: string,
  key: string,
  optional: true,
): Promise<string | undefined>;
async function secretFile(
  env: RuntimeEnvironment,
  secret: string,
  key: string,
  optional = false,
): Promise<string | undefined> {
  if (env.secretsDir === undefined)
    throw new ConnectorConfigError(
      `secret '${secret}' is needed, but the runtime has no secrets directory (--secrets-dir)`,
    );
  const file = join(env.secretsDir, secret, key);
  try {
    return await readFile(file, 'utf8');
  } catch {
    if (optional) return undefined;
    throw new ConnectorConfigError(`secret '${secret}' has no key '${key}': expected the file ${file}`);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
