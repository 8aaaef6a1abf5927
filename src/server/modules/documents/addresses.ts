/**
 * Web and e-mail addresses inside text a person typed ("… (อ้างถึง www.suratcity.go.th/ita/2564)"). An
 * address must stay exactly as written: Thai digits in it would make it lead nowhere. Renderers and
 * layouts split text with `splitAddresses` and keep the address parts literal.
 */

/** http(s)://…, www.…, or name@host.tld; a trailing full stop, comma, colon or closing bracket is not part of it. */
const ADDRESS =
  /(?:https?:\/\/[^\s<>"'()]+(?:\([^\s<>"'()]*\)[^\s<>"'()]*)*|www\.[^\s<>"'()]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/gi;
const TRAILING = /[.,:;!?]+$/;

export type TextPart = { text: string; address: boolean };

/** The text in order, cut into plain parts and address parts (at least one part; empty text gives one empty part). */
export function splitAddresses(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = match[0].replace(TRAILING, '');
    if (address === '') continue;
    const start = match.index;
    if (start > at) parts.push({ text: text.slice(at, start), address: false });
    parts.push({ text: address, address: true });
    at = start + address.length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), address: false });
  return parts;
}

/** A web address as a link target (`www.…` gets `https://`); `null` for an e-mail address (not linked). */
export function addressHref(address: string): string | null {
  if (/^https?:\/\//i.test(address)) return address;
  if (/^www\./i.test(address)) return `https://${address}`;
  return null;
}
