import type { OitProduced } from '#shared/oit/contract.ts';
import type { Db } from '../../db/client.ts';

/** An OIT item whose document Prongsai produces (see produced-items.ts). */
export type OitAutoUrlItem = {
  organizationId: string;
  fiscalYear: number;
  itemCode: string;
  produces: OitProduced;
};

/**
 * Where the public copy of a document Prongsai produces can be opened (the published measures plan,
 * the published follow-up report): the tracker shows it as the row's `autoUrl`, uses it when the
 * secretariat typed no URL of its own, and the checker opens it like any other address.
 *
 * The real resolver (`publicUrlFor(item)`, with the documents' public addresses) is another module's;
 * until it is wired in `createApp({ oit: { autoUrl } })` and in main.ts, `noAutoUrls` answers null for
 * every item. An answer must be an absolute http(s) URL or null; anything else is ignored.
 */
export interface AutoUrlResolver {
  publicUrlFor(item: OitAutoUrlItem, context: { db: Db }): Promise<string | null> | string | null;
}

export const noAutoUrls: AutoUrlResolver = { publicUrlFor: () => null };
