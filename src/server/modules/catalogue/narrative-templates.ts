import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type NarrativeTemplates, narrativeTemplatesSchema } from '#shared/catalogue/narrative-templates.ts';
import { bundledCatalogueDir } from './catalogue.service.ts';

let cached: NarrativeTemplates | undefined;

/** The draft-narrative templates shipped in `catalogue/templates/narratives.yaml`, validated once. */
export function narrativeTemplates(): NarrativeTemplates {
  cached ??= narrativeTemplatesSchema.parse(
    parse(fs.readFileSync(path.join(bundledCatalogueDir, 'templates', 'narratives.yaml'), 'utf8')),
  );
  return cached;
}
