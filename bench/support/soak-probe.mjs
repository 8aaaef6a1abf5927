// Loaded into the server process by the soak bench (NODE_OPTIONS=--import=<this file>), never by the
// product: every 2 s it writes the main thread's process.memoryUsage() as JSON to SOAK_PROBE_FILE, so
// that the bench can print the V8 heap beside the RSS it reads from /proc. Plain JavaScript: it runs
// before tsx's loader. The timer is unref'd: it keeps no process alive.
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.SOAK_PROBE_FILE;
if (file && isMainThread) {
  const write = () => {
    const m = process.memoryUsage();
    fs.writeFile(`${file}.tmp`, JSON.stringify({ at: Date.now(), ...m }), (error) => {
      if (!error) fs.rename(`${file}.tmp`, file, () => {});
    });
  };
  setInterval(write, 2000).unref();
  write();
}
