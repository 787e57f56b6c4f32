// Runs the runtime as a real process (src/main.ts), so tests can kill it with SIGKILL and start it again.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface RuntimeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** PUT /v1/desired with a JSON array; returns the parsed response. */
  apply(resources: unknown[]): Promise<{ status: number; body: Record<string, unknown> }>;
  status(): Promise<{ dataflows: { name: string; state: string; counters: Record<string, number> }[] }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnRuntime(env: Record<string, string>): Promise<RuntimeProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, FLOWPLANE_RUNTIME_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the runtime did not start: ${stderr}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the runtime exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    child,
    async apply(resources) {
      const response = await fetch(`${url}/v1/desired`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(resources),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async status() {
      const response = await fetch(`${url}/v1/status`);
      return (await response.json()) as Awaited<ReturnType<RuntimeProcess['status']>>;
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}
