// The runtime as a process of its own, configured by environment variables; it waits for `PUT /v1/desired`.
import { environmentFromVariables, runtimeEnvironment } from './environment.ts';
import { startRuntimeServer } from './server.ts';

const port = Number(process.env.FLOWPLANE_RUNTIME_PORT ?? 8081);
const server = await startRuntimeServer({
  environment: runtimeEnvironment(environmentFromVariables(process.env)),
  port,
  host: process.env.FLOWPLANE_RUNTIME_HOST ?? '127.0.0.1',
  log: (level, message) => process.stderr.write(`${level}: ${message}\n`),
});
process.stdout.write(`flowplane runtime listening on ${server.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
