import { sql } from 'drizzle-orm';
import type { ImportPreview } from '#shared/assessments/contract.ts';
import { displayCodeOf } from '#shared/catalogue/supplied-questions.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import { currentRevisions, revisionById } from '../catalogue/catalogue.service.ts';
import {
  editionWithSupplied,
  invalidateSupplied,
  recordSupplied,
  resultIdsOf,
} from '../catalogue/supplied-questions.service.ts';
import { readableOrganizationRow } from '../organizations/organizations.service.ts';
import { assessmentPolicy } from './assessments.policy.ts';
import { editionForYear } from './assessments.service.ts';
import { existingResults, organizationsByCode, type PlannedWrite, writeResults } from './bulk-scores.ts';
import { MAX_IMPORT_BYTES } from './import/decode-file.ts';
import type { ImportIssue } from './import/interpret-rows.ts';
import { IssueCollector } from './import/limit-issues.ts';
import { parseImportFileOffThread } from './import/parse-off-thread.ts';
import { diffScores } from './score-diff.ts';

const LARGE_IMPORT_ROWS = 10_000;

export type ImportInput = {
  fileName: string;
  bytes: Uint8Array;
  fiscalYear: number;
  editionYear?: number | undefined;
  organizationId?: string | undefined;
  sheetName?: string | undefined;
  commit: boolean;
};

const issue = (rows: number[], message_th: string, message_en: string, code?: string): ImportIssue => ({
  row: rows[0] ?? 0,
  column: 'organization_code',
  ...(code ? { code } : {}),
  message_th,
  message_en,
});

/**
 * Reads an ITA result file for one or many organisations. Preview (commit=false) writes nothing and
 * shows what would change; commit writes every organisation in one transaction, or nothing when any
 * row has an error. Organisation codes must exist and be covered by the caller's secretariat/admin role.
 */
