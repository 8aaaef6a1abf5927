/** An event older than this (by its own `timestamp`) is stale: ignored, whatever it carries. */
export const STALE_EVENT_MS = 5 * 60 * 1000;

/** Stale when older than the bound, or claiming to come from more than a minute in the future. */
export function isStaleEvent(eventTimestampMs: number, nowMs: number, bound = STALE_EVENT_MS): boolean {
  return nowMs - eventTimestampMs > bound || eventTimestampMs - nowMs > 60_000;
}
