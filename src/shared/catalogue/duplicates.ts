/** Items whose key was already seen, with their paths (the first occurrence is not reported). */
export function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string | number,
  path: (i: number) => string,
) {
  const seen = new Set<string | number>();
  const out: { path: string; value: string | number }[] = [];
  items.forEach((item, i) => {
    const value = key(item);
    if (seen.has(value)) out.push({ path: path(i), value });
    seen.add(value);
  });
  return out;
}
