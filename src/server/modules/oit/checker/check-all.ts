import type { OitCheck } from '#shared/oit/contract.ts';
import { type CheckOptions, type CheckTarget, checkUrl } from './check-url.ts';

export const DEFAULT_CONCURRENCY = 8;

/** Runs `work` on every item with at most `limit` running at once; results in the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Checks many URLs, at most `concurrency` at a time (default 8), each within its own deadline.
 * Identical URLs of the same year are fetched once. Never throws: failures are in the results.
 */
export async function checkUrls(
  targets: readonly CheckTarget[],
  options: Partial<CheckOptions> & { concurrency?: number } = {},
): Promise<OitCheck[]> {
  const { concurrency = DEFAULT_CONCURRENCY, ...checkOptions } = options;
  const keyOf = (t: CheckTarget) => `${t.fiscalYear ?? ''} ${t.url}`;
  const unique = [...new Map(targets.map((t) => [keyOf(t), t])).values()];
  const results = await mapBounded(unique, concurrency, (t) => checkUrl(t, checkOptions));
  const byKey = new Map(unique.map((t, i) => [keyOf(t), results[i]!]));
  return targets.map((t) => ({ ...byKey.get(keyOf(t))!, url: t.url }));
}
