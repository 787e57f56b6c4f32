import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// Used only by the Prisma CLI (`generate`, `migrate diff`); the app applies migrations itself
// (src/db/migrate.ts). `engine: 'js'` makes the CLI use its Wasm engines, because the native ones cannot be
// downloaded on our machines. Prisma 6 reads `env("DATABASE_URL")` from the schema even though the adapter
// connects, so generate (which never connects) gets a placeholder.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';
const connectionString = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  adapter: async () => new PrismaPg({ connectionString, idleTimeoutMillis: 200 }),
});
