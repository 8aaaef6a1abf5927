import { percentile } from './http.ts';

export type LoadResult = { rps: number; p50: number; p99: number; requests: number };

/**
 * `concurrency` keep-alive clients (`fetch`), each sending its next request when the last one is
 * answered (no think time), for `seconds`; they arrive over the first `rampMs`. Every answer must be
 * a 200 (the body is read to its end), or the load throws.
 */
export async function load(
  url: string,
  options: { concurrency: number; seconds: number; headers?: Record<string, string>; rampMs?: number },
): Promise<LoadResult> {
  const { concurrency, seconds, headers = {}, rampMs = 200 } = options;
  const started = performance.now();
  const until = started + seconds * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i * rampMs) / concurrency));
      while (performance.now() < until) {
        const t = performance.now();
        const r = await fetch(url, { headers });
        if (r.status !== 200) throw new Error(`${url}: ${r.status} ${(await r.text()).slice(0, 500)}`);
        await r.arrayBuffer();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
  };
}
