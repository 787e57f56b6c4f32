import { resolve } from 'node:path';

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
}

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

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl,
    host: value('HOST') ?? '127.0.0.1',
    port,
    dataDir: resolve(cwd, value('FLOWPLANE_DATA_DIR') ?? '.flowplane'),
    logLevel: logLevel as LogLevel,
    apiToken,
    corsOrigins,
  };
}
