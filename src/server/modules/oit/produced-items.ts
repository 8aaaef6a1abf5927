import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type OitProduced, producedItemsSchema } from '#shared/oit/contract.ts';
import { bundledCatalogueDir } from '../catalogue/catalogue.service.ts';

/**
 * OIT items whose document Prongsai itself produces (the measures plan and its follow-up report), by
 * edition year: data in `catalogue/templates/oit-produced-items.yaml`, where the reading of each
 * edition is explained; validated once.
 */
let cached: Readonly<Record<string, Readonly<Record<string, OitProduced>>>> | undefined;

export function producedItems() {
  cached ??= producedItemsSchema.parse(
    parse(fs.readFileSync(path.join(bundledCatalogueDir, 'templates', 'oit-produced-items.yaml'), 'utf8')),
  );
  return cached;
}

/** What Prongsai produces for an item of an edition year, or null when the agency provides it. */
export function producedBy(editionYear: number, itemCode: string): OitProduced | null {
  return producedItems()[String(editionYear)]?.[itemCode] ?? null;
}
