import { DEFAULT_WEB_DIR } from './plugins/external/web.ts';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  test('defaults: embedded database, 127.0.0.1:8080, ./.flowplane, info, no token, no CORS, the built portal', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      webDir: DEFAULT_WEB_DIR,
      databaseUrl: undefined,
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/srv/app/.flowplane',
      logLevel: 'info',
      apiToken: undefined,
      corsOrigins: [],
      runtime: {
        mode: 'embedded',
        instance: 'default',
        host: '127.0.0.1',
        port: 8081,
        environment: {
          localBroker: 'mqtt://127.0.0.1:1883',
          localBrokerUsername: undefined,
          localBrokerPassword: undefined,
          localBrokerCa: undefined,
          storageRoot: '/srv/app/.flowplane/storage',
          secretsDir: undefined,
          configMapsDir: undefined,
          schemasDir: undefined,
        },
      },
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

  test('the embedded runtime reads the runtime process variables', () => {
    const config = loadConfig(
      {
        FLOWPLANE_RUNTIME_INSTANCE: 'plant-3',
        FLOWPLANE_RUNTIME_HOST: '0.0.0.0',
        FLOWPLANE_RUNTIME_PORT: '0',
        FLOWPLANE_LOCAL_BROKER: 'mqtts://broker.local:8883',
        FLOWPLANE_LOCAL_BROKER_USERNAME: 'flow',
        FLOWPLANE_LOCAL_BROKER_PASSWORD: 'secret',
        FLOWPLANE_LOCAL_BROKER_CA: 'ca.pem',
        FLOWPLANE_STORAGE_ROOT: 'data',
        FLOWPLANE_SECRETS_DIR: '/run/secrets',
        FLOWPLANE_CONFIG_MAPS_DIR: 'cm',
        FLOWPLANE_SCHEMAS_DIR: 'schemas',
      },
      '/srv',
    );
    expect(config.runtime).toEqual({
      mode: 'embedded',
      instance: 'plant-3',
      host: '0.0.0.0',
      port: 0,
      environment: {
        localBroker: 'mqtts://broker.local:8883',
        localBrokerUsername: 'flow',
        localBrokerPassword: 'secret',
        localBrokerCa: '/srv/ca.pem',
        storageRoot: '/srv/data',
        secretsDir: '/run/secrets',
        configMapsDir: '/srv/cm',
        schemasDir: '/srv/schemas',
      },
    });
  });

  test('FLOWPLANE_RUNTIME_URL: an external runtime instead of the embedded one', () => {
    expect(
      loadConfig({ FLOWPLANE_RUNTIME_URL: 'http://runtime:8081/', FLOWPLANE_RUNTIME_PORT: 'x' }).runtime,
    ).toEqual({
      mode: 'external',
      url: 'http://runtime:8081',
      instance: 'default',
    });
  });

  test("FLOWPLANE_RUNTIME=off: no runtime, and the embedded one's variables are not checked", () => {
    expect(loadConfig({ FLOWPLANE_RUNTIME: 'OFF', FLOWPLANE_LOCAL_BROKER: 'nonsense' }).runtime).toEqual({
      mode: 'off',
    });
  });

  test('reports every runtime problem at once', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(
      problems({
        FLOWPLANE_RUNTIME: 'maybe',
        FLOWPLANE_RUNTIME_INSTANCE: 'Not_A_Name',
        FLOWPLANE_RUNTIME_PORT: '70000',
        FLOWPLANE_LOCAL_BROKER: 'http://broker:1883',
      }),
    ).toEqual([
      'FLOWPLANE_RUNTIME must be "embedded" (the default) or "off"; got "maybe".',
      'FLOWPLANE_RUNTIME_INSTANCE must be an instance name; got "Not_A_Name".',
      'FLOWPLANE_RUNTIME_PORT must be an integer 0–65535; got "70000".',
      'FLOWPLANE_LOCAL_BROKER must start with mqtt://, mqtts://, ws:// or wss://; got http://.',
    ]);
    expect(problems({ FLOWPLANE_RUNTIME_URL: 'ftp://x', FLOWPLANE_RUNTIME: 'off' })).toEqual([
      'FLOWPLANE_RUNTIME_URL must start with http:// or https://; got ftp://.',
      'FLOWPLANE_RUNTIME=off contradicts FLOWPLANE_RUNTIME_URL; unset one of them.',
    ]);
    expect(problems({ FLOWPLANE_LOCAL_BROKER: 'not a url' })).toEqual([
      'FLOWPLANE_LOCAL_BROKER is not a URL (mqtt://host:1883); got "not a url".',
    ]);
  });
});
