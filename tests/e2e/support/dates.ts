/** yyyy-mm-dd in Bangkok (UTC+7), `days` from today. */
export function bangkokDate(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** An ISO date as a person types it with the Buddhist-era year: 2026-12-05 → "5/12/2569". */
export function typedBeDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day}/${month}/${year + 543}`;
}
