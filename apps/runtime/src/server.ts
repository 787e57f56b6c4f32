import type { FastifyInstance } from 'fastify';
import { Runtime, type RuntimeEnvironment } from '@flowplane/runtime';
import { buildRuntimeApp } from './app.ts';

export interface StartOptions {
  readonly environment: RuntimeEnvironment;
  readonly port: number;
  readonly host?: string;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface RuntimeServer {
  readonly url: string;
  readonly runtime: Runtime;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** Starts a runtime and its control API; `close` stops the API, then every pipeline. */
export async function startRuntimeServer(options: StartOptions): Promise<RuntimeServer> {
  const runtime = new Runtime({
    environment: options.environment,
    ...(options.log ? { log: options.log } : {}),
  });
  const app = buildRuntimeApp({ runtime, environment: options.environment });
  const address = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return {
    url: address,
    runtime,
    app,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
