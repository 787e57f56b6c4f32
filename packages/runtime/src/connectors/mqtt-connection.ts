// Turns an MQTT endpoint's settings into mqtt.js connection options: the broker URL (with the local broker
// binding for `aio-broker`), TLS with a CA from the config-map directory, and the authentication method's
// credentials from the secrets directory.
import { readFile, readdir, stat } from 'node:fs/promises';
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
  // Host names are case-insensitive.
  const hostname = (host ?? MQTT_DEFAULTS.host).split(':')[0]!.split('/')[0]!.toLowerCase();
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
  // mqtt.js rebuilds the WebSocket URL from the bare hostname, which loses the brackets of an IPv6 address
  // (`ws://::1:8080/mqtt` is no URL).
  if (websockets && hostname.startsWith('[')) options.transformWsUrl = () => url;
  if (tls && settings.tls?.trustedCaCertificateConfigMapRef)
    options.ca = await caBundle(settings.tls.trustedCaCertificateConfigMapRef, env);
  const { properties, ...auth } = await credentials(settings, env, tls);
  // Merge, never replace: the session expiry and receive maximum stay next to the authentication method.
  Object.assign(options, auth, { properties: { ...common.properties, ...properties } });
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
    describe: `${redactUrl(env.localBrokerUrl)} (local broker binding)`,
  };
}

function parseHost(host: string): { hostname: string; port: number; path?: string } {
  const match = /^(\[[^\]]+\]|[^:/[\]]+)(?::(\d+))?(\/.*)?$/.exec(host);
  if (!match) throw new ConnectorConfigError(`host '${host}' is not <hostname>:<port>`);
  const port = match[2] === undefined ? 8883 : Number(match[2]);
  if (port < 1 || port > 65535)
    throw new ConnectorConfigError(`host '${host}' has port ${match[2]}, which is not between 1 and 65535`);
  return {
    hostname: match[1]!,
    port,
    ...(match[3] === undefined ? {} : { path: match[3] }),
  };
}

async function caBundle(configMap: string, env: RuntimeEnvironment): Promise<string[]> {
  if (env.configMapsDir === undefined)
    throw new ConnectorConfigError(
      `TLS trusts config map '${configMap}', but the runtime has no config-maps directory (--config-maps-dir)`,
    );
  const dir = join(env.configMapsDir, objectName('config map', configMap));
  let names: string[];
  try {
    // Kubernetes mounts keys as symlinks next to hidden `..data` directories.
    names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    throw new ConnectorConfigError(`config map '${configMap}' not found: expected PEM files in ${dir}`);
  }
  const pems = await Promise.all(
    names.map(async (n) => {
      const file = join(dir, n);
      // Directories and dangling links hold no certificate.
      const info = await stat(file).catch(() => undefined);
      return info?.isFile() ? readFile(file, 'utf8') : '';
    }),
  );
  const certificates = pems.filter((p) => p.includes('-----BEGIN CERTIFICATE-----'));
  if (certificates.length === 0)
    throw new ConnectorConfigError(`config map '${configMap}' (${dir}) holds no PEM certificate`);
  return certificates;
}

async function credentials(
  settings: MqttSettings,
  env: RuntimeEnvironment,
  tls: boolean,
): Promise<IClientOptions> {
  const auth = settings.authentication;
  switch (auth.method) {
    case 'Anonymous':
      return {};
    case 'X509Certificate': {
      const secret = auth.x509CertificateSettings?.secretRef;
      if (secret === undefined)
        throw new ConnectorConfigError('X509Certificate needs x509CertificateSettings');
      // A client certificate is presented in the TLS handshake; without TLS the client would connect as
      // anonymous instead of failing.
      if (!tls)
        throw new ConnectorConfigError(
          'X509Certificate authentication needs TLS, but tls.mode is Disabled: the client certificate is only sent in the TLS handshake',
        );
      const cert = await secretFile(env, secret, 'client_cert.pem');
      const key = await secretFile(env, secret, 'client_key.pem');
      const chain = await secretFile(env, secret, 'client_intermediate_certs.pem', true);
      return { cert: chain === undefined ? cert : `${cert.trimEnd()}\n${chain}`, key };
    }
    case 'ServiceAccountToken': {
      const audience = auth.serviceAccountTokenSettings?.audience;
      if (audience === undefined)
        throw new ConnectorConfigError('ServiceAccountToken needs serviceAccountTokenSettings.audience');
      const token = await serviceAccountToken(env, audience);
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

/** `<secretsDir>/tokens/<audience>`; an audience that is no plain file name is URI-encoded. */
async function serviceAccountToken(env: RuntimeEnvironment, audience: string): Promise<string> {
  if (env.secretsDir === undefined)
    throw new ConnectorConfigError(
      `ServiceAccountToken needs a token for audience '${audience}', but the runtime has no secrets directory (--secrets-dir)`,
    );
  const file = join(env.secretsDir, 'tokens', objectName('token audience', encodeURIComponent(audience)));
  let token: string;
  try {
    token = (await readFile(file, 'utf8')).trim();
  } catch {
    throw new ConnectorConfigError(
      `no service account token for audience '${audience}': expected the file ${file}`,
    );
  }
  if (token === '')
    throw new ConnectorConfigError(`the service account token for audience '${audience}' (${file}) is empty`);
  return token;
}

/**
 * A name the definition gives (secret, config map) as one directory entry. Names come from the endpoint,
 * so `..` or `/` would let a definition read any file and send it to a broker of its choosing.
 */
function objectName(what: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name))
    throw new ConnectorConfigError(`${what} name '${name}' is not a valid name`);
  return name;
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
  const file = join(env.secretsDir, objectName('secret', secret), key);
  try {
    return await readFile(file, 'utf8');
  } catch {
    if (optional) return undefined;
    throw new ConnectorConfigError(`secret '${secret}' has no key '${key}': expected the file ${file}`);
  }
}

/** The URL without its user-info part, for logs and status. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