export async function importAssessments(db: Db, actor: Actor, input: ImportInput): Promise<ImportPreview> {
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw fail.badRequest(
      `ไฟล์มีขนาดเกิน ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    );
  }
  const callerOrg = input.organizationId
    ? await readableOrganizationRow(db, actor, input.organizationId)
    : null;
  if (callerOrg && !assessmentPolicy.write(actor, callerOrg.path)) throw fail.forbidden();
  const revision = await editionForYear(db, input.editionYear ?? input.fiscalYear);
  // The edition with what agencies supplied before; the other editions to tell a file mixing them.
  const edition = await editionWithSupplied(db, revision);
  const otherEditions = (await currentRevisions(db)).map((r) => r.edition);
  // Read in a worker thread: a large (or hostile) file does not stop the server answering others.
  const parsed = await parseImportFileOffThread(input.bytes, input.fileName, {
    edition,
    otherEditions,
    fiscalYear: input.fiscalYear,
    ...(callerOrg ? { organizationCode: callerOrg.code } : {}),
    ...(input.sheetName ? { sheetName: input.sheetName } : {}),
  });
  const errors = [...parsed.errors];
  const orgs = await organizationsByCode(
    db,
    parsed.organizations.map((o) => o.code),
  );
  const existing = await existingResults(
    db,
    [...orgs.values()].map((o) => o.id),
    input.fiscalYear,
  );
  const writes: PlannedWrite[] = [];
  for (const imported of parsed.organizations) {
    const org = orgs.get(imported.code.toLowerCase());
    if (!org) {
      errors.push(
        issue(
          imported.rowNumbers,
          `ไม่มีหน่วยงานรหัส ${imported.code} ในระบบ`,
          `no organisation has the code ${imported.code}`,
          imported.code,
        ),
      );
      continue;
    }
    if (!assessmentPolicy.write(actor, org.path)) {
      errors.push(
        issue(
          imported.rowNumbers,
          `ท่านไม่มีสิทธิ์บันทึกผลการประเมินของหน่วยงาน ${imported.code}`,
          `you may not record results for organisation ${imported.code}`,
          imported.code,
        ),
      );
      continue;
    }
    // Rows of a template left empty give nothing: such organisations are not touched at all.
    if (imported.scores.length === 0 && imported.statedLevel === null) continue;
    const prior = existing.get(org.id);
    if (prior && prior.result.catalogueRevisionId !== revision.id) {
      const priorYear = (await revisionById(db, prior.result.catalogueRevisionId)).fiscalYear;
      if (priorYear !== revision.fiscalYear) {
        errors.push(
          issue(
            imported.rowNumbers,
            `ผลการประเมินปี ${input.fiscalYear} ของหน่วยงาน ${org.code} ใช้กรอบปี ${priorYear} อยู่แล้ว`,
            `the ${input.fiscalYear} result of ${org.code} already follows the ${priorYear} edition`,
            imported.code,
          ),
        );
        continue;
      }
    }
    const { changes, unchanged, merged } = diffScores(prior?.scores ?? [], imported.scores, 'merge');
    writes.push({
      org,
      existing: prior?.result,
      statedLevel: imported.statedLevel ?? prior?.result.statedLevel ?? null,
      merged,
      changes,
      unchanged,
      scoreCount: imported.scores.length,
    });
  }
  if (parsed.format !== null && errors.length === 0 && writes.length === 0) {
    errors.push({
      row: 0,
      column: '',
      message_th: 'ไฟล์ไม่มีคะแนนใดเลย (ช่องว่างถือว่าไม่ได้ระบุ)',
      message_en: 'The file holds no scores (empty cells count as not given)',
    });
  }
  const previews: ImportPreview['organizations'] = writes.map((w) => ({
    organizationId: w.org.id,
    code: w.org.code,
    nameTh: w.org.nameTh,
    scoreCount: w.scoreCount,
    statedLevel: w.statedLevel,
    changes: w.changes,
    unchanged: w.unchanged,
  }));
  // The first issues one by one, the rest counted by kind: never hundreds of thousands of them.
  const errorList = new IssueCollector();
  errorList.addAll(errors, parsed.omittedErrors);
  const warningList = new IssueCollector();
  warningList.addAll(parsed.warnings, parsed.omittedWarnings);
  const reportedErrors = errorList.report();
  const preview = (committed: boolean): ImportPreview => ({
    committed,
    format: parsed.format,
    editionYear: revision.fiscalYear,
    organizations: previews,
    errors: reportedErrors.map(toApiIssue),
    warnings: warningList.report().map(toApiIssue),
    supplied: parsed.supplied.map((d) => ({
      code: d.code,
      display_code: displayCodeOf(d.code),
      instrument: d.instrument,
      indicator: d.indicator,
      text_th: d.text_th,
      newQuestion: d.isNew,
      catalogueDiffers: d.catalogueDiffers,
      organizationCode: d.organizationCode,
    })),
  });
  if (!input.commit) return preview(false);
  if (errorList.total > 0) {
    throw new AppError(
      400,
      'import_invalid',
      `ไฟล์มีข้อผิดพลาด ${errorList.total} รายการ จึงไม่ได้บันทึกข้อมูลใด ๆ`,
      `The file has ${errorList.total} error(s); nothing was saved`,
      reportedErrors.map((e) => ({
        path: e.row ? `row ${e.row}${e.column ? `, ${e.column}` : ''}` : e.column || 'file',
        message_th: e.message_th,
        message_en: e.message_en,
      })),
    );
  }
  await db.transaction(async (tx) => {
    await writeResults(tx, actor.userId, input.fiscalYear, revision, writes, 'import');
    if (parsed.supplied.length === 0 && parsed.conflicts.length === 0) return;
    // What the file supplies for the edition, said to come from the organisation's result.
    const orgIdOf = (code: string) => orgs.get(code.toLowerCase())!.id;
    const resultIds = await resultIdsOf(
      tx,
      parsed.supplied.map((d) => orgIdOf(d.organizationCode)),
      input.fiscalYear,
    );
    await recordSupplied(tx, {
      fiscalYear: revision.fiscalYear,
      actorUserId: actor.userId,
      supplies: parsed.supplied.map((d) => ({
        code: d.code,
        instrument: d.instrument,
        indicator: d.indicator,
        subIndicator: d.subIndicator,
        text_th: d.text_th,
        organizationId: orgIdOf(d.organizationCode),
        resultId: resultIds.get(orgIdOf(d.organizationCode)) ?? null,
      })),
      conflicts: parsed.conflicts.map((c) => ({
        code: c.code,
        text_th: c.text_th,
        indicator: c.indicator,
        organizationId: orgIdOf(c.organizationCode),
      })),
    });
  });
  invalidateSupplied(db, revision.fiscalYear);
  // A large import changes the tables' shape at once; fresh statistics keep the next queries' plans sane
  // (PGlite has no autovacuum, and a server's autovacuum may come minutes later).
  if (writes.reduce((n, w) => n + w.merged.length, 0) > LARGE_IMPORT_ROWS) {
    await db.execute(sql`analyze assessment_results, assessment_scores`);
  }
  return preview(true);
}

function toApiIssue(i: ImportIssue) {
  return {
    row: i.row || null,
    column: i.column || null,
    ...(i.code ? { code: i.code } : {}),
    message_th: i.message_th,
    message_en: i.message_en,
  };
}
