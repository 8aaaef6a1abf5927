// Preloaded into a server process by tests/startup-footprint.test.ts (NODE_OPTIONS=--require …): when the
// process exits, writes the npm packages it loaded through require (CommonJS, also when imported from
// ES modules) to the file named by LOADED_PACKAGES_OUT, one per line. Not part of the product.
const fs = require('node:fs');

process.on('exit', () => {
  const out = process.env.LOADED_PACKAGES_OUT;
  if (!out) return;
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) packages.add(match[1].replace('\\', '/'));
  }
  fs.writeFileSync(out, [...packages].sort().join('\n'));
});
