/** yyyy-mm-dd in Bangkok (UTC+7), `days` from today. */
export function bangkokDate(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
