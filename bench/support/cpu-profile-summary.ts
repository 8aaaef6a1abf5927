import fs from 'node:fs';

/**
 * `npx tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> [from to] [--top=N]`: self time of
 * a V8 CPU profile (from `node --cpu-prof`) by package or source folder and by function, optionally
 * only the samples between two monotonic-microsecond timestamps (the `cpu-prof window` lines the
 * national import bench logs). `(idle)` is time the thread waited, e.g. for the database server.
 */
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };

export function summarise(profile: Profile, from = -Infinity, to = Infinity, top = 25): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) continue;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const url = frame.url.replace(/^file:\/\//, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const local = /\/(src|bench|tests)\/(.*)$/.exec(url);
    const group = pkg
      ? pkg
      : local
        ? `${local[1]}/${local[2]!.split('/').slice(0, 3).join('/')}`
        : url.startsWith('node:')
          ? url
          : frame.functionName || '(anonymous)';
    byGroup.set(group, (byGroup.get(group) ?? 0) + us);
    const where = url.replace(/.*\/(node_modules|src|bench|tests)\//, '$1/');
    const fn = `${frame.functionName || '(anonymous)'} ${where}${where ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    total += us;
  }
  const lines = [`total ${Math.round(total / 1000)} ms of samples`, 'by package or folder (self time):'];
  const fmt = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `  ${String(Math.round(us / 1000)).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`,
      );
  lines.push(...fmt(byGroup), 'by function (self time):', ...fmt(byFunction));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const topArg = process.argv.find((a) => a.startsWith('--top='));
  const [file, from, to] = args;
  if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [from to] [--top=N]');
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const lines = summarise(
    profile,
    from ? Number(from) : -Infinity,
    to ? Number(to) : Infinity,
    topArg ? Number(topArg.slice('--top='.length)) : 25,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
