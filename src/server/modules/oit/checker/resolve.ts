import dns from 'node:dns';
import net from 'node:net';
import { isForbiddenAddress } from './address-rules.ts';

export type ResolvedAddress = { address: string; family: 4 | 6 };

/** Resolves a host name to all its addresses (the system resolver by default; tests pass their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export type Resolution =
  | { ok: true; address: ResolvedAddress }
  | { ok: false; problem: 'dns_failure' | 'private_address'; detail: string };

/**
 * The one address the checker will connect to for `host`. The name is resolved here, once, and every
 * answer must be public: a name with any private answer is refused as a whole. The caller connects to
 * exactly the address returned (never resolving again), so a DNS answer that changes between the
 * check and the connection (DNS rebinding) cannot lead it anywhere else.
 */
export async function resolveTarget(
  host: string,
  options: { allowPrivate: boolean; resolver: HostResolver },
): Promise<Resolution> {
  const kind = net.isIP(host);
  if (kind !== 0) {
    if (!options.allowPrivate && isForbiddenAddress(host)) {
      return { ok: false, problem: 'private_address', detail: host };
    }
    return { ok: true, address: { address: host, family: kind === 6 ? 6 : 4 } };
  }
  let answers: ResolvedAddress[];
  try {
    answers = await options.resolver(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, problem: 'dns_failure', detail: code };
  }
  if (answers.length === 0) return { ok: false, problem: 'dns_failure', detail: 'no address' };
  if (!options.allowPrivate) {
    const bad = answers.find((a) => isForbiddenAddress(a.address));
    if (bad) return { ok: false, problem: 'private_address', detail: bad.address };
  }
  // Prefer IPv4: government sites often publish AAAA records they do not serve.
  const chosen = answers.find((a) => a.family === 4) ?? answers[0]!;
  return { ok: true, address: chosen };
}
