/** An event older than this (by its own `timestamp`) is stale: ignored, whatever it carries. */
export const STALE_EVENT_MS = 5 * 60 * 1000;

/** Stale when older than the bound, or claiming to come from more than a minute in the future. */
export function isStaleEvent(eventTimestampMs: number, nowMs: number, bound = STALE_EVENT_MS): boolean {
  return nowMs - eventTimestampMs > bound || eventTimestampMs - nowMs > 60_000;
}

/**
 * Link codes are 6 digits: a LINE user or group that sent this many refused codes within the window is
 * not answered about codes until the window has passed (a guesser would otherwise try 10⁶ codes).
 */
export const MAX_REFUSED_CODES = 5;
export const REFUSED_CODES_WINDOW_MS = 10 * 60 * 1000;

/** Whether a source with `refusedInWindow` refused codes may try another. */
export const mayTryCode = (refusedInWindow: number) => refusedInWindow < MAX_REFUSED_CODES;
