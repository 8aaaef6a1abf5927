import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema/index.ts',
  // scripts/migration-check.ts points this at a scratch copy to see whether the schema has drifted.
  out: process.env.MIGRATIONS_OUT ?? './src/server/db/migrations',
});
