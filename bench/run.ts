import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Bench, type BenchContext, describeGoal } from './support/bench.ts';

/**
 * `npm run bench` / `npx tsx bench/run.ts [--runs=N] [filter ...]`: runs every `bench/*.bench.ts`
 * (or those whose file name contains a filter) one after another and prints each figure as
 * `name value unit`, one per line, on stdout. Progress goes to stderr.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const runsArg = argv.find((a) => a.startsWith('--runs='));
const runs = runsArg ? Number(runsArg.slice('--runs='.length)) : 3;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${runsArg}`);
const filters = argv.filter((a) => !a.startsWith('--'));

const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
  .sort();
if (files.length === 0) throw new Error(`No bench/*.bench.ts matches ${filters.join(', ')}`);

const context: BenchContext = {
  runs,
  report: (name, value, unit, goal) =>
    process.stdout.write(`${name} ${value} ${unit}${goal ? ` ${describeGoal(value, goal)}` : ''}\n`),
  log: (message) => process.stderr.write(`# ${message}\n`),
};

// Figures taken on a busy machine are not comparable: say how busy it was.
const machine = () => `${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(2)}`;
context.log(`node ${process.version}, ${machine()}`);
let failed = false;
for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(dir, file)).href)).default as Bench;
  const started = performance.now();
  context.log(`${bench.name} (${file}, ${runs} runs)`);
  try {
    await bench.run(context);
    context.log(`${bench.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed = true;
    process.stderr.write(
      `# ${bench.name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
}
context.log(`finished: ${machine()}`);
process.exit(failed ? 1 : 0);
