import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './test-support.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

function spawnCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main, ...args],
      { cwd: fileURLToPath(new URL('..', import.meta.url)) },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('the flowplane process', () => {
  it('exits with the status of the command', async () => {
    expect((await spawnCli(['validate', '-f', 'test-fixtures/instance.yaml'])).code).toBe(0);
    expect((await spawnCli(['validate', '-f', 'test-fixtures/missing.yaml'])).code).toBe(2);
  });

  it('prints help for the program and every command', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate');
    expect(help.stdout).toContain('convert');
    for (const command of ['validate', 'convert']) {
      const own = await cli([command, '--help']);
      expect(own.code).toBe(0);
      expect(own.stdout).toContain(`Usage: flowplane ${command}`);
      expect((await cli(['help', command])).stdout).toBe(own.stdout);
    }
    expect((await cli(['launch'])).code).toBe(2);
  });
});
