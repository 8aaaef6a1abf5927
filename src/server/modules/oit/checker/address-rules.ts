import net from 'node:net';

/**
 * Which addresses the link checker may connect to. OIT links point at an agency's public website:
 * anything that only makes sense inside the server's own network (loopback, private ranges,
 * link-local, unique-local, the cloud metadata service, multicast, reserved) is refused, so a saved
 * link can never make the server probe its neighbours (SSRF). Pure: no DNS here.
 */

const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (also Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const V6_BLOCKED: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local (AWS metadata fd00:ec2::254 is in here)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blocked = new net.BlockList();
for (const [a, p] of V4_BLOCKED) blocked.addSubnet(a, p, 'ipv4');
for (const [a, p] of V6_BLOCKED) blocked.addSubnet(a, p, 'ipv6');

/** The 8 groups of an IPv6 address (with an embedded dotted IPv4 tail), or null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (net.isIPv6(address) === false) return null;
  let text = address.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const bytes = v4[1]!.split('.').map(Number);
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, v4.index)}${hex(bytes[0]!, bytes[1]!)}:${hex(bytes[2]!, bytes[3]!)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  const groups = [...left, ...fill, ...right].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}

const v4FromGroups = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4, compatible), if any. */
function embeddedIpv4(groups: number[]): string | null {
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4FromGroups(groups[6]!, groups[7]!); // ::ffff:a.b.c.d
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4FromGroups(groups[6]!, groups[7]!); // NAT64
  if (groups[0] === 0x2002) return v4FromGroups(groups[1]!, groups[2]!); // 6to4
  if (zeros(0, 6) && (groups[6] !== 0 || groups[7]! > 1)) return v4FromGroups(groups[6]!, groups[7]!); // ::a.b.c.d
  return null;
}

/** True for every address the checker must never connect to (and for anything that is not an IP). */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const kind = net.isIP(bare);
  if (kind === 4) return blocked.check(bare, 'ipv4');
  if (kind !== 6) return true;
  if (blocked.check(bare, 'ipv6')) return true;
  const groups = ipv6Groups(bare);
  if (!groups) return true;
  const v4 = embeddedIpv4(groups);
  return v4 !== null && isForbiddenAddress(v4);
}

/** Host names that always mean the server itself or its platform, refused without asking DNS. */
export function isForbiddenHostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    // A name of one label (`intranet`, a container's `db`) is found through the server's own DNS
    // search list: never an agency's public web site.
    !h.includes('.') ||
    h === 'metadata' ||
    h === 'metadata.google.internal' ||
    h.endsWith('.internal') ||
    h.endsWith('.local')
  );
}

export type UrlProblem = 'invalid_url' | 'unsupported_scheme' | 'private_address';

export type TargetCheck = { ok: true; url: URL } | { ok: false; problem: UrlProblem };

/**
 * What can be said of an address without DNS: it parses, it is http(s) without credentials, and its
 * host is not a literal private address or a name of the server itself. `allowPrivate` (tests,
 * intranet deployments) lets private hosts through but never other schemes.
 */
export function checkTargetUrl(raw: string, allowPrivate: boolean): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return {
      ok: false,
      problem: /^[a-z][a-z0-9+.-]*:/i.test(raw.trim()) ? 'unsupported_scheme' : 'invalid_url',
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, problem: 'unsupported_scheme' };
  if (!url.hostname || url.username || url.password) return { ok: false, problem: 'invalid_url' };
  if (allowPrivate) return { ok: true, url };
  const host = hostOf(url);
  if (net.isIP(host) !== 0)
    return isForbiddenAddress(host) ? { ok: false, problem: 'private_address' } : { ok: true, url };
  if (isForbiddenHostName(host)) return { ok: false, problem: 'private_address' };
  return { ok: true, url };
}

/** The host of a URL as DNS and sockets take it (IPv6 without brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}
