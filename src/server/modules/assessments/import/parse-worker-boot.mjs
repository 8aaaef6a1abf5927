// Starts the import worker from TypeScript source: a worker thread gets neither tsx's loader (Node 20
// does not run `--import` in workers) nor vitest's transform, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
