import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { checkEditionRules } from '#shared/catalogue/edition.rules.ts';
import type { Edition, InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import { editionSchema } from '#shared/catalogue/edition.schema.ts';
import {
  displayCodeOf,
  type SuppliedList,
  type SuppliedQuestion,
  withSuppliedQuestions,
} from '#shared/catalogue/supplied-questions.ts';
import type { Db } from '../../db/client.ts';
import { assessmentResults, organizations, suppliedQuestions } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, detail, fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { cataloguePolicy } from './catalogue.policy.ts';
import {
  type CurrentRevision,
  currentRevision,
  getEdition,
  saveImportedEdition,
} from './catalogue.service.ts';

/**
 * Questions and wording agencies supplied with their results, per edition year, and the edition with
 * them laid over it (`withSuppliedQuestions`). The analysis, the result import, the entry form and the
 * templates read editions through `editionWithSupplied`.
 */

type StoredConflict = {
  text_th: string | null;
  indicator: number | null;
  organizationId: string;
  at: string;
};
type YearCache = { supplied: SuppliedQuestion[]; byRevision: Map<string, Edition> };

/**
 * Per database and edition year: the supplied rows and the overlaid edition per revision. An import
 * or an acceptance in this process clears its year; another process sees them on its next start
 * (or its next import of that year).
 */
const caches = new WeakMap<Db, Map<number, YearCache>>();

function cacheOf(db: Db): Map<number, YearCache> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** Forgets the supplied questions of an edition year (after an import or an acceptance wrote them). */
export function invalidateSupplied(db: Db, fiscalYear: number): void {
  cacheOf(db).delete(fiscalYear);
}

async function yearCache(db: Db, fiscalYear: number): Promise<YearCache> {
  const cache = cacheOf(db);
  const found = cache.get(fiscalYear);
  if (found) return found;
  const rows = await db
    .select({
      code: suppliedQuestions.code,
      instrument: suppliedQuestions.instrument,
      indicator: suppliedQuestions.indicator,
      subIndicator: suppliedQuestions.subIndicator,
      textTh: suppliedQuestions.textTh,
      suppliedAt: suppliedQuestions.suppliedAt,
      organizationNameTh: organizations.nameTh,
    })
    .from(suppliedQuestions)
    .innerJoin(organizations, eq(organizations.id, suppliedQuestions.organizationId))
    .where(eq(suppliedQuestions.fiscalYear, fiscalYear))
    .orderBy(asc(suppliedQuestions.suppliedAt), asc(suppliedQuestions.code));
  const entry: YearCache = {
    supplied: rows.map((r) => ({
      code: r.code,
      instrument: r.instrument as InstrumentCode,
      indicator: r.indicator,
      sub_indicator: r.subIndicator,
      text_th: r.textTh,
      organization_th: r.organizationNameTh,
      supplied_at: r.suppliedAt.toISOString(),
    })),
    byRevision: new Map(),
  };
  cache.set(fiscalYear, entry);
  return entry;
}

/** What agencies supplied for an edition year, oldest first. */
export async function suppliedOf(db: Db, fiscalYear: number): Promise<SuppliedQuestion[]> {
  return (await yearCache(db, fiscalYear)).supplied;
}

/**
 * The revision's edition with what agencies supplied for its year laid over it: wording where the
 * catalogue has none, the questions of instruments it has no list for. The same object for the same
 * revision until the year's supplies change; the revision's own edition when nothing was supplied.
 */
export async function editionWithSupplied(db: Db, revision: CurrentRevision): Promise<Edition> {
  const entry = await yearCache(db, revision.fiscalYear);
  let edition = entry.byRevision.get(revision.id);
  if (!edition) {
    edition = withSuppliedQuestions(revision.edition, entry.supplied);
    entry.byRevision.set(revision.id, edition);
  }
  return edition;
}

export type SupplyToRecord = {
  code: string;
  instrument: InstrumentCode;
  indicator: number;
  subIndicator: string | null;
  text_th: string | null;
  organizationId: string;
  resultId: string | null;
};
export type ConflictToRecord = {
  code: string;
  text_th: string | null;
  indicator: number | null;
  organizationId: string;
};

/**
 * Keeps what an import supplies, inside the import's transaction: a new code is inserted (the first
 * supply wins), wording fills a stored question that had none (with who gave it), and a different
 * wording or indicator is appended to the stored row's conflicts once. A few statements per file,
 * never one per row of the file.
 */
export async function recordSupplied(
  tx: Db,
  input: {
    fiscalYear: number;
    actorUserId: string | null;
    supplies: readonly SupplyToRecord[];
    conflicts: readonly ConflictToRecord[];
  },
): Promise<{ added: string[]; worded: string[] }> {
  const { fiscalYear } = input;
  if (input.supplies.length === 0 && input.conflicts.length === 0) return { added: [], worded: [] };
  const added: string[] = [];
  const worded: string[] = [];
  if (input.supplies.length > 0) {
    const inserted = await tx
      .insert(suppliedQuestions)
      .values(
        input.supplies.map((s) => ({
          fiscalYear,
          code: s.code,
          instrument: s.instrument,
          indicator: s.indicator,
          subIndicator: s.subIndicator,
          textTh: s.text_th,
          organizationId: s.organizationId,
          resultId: s.resultId,
          suppliedBy: input.actorUserId,
        })),
      )
      .onConflictDoNothing()
      .returning({ code: suppliedQuestions.code });
    added.push(...inserted.map((r) => r.code));
    const withText = input.supplies.filter((s) => s.text_th !== null && !added.includes(s.code));
    if (withText.length > 0) {
      const filled = await tx.execute(sql`
        update supplied_questions s
        set text_th = v.text_th, organization_id = v.organization_id, result_id = v.result_id,
          supplied_by = ${input.actorUserId}::uuid, supplied_at = now()
        from unnest(
          ${sql.param(withText.map((s) => s.code))}::text[], ${sql.param(withText.map((s) => s.text_th))}::text[],
          ${sql.param(withText.map((s) => s.organizationId))}::uuid[],
          ${sql.param(withText.map((s) => s.resultId))}::uuid[]
        ) as v(code, text_th, organization_id, result_id)
        where s.fiscal_year = ${fiscalYear} and s.code = v.code and s.text_th is null
        returning s.code`);
      worded.push(...(filled as unknown as { rows: { code: string }[] }).rows.map((r) => r.code));
    }
  }
  const now = new Date().toISOString();
  for (const c of input.conflicts) {
    const key = { text_th: c.text_th, indicator: c.indicator, organizationId: c.organizationId };
    const entry: StoredConflict = { ...key, at: now };
    await tx.execute(sql`
      update supplied_questions set conflicts = conflicts || ${JSON.stringify([entry])}::jsonb
      where fiscal_year = ${fiscalYear} and code = ${c.code}
        and not conflicts @> ${JSON.stringify([key])}::jsonb`);
  }
  return { added, worded };
}

/**
 * The admins' listing of an edition year: each supplied question with who supplied it, whether the
 * catalogue has taken it in (or words it otherwise), and the later different supplies.
 */
export async function listSupplied(db: Db, actor: Actor, fiscalYear: number): Promise<SuppliedList> {
  if (!cataloguePolicy.import(actor)) throw fail.forbidden();
  const revision = await currentRevision(db, fiscalYear);
  if (!revision) throw fail.notFound({ th: `กรอบการประเมินปี ${fiscalYear}`, en: `Edition ${fiscalYear}` });
  const rows = await db
    .select({ row: suppliedQuestions, org: organizations })
    .from(suppliedQuestions)
    .innerJoin(organizations, eq(organizations.id, suppliedQuestions.organizationId))
    .where(eq(suppliedQuestions.fiscalYear, fiscalYear));
  const conflictOrgIds = [
    ...new Set(rows.flatMap((r) => (r.row.conflicts as StoredConflict[]).map((c) => c.organizationId))),
  ];
  const conflictOrgs = new Map(
    conflictOrgIds.length === 0
      ? []
      : (
          await db
            .select({ id: organizations.id, code: organizations.code, nameTh: organizations.nameTh })
            .from(organizations)
            .where(inArray(organizations.id, conflictOrgIds))
        ).map((o) => [o.id, o]),
  );
  const catalogue = new Map(revision.edition.questions.map((q) => [q.code, q]));
  const order = (code: string) => ['i', 'e', 'o'].indexOf(code[0]!) * 1000 + Number(code.slice(1));
  return {
    fiscalYear,
    questions: rows
      .sort((a, b) => order(a.row.code) - order(b.row.code))
      .map(({ row, org }) => {
        const q = catalogue.get(row.code);
        const catalogueText = q?.text_th ?? null;
        return {
          code: row.code as SuppliedList['questions'][number]['code'],
          display_code: displayCodeOf(row.code),
          instrument: row.instrument as InstrumentCode,
          indicator: q?.indicator ?? row.indicator,
          sub_indicator: q ? (q.sub_indicator ?? null) : row.subIndicator,
          text_th: row.textTh,
          organizationId: org.id,
          organizationCode: org.code,
          organizationNameTh: org.nameTh,
          resultId: row.resultId,
          suppliedAt: row.suppliedAt.toISOString(),
          accepted: q !== undefined && (row.textTh === null || catalogueText === row.textTh),
          newQuestion: q === undefined,
          catalogueText_th: catalogueText !== null && catalogueText !== row.textTh ? catalogueText : null,
          conflicts: (row.conflicts as StoredConflict[]).map((c) => {
            const o = conflictOrgs.get(c.organizationId);
            return {
              text_th: c.text_th,
              indicator: c.indicator,
              organizationId: c.organizationId,
              organizationCode: o?.code ?? '',
              organizationNameTh: o?.nameTh ?? '',
              at: c.at,
            };
          }),
        };
      }),
  };
}

/**
 * An admin takes supplied questions and wording into the catalogue: a new revision of the year
 * (origin upload, audited) made of the current one with the chosen supplies laid over it, checked by
 * the same rules as an uploaded edition. Only what the catalogue lacks can be accepted: a question it
 * does not list, or wording where it has none; never a change of the catalogue's own wording.
 */
export async function acceptSupplied(db: Db, actor: Actor, fiscalYear: number, codes?: readonly string[]) {
  if (!cataloguePolicy.import(actor)) throw fail.forbidden();
  const list = await listSupplied(db, actor, fiscalYear);
  const acceptable = list.questions.filter((q) => !q.accepted && q.catalogueText_th === null);
  const wanted = codes ? new Set(codes) : null;
  if (wanted) {
    const refused = [...wanted].filter((code) => !acceptable.some((q) => q.code === code));
    if (refused.length > 0) {
      throw fail.validation(
        refused.map((code) => {
          const row = list.questions.find((q) => q.code === code);
          const why = !row
            ? { th: 'ไม่มีหน่วยงานใดนำเข้าข้อนี้', en: 'no agency supplied it' }
            : row.accepted
              ? { th: 'อยู่ในกรอบการประเมินแล้ว', en: 'the catalogue has it already' }
              : { th: 'กรอบการประเมินมีข้อความของข้อนี้อยู่แล้ว', en: 'the catalogue words it already' };
          return detail('codes', `${displayCodeOf(code)}: ${why.th}`, `${displayCodeOf(code)}: ${why.en}`);
        }),
      );
    }
  }
  const chosen = acceptable.filter((q) => !wanted || wanted.has(q.code));
  if (chosen.length === 0) {
    throw fail.badRequest(
      `ไม่มีข้อคำถามหรือข้อความที่หน่วยงานนำเข้าสำหรับกรอบการประเมินปี ${fiscalYear} ที่ยังไม่อยู่ในกรอบการประเมิน`,
      `nothing agencies supplied for the ${fiscalYear} edition is missing from the catalogue`,
    );
  }
  const revision = (await currentRevision(db, fiscalYear))!;
  const overlaid = withSuppliedQuestions(
    revision.edition,
    chosen.map((q) => ({
      code: q.code,
      instrument: q.instrument,
      indicator: q.indicator,
      sub_indicator: q.sub_indicator,
      text_th: q.text_th,
      organization_th: q.organizationNameTh,
      supplied_at: q.suppliedAt,
    })),
  );
  const codesTaken = chosen.map((q) => displayCodeOf(q.code));
  const edition: Edition = {
    ...overlaid,
    notes: [
      ...overlaid.notes,
      `ข้อคำถามและข้อความที่หน่วยงานนำเข้าพร้อมผลการประเมิน (แหล่งข้อมูล AGENCY-SUPPLIED) รับเข้ากรอบการประเมินเมื่อ ${new Date().toISOString().slice(0, 10)}: ${codesTaken.join(', ')}`,
    ],
  };
  const parsed = editionSchema.safeParse(edition);
  const errors = parsed.success ? checkEditionRules(parsed.data) : [];
  if (!parsed.success || errors.length > 0) {
    throw new AppError(
      400,
      'invalid_edition',
      'ข้อคำถามที่หน่วยงานนำเข้าทำให้กรอบการประเมินไม่ถูกต้อง ไม่ได้บันทึกข้อมูลใด ๆ',
      'The supplied questions would make the edition invalid; nothing was saved',
      parsed.success
        ? errors.map((e) => detail(e.path, e.message_th, e.message_en))
        : parsed.error.issues.map((i) => detail(i.path.join('.'), i.message, i.message)),
    );
  }
  const saved = await saveImportedEdition(db, actor, parsed.data);
  await recordAudit(db, {
    actorUserId: actor.userId,
    action: 'catalogue.supplied.accept',
    entityType: 'catalogue_edition',
    entityId: String(fiscalYear),
    before: { revision: revision.id },
    after: {
      revision: saved.summary.revisionId,
      accepted: chosen.map((q) => ({ code: q.code, organizationId: q.organizationId, text_th: q.text_th })),
    },
  });
  invalidateSupplied(db, fiscalYear);
  return { summary: saved.summary, accepted: chosen.map((q) => q.code) };
}

/** Result ids of organisations for a fiscal year, in one query (to say which result supplied what). */
export async function resultIdsOf(
  db: Db,
  organizationIds: readonly string[],
  fiscalYear: number,
): Promise<Map<string, string>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await db
    .select({ id: assessmentResults.id, organizationId: assessmentResults.organizationId })
    .from(assessmentResults)
    .where(
      and(
        inArray(assessmentResults.organizationId, [...new Set(organizationIds)]),
        eq(assessmentResults.fiscalYear, fiscalYear),
      ),
    );
  return new Map(rows.map((r) => [r.organizationId, r.id]));
}

/** An edition as `getEdition` gives it, with what agencies supplied laid over it (the entry form's). */
export async function getEditionWithSupplied(db: Db, actor: Actor, fiscalYear: number) {
  const detail = await getEdition(db, actor, fiscalYear);
  const revision = await currentRevision(db, fiscalYear);
  return revision ? { ...detail, edition: await editionWithSupplied(db, revision) } : detail;
}
