import { readFile } from 'node:fs/promises';
import { run } from './cli.ts';
import type { CliIo } from './io.ts';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output; relative paths resolve from apps/cli. */
export async function cli(argv: string[], stdin = ''): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => Promise.resolve(stdin),
    readFile: (path) =>
      readFile(path.startsWith('/') ? path : new URL(`../${path}`, import.meta.url), 'utf8'),
    env: {},
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

export const ARM = '../../packages/manifests/test-fixtures/arm-examples';
