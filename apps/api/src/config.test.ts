import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  test('defaults: embedded database, 127.0.0.1:8080, ./.flowplane, info, no token, no CORS', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      databaseUrl: undefined,
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/srv/app/.flowplane',
      logLevel: 'info',
      apiToken: undefined,
      corsOrigins: [],
    });
  });

  test('reads every variable', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgresql://u:p@db:5432/flowplane',
        HOST: '0.0.0.0',
        PORT: '9000',
        FLOWPLANE_DATA_DIR: '/var/lib/flowplane',
        LOG_LEVEL: 'DEBUG',
        FLOWPLANE_API_TOKEN: 'sixteen-chars-ok',
        FLOWPLANE_CORS_ORIGINS: 'http://localhost:5173, https://portal.example.com',
      },
      '/',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://u:p@db:5432/flowplane',
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/var/lib/flowplane',
      logLevel: 'debug',
      apiToken: 'sixteen-chars-ok',
      corsOrigins: ['http://localhost:5173', 'https://portal.example.com'],
    });
  });

  test('empty values count as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).databaseUrl).toBeUndefined();
  });

  test('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://x@y/z',
        PORT: '99999',
        LOG_LEVEL: 'loud',
        FLOWPLANE_API_TOKEN: 'short',
        FLOWPLANE_CORS_ORIGINS: 'not a url',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(5);
    expect((error as ConfigError).message).toContain('PORT must be an integer');
  });
});
