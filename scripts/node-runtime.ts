/**
 * Which Node.js versions the project supports: the `engines.node` range of package.json, in the small
 * grammar it uses (clauses joined by `||`, each `^X.Y.Z`, `>=X.Y.Z` or `X.Y.Z`; missing parts are 0).
 * Pure, so `scripts/node-runtime.test.ts` can check the range and the runtime the tests run on.
 */
type Version = readonly [number, number, number];

function parseVersion(text: string): Version {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`not a version: "${text}"`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function satisfiesClause(version: Version, clause: string): boolean {
  const text = clause.trim();
  if (text.startsWith('^')) {
    const base = parseVersion(text.slice(1));
    return version[0] === base[0] && compare(version, base) >= 0;
  }
  if (text.startsWith('>=')) return compare(version, parseVersion(text.slice(2))) >= 0;
  return compare(version, parseVersion(text)) === 0;
}

/** Whether `version` (e.g. `process.versions.node` or `v24.1.0`) is inside the engines range. */
export function satisfiesEngines(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  return range.split('||').some((clause) => satisfiesClause(parsed, clause));
}

export function majorOf(version: string): number {
  return parseVersion(version)[0];
}
