/**
 * Whether e-mail to this address can ever arrive. Names under `.invalid` are reserved never to resolve
 * (RFC 2606, RFC 6761): accounts that came through an identity provider without an e-mail (ThaID) carry
 * such a reserved address, and a reminder for them goes by LINE or not at all, never into a mail queue
 * that can only fail.
 */
export function mailDeliverable(address: string): boolean {
  const domain = address
    .slice(address.lastIndexOf('@') + 1)
    .toLowerCase()
    .replace(/\.$/, '');
  return domain !== 'invalid' && !domain.endsWith('.invalid');
}
