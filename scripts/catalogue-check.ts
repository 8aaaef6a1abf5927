/**
 * Validates every catalogue/*.yaml edition, resolving grouping refs across files.
 * Usage: npx tsx scripts/catalogue-check.ts [catalogue-dir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import type { EditionError } from '#shared/catalogue/edition-error.ts';
import { narrativeTemplatesSchema } from '#shared/catalogue/narrative-templates.ts';
import { parseEdition } from '#shared/catalogue/parse-edition.ts';
import { producedItemsSchema } from '#shared/oit/contract.ts';
import { checkLibraryAgainstEditions, parseLibrary } from '#shared/plans/library.ts';
import { parseCompounds } from '../src/server/modules/documents/typography/thai-compounds.ts';
import { isEditionFile } from '../src/shared/catalogue/files.ts';

type Checked = { file: string; edition?: Edition; errors: EditionError[] };

const dir = path.resolve(process.argv[2] ?? 'catalogue');
const relative = (file: string) => path.relative(process.cwd(), file) || file;
const files = fs
  .readdirSync(dir)
  .filter(isEditionFile)
  .sort()
  .map((name) => path.join(dir, name));

const checked: Checked[] = files.map((file) => {
  const result = parseEdition(fs.readFileSync(file, 'utf8'));
  return result.ok ? { file, edition: result.edition, errors: [] } : { file, errors: result.errors };
});

const editions = checked.flatMap((c) => (c.edition ? [c.edition] : []));
for (const c of checked) {
  if (!c.edition) continue;
  const expectedName = `ita-${c.edition.fiscal_year}.yaml`;
  if (path.basename(c.file) !== expectedName) {
    c.errors.push({
      path: 'fiscal_year',
      message_en: `file name must be ${expectedName}`,
      message_th: `ชื่อไฟล์ต้องเป็น ${expectedName}`,
    });
  }
  if (editions.filter((e) => e.fiscal_year === c.edition?.fiscal_year).length > 1) {
    c.errors.push({
      path: 'fiscal_year',
      message_en: `fiscal year ${c.edition.fiscal_year} is defined by more than one file`,
      message_th: `ปีงบประมาณ ${c.edition.fiscal_year} ถูกกำหนดไว้มากกว่าหนึ่งไฟล์`,
    });
  }
  // Grouping refs and question mappings point at other editions: check them against the whole set.
  const others = editions.filter((e) => e !== c.edition);
  const full = parseEdition(fs.readFileSync(c.file, 'utf8'), { knownEditions: others });
  if (!full.ok) c.errors.push(...full.errors);
}

function summary(edition: Edition): string {
  const count = (instrument: string) => edition.questions.filter((q) => q.instrument === instrument).length;
  const own = edition.groupings.length;
  const refs = edition.grouping_refs.length;
  const byRef = refs > 0 ? ` + ${refs} by reference` : '';
  return `${count('OIT')} OIT, ${count('IIT')} IIT, ${count('EIT')} EIT questions, ${own} grouping${own === 1 ? '' : 's'}${byRef}`;
}

let failed = files.length === 0;
if (files.length === 0) console.error(`no edition files in ${relative(dir)}`);
for (const c of checked) {
  if (c.errors.length === 0 && c.edition) {
    console.log(`ok ${relative(c.file)} (${summary(c.edition)})`);
    continue;
  }
  failed = true;
  console.log(`FAIL ${relative(c.file)} (${c.errors.length} error${c.errors.length === 1 ? '' : 's'})`);
  for (const e of c.errors) {
    const where = e.line === undefined ? '' : `:${e.line}:${e.column}`;
    console.log(`  ${relative(c.file)}${where} ${e.path || '(document)'}: ${e.message_en} / ${e.message_th}`);
  }
}
// The other catalogue data: the measures library and the narrative templates.
const libraryFile = path.join(dir, 'measures-library.yaml');
const library = parseLibrary(fs.readFileSync(libraryFile, 'utf8'));
const libraryErrors = library.ok
  ? checkLibraryAgainstEditions(library.library.measures, editions).errors
  : library.errors;
if (libraryErrors.length === 0 && library.ok) {
  console.log(`ok ${relative(libraryFile)} (${library.library.measures.length} measures)`);
} else {
  failed = true;
  console.log(`FAIL ${relative(libraryFile)}`);
  for (const e of libraryErrors) console.log(`  ${e}`);
}
const templatesFile = path.join(dir, 'templates', 'narratives.yaml');
const templates = narrativeTemplatesSchema.safeParse(parseYaml(fs.readFileSync(templatesFile, 'utf8')));
if (templates.success) console.log(`ok ${relative(templatesFile)}`);
else {
  failed = true;
  console.log(`FAIL ${relative(templatesFile)}`);
  for (const i of templates.error.issues) console.log(`  ${i.path.join('.')}: ${i.message}`);
}
const producedFile = path.join(dir, 'templates', 'oit-produced-items.yaml');
const produced = producedItemsSchema.safeParse(parseYaml(fs.readFileSync(producedFile, 'utf8')));
const producedErrors = produced.success
  ? Object.entries(produced.data).flatMap(([year, items]) =>
      Object.keys(items)
        .filter(
          (code) =>
            !editions.some(
              (e) =>
                String(e.fiscal_year) === year &&
                e.questions.some((q) => q.code === code && q.instrument === 'OIT'),
            ),
        )
        .map((code) => `${year}.${code}: not an OIT item of edition ${year}`),
    )
  : produced.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
if (producedErrors.length === 0) console.log(`ok ${relative(producedFile)}`);
else {
  failed = true;
  console.log(`FAIL ${relative(producedFile)}`);
  for (const e of producedErrors) console.log(`  ${e}`);
}
// Thai compounds that a line must never end inside (documents/typography, decision 012).
const compoundsFile = path.join(dir, 'typography', 'thai-compounds.txt');
const compounds = parseCompounds(fs.readFileSync(compoundsFile, 'utf8'));
if (compounds.errors.length === 0) {
  console.log(`ok ${relative(compoundsFile)} (${compounds.compounds.length} compounds)`);
} else {
  failed = true;
  console.log(`FAIL ${relative(compoundsFile)}`);
  for (const e of compounds.errors)
    console.log(`  ${relative(compoundsFile)}:${e.line} "${e.text}": ${e.message_en} / ${e.message_th}`);
}
process.exit(failed ? 1 : 0);
