import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edition } from './edition.schema.ts';
import { isEditionFile } from './files.ts';
import { parseEdition } from './parse-edition.ts';

export const catalogueDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalogue');

export function catalogueFiles(): string[] {
  return fs.readdirSync(catalogueDir).filter(isEditionFile).sort();
}

/** Every shipped edition, parsed with refs resolved against the others; throws on the first invalid file. */
export function readCatalogue(): Edition[] {
  const texts = catalogueFiles().map((name) => ({
    name,
    text: fs.readFileSync(path.join(catalogueDir, name), 'utf8'),
  }));
  const editions = texts.map(({ name, text }) => {
    const result = parseEdition(text);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    return result.edition;
  });
  return texts.map(({ name, text }) => {
    const result = parseEdition(text, { knownEditions: editions });
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    return result.edition;
  });
}
