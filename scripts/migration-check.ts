/**
 * Fails when the Drizzle schema has changed without a generated migration: drizzle-kit generates into
 * a scratch copy of the committed migrations, and any new file there means one is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const committed = path.resolve('src/server/db/migrations');
// drizzle-kit only takes an `out` relative to the project, so the scratch copy lives inside it (ignored by git).
fs.mkdirSync('.vitest-tmp', { recursive: true });
const scratch = path.relative(process.cwd(), fs.mkdtempSync(path.join('.vitest-tmp', 'migrations-')));
try {
  fs.cpSync(committed, scratch, { recursive: true });
  const before = new Set(fs.readdirSync(scratch));
  const run = spawnSync(
    process.execPath,
    ['node_modules/drizzle-kit/bin.cjs', 'generate', '--name', 'pending'],
    {
      env: { ...process.env, MIGRATIONS_OUT: scratch },
      encoding: 'utf8',
    },
  );
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0 || /error/i.test(output)) {
    console.error(run.stdout, run.stderr);
    throw new Error('drizzle-kit generate failed');
  }
  const added = fs.readdirSync(scratch).filter((f) => !before.has(f));
  if (added.length === 0 && !/No schema changes/i.test(output)) {
    console.error(output);
    throw new Error('drizzle-kit said neither "no schema changes" nor generated a migration');
  }
  if (added.length > 0) {
    console.error('The schema changed without a migration. Run `npm run db:generate` and commit the result.');
    for (const f of added) console.error(`  would add: ${f}`);
    for (const f of added.filter((name) => name.endsWith('.sql'))) {
      console.error(fs.readFileSync(path.join(scratch, f), 'utf8'));
    }
    process.exitCode = 1;
  } else {
    console.log(`ok migrations match the schema (${before.size - 1} migration files)`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
