/**
 * Writes the next migration from the change to prisma/schema.prisma since the last commit:
 *   pnpm --filter @flowplane/api db:diff <name>
 * Prisma's `migrate diff` compares two schema files with its Wasm engine, so no database (and no shadow
 * database, which Prisma's CLI cannot create reliably through the pg adapter) is involved. Review the SQL:
 * new resource tables need the resource_version trigger of 0001_init by hand.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const migrations = join(root, 'prisma/migrations');
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('Usage: pnpm --filter @flowplane/api db:diff <name_in_snake_case>\n');
  process.exit(2);
}

let previous: string | undefined;
try {
  previous = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: root, encoding: 'utf8' });
} catch {
  previous = undefined;
}
const from = previous === undefined ? ['--from-empty'] : ['--from-schema-datamodel', write(previous)];
const sql = execFileSync(
  'prisma',
  ['migrate', 'diff', ...from, '--to-schema-datamodel', join(root, 'prisma/schema.prisma'), '--script'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (!/^(CREATE|ALTER|DROP)/m.test(sql)) {
  process.stdout.write('prisma/schema.prisma has no changes since the last commit.\n');
  process.exit(0);
}
const next = String(readdirSync(migrations).filter((d) => /^\d{4}_/.test(d)).length + 1).padStart(4, '0');
const dir = join(migrations, `${next}_${name}`);
mkdirSync(dir);
writeFileSync(join(dir, 'migration.sql'), sql);
process.stdout.write(`Wrote ${dir}/migration.sql\n`);

function write(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'flowplane-schema-')), 'schema.prisma');
  writeFileSync(file, text);
  return file;
}
