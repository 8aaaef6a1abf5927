import type { FrameworkPreview } from '#shared/catalogue/contract.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../http/actor.ts';
import { AppError, fail } from '../../../http/app-error.ts';
import { decodeBase64 } from '../../../http/base64.ts';
import { cataloguePolicy } from '../catalogue.policy.ts';
import {
  currentEditions,
  currentRevision,
  getEdition,
  revisionIndex,
  saveImportedEdition,
} from '../catalogue.service.ts';
import { diffEditions, sameContent } from './diff.ts';
import { boundIssues, parseFrameworkFile } from './parse-framework.ts';
import { FRAMEWORK_LIMITS } from './read-workbook.ts';
import { buildFrameworkWorkbook, frameworkFileName, XLSX_MIME } from './write-framework.ts';

export type FrameworkFile = { bytes: Uint8Array; fileName: string; mimeType: string };

/** The current revision of an edition as a framework workbook (any signed-in user: the framework is public). */
export async function exportEditionWorkbook(
  db: Db,
  actor: Actor,
  fiscalYear: number,
): Promise<FrameworkFile> {
  const { edition } = await getEdition(db, actor, fiscalYear);
  return {
    bytes: await buildFrameworkWorkbook(edition),
    fileName: frameworkFileName(edition),
    mimeType: XLSX_MIME,
  };
}

/** The blank framework workbook: every sheet with its headers, and the instructions. */
export async function frameworkTemplate(actor: Actor): Promise<FrameworkFile> {
  if (!cataloguePolicy.read(actor)) throw fail.forbidden();
  return {
    bytes: await buildFrameworkWorkbook(null),
    fileName: frameworkFileName(null),
    mimeType: XLSX_MIME,
  };
}

export type FrameworkImportInput = { fileName: string; contentBase64: string; commit: boolean };

/**
 * Imports a framework workbook (deployment-wide admin, as a YAML edition). A preview (commit=false)
 * writes nothing and says what the file holds, what it changes against the current revision of its
 * year, and every error and warning; a commit with any error answers 400 and writes nothing.
 */
export async function importFramework(
  db: Db,
  actor: Actor,
  input: FrameworkImportInput,
): Promise<FrameworkPreview> {
  if (!cataloguePolicy.import(actor)) throw fail.forbidden();
  const bytes = decodeBase64(input.contentBase64, 'contentBase64');
  if (bytes.byteLength > FRAMEWORK_LIMITS.bytes) {
    const max = FRAMEWORK_LIMITS.bytes / 1024 / 1024;
    throw fail.badRequest(`ไฟล์มีขนาดเกิน ${max} MB`, `The file is larger than ${max} MB`);
  }
  const parsed = await parseFrameworkFile(bytes, input.fileName, {
    knownEditions: await currentEditions(db),
  });
  const { listed, more } = boundIssues(parsed.errors);
  const edition = parsed.edition;
  const current = edition ? await currentRevision(db, edition.fiscal_year) : undefined;
  const unchanged = edition !== null && current !== undefined && sameContent(current.edition, edition);
  const changes = edition && current && !unchanged ? diffEditions(current.edition, edition) : [];
  if (edition && current && !unchanged && changes.length === 0) {
    changes.push({ part: 'other', added: [], removed: [], changed: ['order'] });
  }
  const preview: FrameworkPreview = {
    committed: false,
    fiscalYear: edition?.fiscal_year ?? null,
    titleTh: edition?.title_th ?? null,
    action: edition ? (current ? (unchanged ? 'unchanged' : 'new_revision') : 'new_edition') : null,
    currentRevision: current ? await revisionNumber(db, current.edition.fiscal_year) : null,
    counts: edition ? countsOf(edition) : null,
    changes,
    errors: listed,
    moreErrors: more,
    warnings: boundIssues(parsed.warnings).listed,
    summary: null,
  };
  if (!input.commit) return preview;
  if (!edition) {
    throw new AppError(
      400,
      'invalid_framework',
      'ไฟล์กรอบการประเมินมีข้อผิดพลาด ไม่ได้บันทึกข้อมูลใด ๆ',
      'The framework file has errors; nothing was saved',
      listed.map((e) => ({
        path: [e.sheet, e.row === null ? null : `${e.column ?? ''}${e.row}`, e.field]
          .filter((x) => x !== null)
          .join(' '),
        message_th: e.message_th,
        message_en: e.message_en,
      })),
    );
  }
  const saved = await saveImportedEdition(db, actor, edition);
  return { ...preview, committed: true, summary: saved.summary };
}

async function revisionNumber(db: Db, fiscalYear: number): Promise<number | null> {
  const mine = (await revisionIndex(db)).filter((r) => r.fiscalYear === fiscalYear).map((r) => r.revision);
  return mine.length > 0 ? Math.max(...mine) : null;
}

function countsOf(edition: Edition): NonNullable<FrameworkPreview['counts']> {
  const questions = { IIT: 0, EIT: 0, OIT: 0 };
  for (const q of edition.questions) questions[q.instrument]++;
  return {
    instruments: edition.instruments.length,
    indicators: edition.indicators.length,
    subIndicators: edition.sub_indicators.length,
    questions,
    questionsWithoutWording: edition.questions.filter((q) => q.text_th === null).length,
    levels: edition.levels.levels.length,
    groupings: edition.groupings.length + edition.grouping_refs.length,
    mappingPairs: edition.question_mappings.reduce((n, m) => n + m.pairs.length, 0),
    sources: edition.sources.length,
  };
}
