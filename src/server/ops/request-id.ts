/** The longest request id taken from a client or proxy; longer ones are replaced by our own. */
export const REQUEST_ID_MAX_LENGTH = 128;

/** Letters, digits and `- _ . : /` only: nothing that could break a log line or a header. */
const SAFE = /^[A-Za-z0-9._:/-]+$/;

/** An incoming X-Request-Id kept as it is when short and plain, else null (and a new one is made). */
export function parseRequestId(header: string | undefined | null): string | null {
  if (header === undefined || header === null) return null;
  const id = header.trim();
  if (id.length === 0 || id.length > REQUEST_ID_MAX_LENGTH || !SAFE.test(id)) return null;
  return id;
}

/** The id for this request: the incoming one when valid (a proxy's id follows the request), else a new UUID. */
export function requestIdFor(
  header: string | undefined | null,
  make: () => string = () => crypto.randomUUID(),
) {
  return parseRequestId(header) ?? make();
}
