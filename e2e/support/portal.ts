// The built web portal (apps/web/dist): built when missing or older than its sources, then copied so a
// rebuild during the run (pnpm start, a developer's build) cannot pull files from under the server.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = join(ROOT, 'apps/web');
export const WEB_DIST = join(WEB, 'dist');

/** What the bundle is made of: the portal and the workspace packages it imports. */
const SOURCES = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(WEB, 'package.json'),
  join(WEB, 'public'),
  join(ROOT, 'packages/model/src'),
  join(ROOT, 'packages/manifests/src'),
  join(ROOT, 'pnpm-lock.yaml'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/index.html is newer than every source file. */
export function portalIsFresh(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) <= built);
}

/**
 * Builds the portal unless a fresh build exists (`force` builds anyway) and copies it to `target`.
 * Returns whether it built.
 */
export function preparePortal(target: string, options: { force?: boolean } = {}): boolean {
  const build = options.force === true || !portalIsFresh();
  if (build) {
    const started = performance.now();
    // pnpm runs the build on the workspace's Node whatever Node runs this file.
    const result = spawnSync('pnpm', ['--filter', '@flowplane/web', 'build'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.status !== 0) {
      throw new Error(
        `pnpm --filter @flowplane/web build failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
      );
    }
    process.stderr.write(`built the web portal in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  cpSync(WEB_DIST, target, { recursive: true });
  return build;
}
