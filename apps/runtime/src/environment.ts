import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RuntimeEnvironment } from '@flowplane/runtime';

export const DEFAULT_LOCAL_BROKER = 'mqtt://127.0.0.1:1883';

export interface EnvironmentInput {
  readonly localBroker?: string | undefined;
  readonly localBrokerUsername?: string | undefined;
  readonly localBrokerPassword?: string | undefined;
  /** PEM file of the CA that signed a TLS local broker's certificate. */
  readonly localBrokerCa?: string | undefined;
  readonly storageRoot?: string | undefined;
  readonly secretsDir?: string | undefined;
  readonly configMapsDir?: string | undefined;
  readonly schemasDir?: string | undefined;
  readonly replica?: string | undefined;
}

/** The runtime environment from flags or variables; relative directories resolve against the cwd. */
export function runtimeEnvironment(input: EnvironmentInput): RuntimeEnvironment {
  const replica = Number(input.replica ?? 0);
  if (!Number.isInteger(replica) || replica < 0)
    throw new Error(`replica must be a whole number ≥ 0, not '${input.replica}'`);
  const username = input.localBrokerUsername;
  const password = input.localBrokerPassword;
  const ca = input.localBrokerCa === undefined ? undefined : readCa(input.localBrokerCa);
  return {
    localBrokerUrl: input.localBroker ?? DEFAULT_LOCAL_BROKER,
    ...(username !== undefined || password !== undefined || ca !== undefined
      ? {
          localBroker: {
            ...(username ? { username } : {}),
            ...(password ? { password } : {}),
            ...(ca ? { ca } : {}),
          },
        }
      : {}),
    storageRoot: resolve(input.storageRoot ?? 'flowplane-data/storage'),
    ...(input.secretsDir ? { secretsDir: resolve(input.secretsDir) } : {}),
    ...(input.configMapsDir ? { configMapsDir: resolve(input.configMapsDir) } : {}),
    ...(input.schemasDir ? { schemasDir: resolve(input.schemasDir) } : {}),
    replica,
  };
}

function readCa(file: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch {
    throw new Error(`cannot read the local broker CA file ${file}`);
  }
}

/** Reads the environment variables the runtime process understands (FLOWPLANE_RUNTIME_*). */
export function environmentFromVariables(env: Record<string, string | undefined>): EnvironmentInput {
  return {
    localBroker: env.FLOWPLANE_LOCAL_BROKER,
    localBrokerUsername: env.FLOWPLANE_LOCAL_BROKER_USERNAME,
    localBrokerPassword: env.FLOWPLANE_LOCAL_BROKER_PASSWORD,
    localBrokerCa: env.FLOWPLANE_LOCAL_BROKER_CA,
    storageRoot: env.FLOWPLANE_STORAGE_ROOT,
    secretsDir: env.FLOWPLANE_SECRETS_DIR,
    configMapsDir: env.FLOWPLANE_CONFIG_MAPS_DIR,
    schemasDir: env.FLOWPLANE_SCHEMAS_DIR,
    replica: env.FLOWPLANE_RUNTIME_REPLICA,
  };
}
