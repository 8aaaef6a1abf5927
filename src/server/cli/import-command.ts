import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../db/client.ts';
import { importAssessments } from '../modules/assessments/import-assessments.ts';
import { CliError, cliActor, organizationByCode } from './cli-context.ts';

export const IMPORT_USAGE =
  'prongsai import-assessment FILE --year BE [--org CODE] [--edition BE] [--sheet NAME] [--dry-run] [--as EMAIL] [--json]';

/** Imports a CSV/XLSX result file through the same path as the API: all or nothing. */
export async function importCommand(database: Database, argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      year: { type: 'string' },
      edition: { type: 'string' },
      sheet: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      as: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || !values.year) throw new CliError(`usage: ${IMPORT_USAGE}`);
  if (!fs.existsSync(file)) throw new CliError(`No file ${file} / ไม่พบไฟล์ ${file}`);
  const actor = await cliActor(database, values.as);
  const org = values.org ? await organizationByCode(database, values.org) : null;
  const preview = await importAssessments(database.db, actor, {
    fileName: path.basename(file),
    bytes: new Uint8Array(fs.readFileSync(file)),
    fiscalYear: Number(values.year),
    editionYear: values.edition ? Number(values.edition) : undefined,
    organizationId: org?.id,
    sheetName: values.sheet,
    commit: !values['dry-run'],
  });
  if (values.json) return JSON.stringify(preview, null, 2);
  const lines = [
    `${preview.committed ? 'Imported' : 'Preview (nothing written)'}: ${preview.organizations.length} organisation(s), format ${preview.format}, edition ${preview.editionYear}`,
    ...preview.organizations.map(
      (o) =>
        `  ${o.code} ${o.nameTh}: ${o.scoreCount} scores, ${o.changes.length} changed, ${o.unchanged} unchanged`,
    ),
    ...(preview.supplied.length > 0
      ? [
          `  ${preview.committed ? 'kept' : 'to keep'} for the ${preview.editionYear} edition (supplied questions and wording): ${preview.supplied
            .map((q) => `${q.display_code} (ตัวชี้วัดที่ ${q.indicator}${q.text_th ? '' : ', no wording'})`)
            .join(', ')}`,
        ]
      : []),
    ...preview.warnings.map(
      (w) => `  warning row ${w.row ?? '-'} ${w.column ?? ''}: ${w.message_th} / ${w.message_en}`,
    ),
    ...preview.errors.map(
      (e) => `  error row ${e.row ?? '-'} ${e.column ?? ''}: ${e.message_th} / ${e.message_en}`,
    ),
  ];
  return lines.join('\n');
}
