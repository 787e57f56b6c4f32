import { join, resolve } from 'node:path';
import { DEFAULT_WEB_DIR } from './plugins/external/web.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Unset: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  dataDir: string;
  logLevel: LogLevel;
  /** When set, every /api request needs `Authorization: Bearer <token>`. */
  apiToken: string | undefined;
  /** Origins allowed by CORS; empty means CORS stays off. */
  corsOrigins: string[];
  /** The runtime that `POST …/{instance}/deploy` sends resources to. */
  runtime: RuntimeConfig;
  /** The built web portal served at `/` (FLOWPLANE_WEB_DIR; default apps/web/dist). */
  webDir: string;
}

/**
 * Where deployments go: nowhere (`off`), a runtime process running elsewhere (`external`, its control URL),
 * or one started inside the API process (`embedded`, the default). Each serves exactly one instance.
 */
export type RuntimeConfig =
  | { mode: 'off' }
  | { mode: 'external'; url: string; instance: string }
  | {
      mode: 'embedded';
      instance: string;
      host: string;
      port: number;
      /** What the embedded runtime runs against; the names and meanings of `flowplane runtime run`. */
      environment: EmbeddedRuntimeEnvironment;
    };

export interface EmbeddedRuntimeEnvironment {
  localBroker: string;
  localBrokerUsername: string | undefined;
  localBrokerPassword: string | undefined;
  /** PEM file of the CA that signed a TLS broker's certificate. */
  localBrokerCa: string | undefined;
  storageRoot: string;
  secretsDir: string | undefined;
  configMapsDir: string | undefined;
  schemasDir: string | undefined;
}

export const DEFAULT_RUNTIME_PORT = 8081;
export const DEFAULT_LOCAL_BROKER = 'mqtt://127.0.0.1:1883';

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads the configuration from the environment; every problem is reported at once, before anything starts. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw === '' ? undefined : raw;
  };

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(databaseUrl);
    } catch {
      problems.push('DATABASE_URL is not a URL (postgresql://user:password@host:5432/database).');
    }
    if (url && url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      problems.push(`DATABASE_URL must start with postgresql://; got ${url.protocol}//.`);
    }
  }

  const port = Number(value('PORT') ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer 0–65535; got "${value('PORT') ?? ''}".`);
  }

  const logLevel = (value('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}".`);
  }

  const apiToken = value('FLOWPLANE_API_TOKEN');
  if (apiToken !== undefined && apiToken.length < 16) {
    problems.push('FLOWPLANE_API_TOKEN must have at least 16 characters.');
  }

  const corsOrigins = (value('FLOWPLANE_CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(`FLOWPLANE_CORS_ORIGINS: "${origin}" is not an origin (http(s)://host[:port]).`);
    }
  }

  const dataDir = resolve(cwd, value('FLOWPLANE_DATA_DIR') ?? '.flowplane');
  const runtime = runtimeConfig(value, problems, cwd, dataDir);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl,
    host: value('HOST') ?? '127.0.0.1',
    port,
    dataDir,
    logLevel: logLevel as LogLevel,
    apiToken,
    corsOrigins,
    runtime,
    webDir: resolve(cwd, value('FLOWPLANE_WEB_DIR') ?? DEFAULT_WEB_DIR),
  };
}

const RUNTIME_MODES = ['embedded', 'off'];
const BROKER_SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'];

/**
 * FLOWPLANE_RUNTIME*, FLOWPLANE_LOCAL_BROKER* and the runtime's directories. After a problem the result is
 * `off`, which nobody sees: loadConfig throws.
 */
function runtimeConfig(
  value: (name: string) => string | undefined,
  problems: string[],
  cwd: string,
  dataDir: string,
): RuntimeConfig {
  const before = problems.length;
  const mode = value('FLOWPLANE_RUNTIME')?.toLowerCase();
  if (mode !== undefined && !RUNTIME_MODES.includes(mode)) {
    problems.push(`FLOWPLANE_RUNTIME must be "embedded" (the default) or "off"; got "${mode}".`);
  }
  const instance = value('FLOWPLANE_RUNTIME_INSTANCE') ?? 'default';
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(instance)) {
    problems.push(`FLOWPLANE_RUNTIME_INSTANCE must be an instance name; got "${instance}".`);
  }

  const url = value('FLOWPLANE_RUNTIME_URL');
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`FLOWPLANE_RUNTIME_URL is not a URL (http://host:8081); got "${url}".`);
    }
    if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      problems.push(`FLOWPLANE_RUNTIME_URL must start with http:// or https://; got ${parsed.protocol}//.`);
    }
    if (mode === 'off') {
      problems.push('FLOWPLANE_RUNTIME=off contradicts FLOWPLANE_RUNTIME_URL; unset one of them.');
    }
    if (problems.length > before) return { mode: 'off' };
    return { mode: 'external', url: url.replace(/\/+$/, ''), instance };
  }

  if (mode === 'off') return { mode: 'off' };
  const rawPort = value('FLOWPLANE_RUNTIME_PORT');
  const port = Number(rawPort ?? DEFAULT_RUNTIME_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`FLOWPLANE_RUNTIME_PORT must be an integer 0–65535; got "${rawPort ?? ''}".`);
  }
  const localBroker = value('FLOWPLANE_LOCAL_BROKER') ?? DEFAULT_LOCAL_BROKER;
  let brokerUrl: URL | undefined;
  try {
    brokerUrl = new URL(localBroker);
  } catch {
    problems.push(`FLOWPLANE_LOCAL_BROKER is not a URL (mqtt://host:1883); got "${localBroker}".`);
  }
  if (brokerUrl && !BROKER_SCHEMES.includes(brokerUrl.protocol)) {
    problems.push(
      `FLOWPLANE_LOCAL_BROKER must start with mqtt://, mqtts://, ws:// or wss://; got ${brokerUrl.protocol}//.`,
    );
  }
  if (problems.length > before) return { mode: 'off' };
  const dir = (name: string) => {
    const raw = value(name);
    return raw === undefined ? undefined : resolve(cwd, raw);
  };
  return {
    mode: 'embedded',
    instance,
    host: value('FLOWPLANE_RUNTIME_HOST') ?? '127.0.0.1',
    port,
    environment: {
      localBroker,
      localBrokerUsername: value('FLOWPLANE_LOCAL_BROKER_USERNAME'),
      localBrokerPassword: value('FLOWPLANE_LOCAL_BROKER_PASSWORD'),
      localBrokerCa: dir('FLOWPLANE_LOCAL_BROKER_CA'),
      storageRoot: dir('FLOWPLANE_STORAGE_ROOT') ?? join(dataDir, 'storage'),
      secretsDir: dir('FLOWPLANE_SECRETS_DIR'),
      configMapsDir: dir('FLOWPLANE_CONFIG_MAPS_DIR'),
      schemasDir: dir('FLOWPLANE_SCHEMAS_DIR'),
    },
  };
}
