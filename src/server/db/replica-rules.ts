/**
 * The pure rules of reading from a streaming replica (decision 020): WAL positions, how far behind the
 * replica is, and where one request's reads go. No database here; read-replica.ts does the I/O.
 */

/** A WAL position as PostgreSQL prints it (`16/B374D848`: two hexadecimal halves) as one number. */
export function parseLsn(text: string): bigint | null {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text.trim());
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * How long the oldest WAL the replica has not replayed has been waiting. Each probe gives the primary's
 * written position P (read first) and the replica's replayed position R (read just after). The samples
 * kept are those the replica has not reached yet: the first of them is when the primary was first seen
 * ahead of R, so everything older is replayed and the lag is at least `now − that time` (at most one
 * probe interval more). An idle primary is not lag: once R ≥ P nothing is waiting and the lag is 0.
 */
export class LagTracker {
  private samples: { at: number; lsn: bigint }[] = [];

  constructor(private readonly maxSamples = 3600) {}

  observe(at: number, primaryLsn: bigint, replayLsn: bigint): number {
    const last = this.samples.at(-1);
    // While the replica stays behind for long, later samples are not needed to know it is behind.
    if (this.samples.length < this.maxSamples && (last === undefined || primaryLsn > last.lsn)) {
      this.samples.push({ at, lsn: primaryLsn });
    }
    while (this.samples.length > 0 && (this.samples[0] as { lsn: bigint }).lsn <= replayLsn) {
      this.samples.shift();
    }
    const oldest = this.samples[0];
    return oldest === undefined ? 0 : Math.max(0, at - oldest.at);
  }

  /** After the replica was unreachable its position is unknown: start again. */
  reset() {
    this.samples = [];
  }
}

/**
 * starting: no probe answered yet; up: answers, within the lag bound; behind: beyond it; down: does not
 * answer (refused, timed out, cut); not_standby: answers but is not in recovery (a promoted replica or
 * the primary's own address), so it is not a copy that follows the primary.
 */
export type ReplicaState = 'starting' | 'up' | 'behind' | 'down' | 'not_standby';

/** Where a request's reads went and why (also the labels of db_replica_read_requests_total). */
export type ReadReason = 'replica' | 'write' | 'own_write' | 'stale' | Exclude<ReplicaState, 'up'>;
export type ReadChoice = { target: 'replica' | 'primary'; reason: ReadReason };

/**
 * Where one request's reads go. The replica only when: the request does not write (GET, HEAD); the last
 * probe found it up and within the bound, and is recent (a probe that hangs is no news); and the person's
 * own last write (the WAL position kept in their cookie) is replayed there already (read-your-writes).
 * The replayed position only grows, so a probe's value a moment old errs towards the primary.
 */
export function chooseReads(input: {
  safeMethod: boolean;
  state: ReplicaState;
  replayLsn: bigint | null;
  checkedAt: number;
  now: number;
  staleAfterMs: number;
  ownWriteLsn: bigint | null;
}): ReadChoice {
  if (!input.safeMethod) return { target: 'primary', reason: 'write' };
  if (input.state !== 'up') return { target: 'primary', reason: input.state };
  if (input.now - input.checkedAt > input.staleAfterMs) return { target: 'primary', reason: 'stale' };
  if (input.ownWriteLsn !== null && (input.replayLsn === null || input.replayLsn < input.ownWriteLsn)) {
    return { target: 'primary', reason: 'own_write' };
  }
  return { target: 'replica', reason: 'replica' };
}

/**
 * How long the own-write cookie lives (seconds). After it, the write is older than the lag bound plus two
 * probes, so a replica that counts as up (lag within the bound, last probe recent) has replayed it.
 */
export function ownWriteWindowSeconds(maxLagMs: number, probeMs: number): number {
  return Math.ceil((maxLagMs + 2 * probeMs) / 1000);
}

/** The one log line of a change of state (null: no change worth a line). */
export function stateLine(
  previous: ReplicaState,
  next: ReplicaState,
  details: { lagMs: number; maxLagMs: number; error?: string },
): { level: 'warn' | 'info'; line: string } | null {
  if (previous === next) return null;
  const bound = `${details.maxLagMs / 1000} s`;
  switch (next) {
    case 'up':
      return {
        level: 'info',
        line:
          previous === 'starting'
            ? `Read replica (DATABASE_REPLICA_URL) answers, within ${bound} of the primary: public pages, dashboards and lists read from it`
            : `Read replica (DATABASE_REPLICA_URL) answers again, within ${bound} of the primary: public pages, dashboards and lists read from it again`,
      };
    case 'behind':
      return {
        level: 'warn',
        line: `Read replica (DATABASE_REPLICA_URL) is ${(details.lagMs / 1000).toFixed(1)} s behind the primary (bound ${bound}): reads go to the primary until it catches up`,
      };
    case 'down':
      return {
        level: 'warn',
        line: `Read replica (DATABASE_REPLICA_URL) is unavailable${details.error ? ` (${details.error})` : ''}: reads go to the primary until it answers`,
      };
    case 'not_standby':
      return {
        level: 'warn',
        line: 'DATABASE_REPLICA_URL is not a standby (pg_is_in_recovery() is false): reads go to the primary',
      };
    default:
      return null;
  }
}
