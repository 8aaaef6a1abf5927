/**
 * Publishing and withdrawing tell the public pages of this process at once (publish.service.ts calls
 * this after its transaction commits), so the next request re-reads the organisation's change stamp
 * instead of waiting out the up-to-one-second memo of it. Other processes notice within that second.
 */
const listeners = new Set<(organizationId: string) => void>();

export function onPublicChange(listener: (organizationId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function invalidatePublicCache(organizationId: string): void {
  for (const listener of listeners) listener(organizationId);
}
