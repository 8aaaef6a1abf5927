/** How a person wants reminders; no choice recorded means e-mail. */
export const NOTIFY_CHANNELS = ['email', 'line', 'both'] as const;
export type NotifyChannels = (typeof NOTIFY_CHANNELS)[number];

/**
 * Which channels carry a person's reminder. LINE only with a usable link; a person who chose LINE
 * alone but has none (never linked, unlinked, blocked the account, the agency's token refused) is
 * reminded by e-mail instead, so a broken link never silences the reminders.
 */
export function channelsFor(choice: NotifyChannels, lineUsable: boolean): { email: boolean; line: boolean } {
  if (!lineUsable) return { email: true, line: false };
  if (choice === 'line') return { email: false, line: true };
  if (choice === 'both') return { email: true, line: true };
  return { email: true, line: false };
}

/** The LINE copy of an e-mail reminder has its own outbox key, derived from the e-mail one. */
export const lineDedupeKey = (emailKey: string) => `line:${emailKey}`;

/** A unit group's reminder: one per round, unit and due date (or Bangkok day when overdue). */
export const lineGroupDedupeKey = (kind: string, roundId: string, unitId: string, day: string) =>
  `line:group:${kind}:${roundId}:${unitId}:${day}`;

export type LinkCandidate = { linkId: string; channelId: string; channelOrgPath: string; lineId: string };

/**
 * The agency account that reminds a person about a plan: among their usable links, the one whose
 * organisation is the nearest one above (or at) the plan's organisation; when none covers the plan,
 * the nearest to it by shared path, then the first.
 */
export function chooseLink<T extends LinkCandidate>(candidates: readonly T[], planOrgPath: string): T | null {
  if (candidates.length === 0) return null;
  const covering = candidates
    .filter((c) => planOrgPath.startsWith(c.channelOrgPath))
    .sort((a, b) => b.channelOrgPath.length - a.channelOrgPath.length);
  if (covering[0]) return covering[0];
  const planSegments = planOrgPath.split('/').filter(Boolean);
  const shared = (p: string) => {
    const segments = p.split('/').filter(Boolean);
    let i = 0;
    while (i < segments.length && segments[i] === planSegments[i]) i++;
    return i;
  };
  return [...candidates].sort((a, b) => shared(b.channelOrgPath) - shared(a.channelOrgPath))[0] ?? null;
}
