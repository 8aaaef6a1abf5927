import { and, desc, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import type { Db } from '../../db/client.ts';
import { assessmentResults, organizations } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { currentRevision, revisionById } from '../catalogue/catalogue.service.ts';
import { readableOrganizationRow } from '../organizations/organizations.service.ts';
import { libraryMeasuresAll } from '../plans/measures-library.service.ts';
import { bangkokDate } from '../reminders/plan-reminders.ts';
import { nationalPolicy } from './national.policy.ts';
import type { NationalNode, NationalView } from './national.schema.ts';
import { NATIONAL_LIST_LIMIT, type NationalSqlInput, nationalViewStatements } from './national.sql.ts';
import {
  MIN_AGENCIES_TO_COMPARE,
  mean2,
  measureEvidence,
  numberOrNull,
  targetStatus,
  totalBands,
} from './rules/national.ts';

type Row = Record<string, unknown>;
const int = (value: unknown) => numberOrNull(value) ?? 0;
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;
/** The one JSON value a statement that builds the view answers (PGlite parses json; pg too). */
const jsonOf = (result: unknown) => {
  const value = rowsOf(result)[0]?.view;
  return (typeof value === 'string' ? JSON.parse(value) : value) as Row;
};

const nodeOf = (row: { id: string; nameTh: string; nameEn: string | null; kind: string }): NationalNode => ({
  id: row.id,
  nameTh: row.nameTh,
  nameEn: row.nameEn,
  kind: row.kind,
});

/** Organisations at the top of what the caller may see in the national view (the node picker's start). */
export async function nationalRoots(db: Db, actor: Actor): Promise<NationalNode[]> {
  const roots = nationalPolicy.roots(actor);
  if (roots.length === 0) return [];
  const rows = roots.includes(null)
    ? await db
        .select()
        .from(organizations)
        .where(and(isNull(organizations.parentId), eq(organizations.active, true)))
    : await db
        .select()
        .from(organizations)
        .where(
          inArray(
            organizations.path,
            roots.filter((r): r is string => r !== null),
          ),
        );
  // A grant under another grant of the caller is reached from that one: only the top ones are roots.
  const paths = rows.map((r) => r.path);
  return rows
    .filter((r) => !paths.some((p) => p !== r.path && r.path.startsWith(p)))
    .sort((a, b) => a.nameTh.localeCompare(b.nameTh, 'th'))
    .map(nodeOf);
}

/** The year to show when none is asked: the latest with a result at or under the node. */
async function yearsUnder(db: Db, nodePath: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: assessmentResults.fiscalYear })
    .from(assessmentResults)
    .innerJoin(organizations, eq(organizations.id, assessmentResults.organizationId))
    .where(like(organizations.path, `${nodePath}%`))
    .orderBy(desc(assessmentResults.fiscalYear));
  return rows.map((r) => r.year);
}

/**
 * The edition the results of a year were scored against when the catalogue has none of that year
 * (a result may be scored against an earlier edition): its levels name the view's counts.
 */
async function revisionScoredIn(db: Db, nodePath: string, fiscalYear: number) {
  const [row] = await db
    .select({ revisionId: assessmentResults.catalogueRevisionId })
    .from(assessmentResults)
    .innerJoin(organizations, eq(organizations.id, assessmentResults.organizationId))
    .where(and(eq(assessmentResults.fiscalYear, fiscalYear), like(organizations.path, `${nodePath}%`)))
    .orderBy(desc(assessmentResults.updatedAt))
    .limit(1);
  return row ? revisionById(db, row.revisionId) : undefined;
}

/**
 * The national view of a node for one fiscal year (decision 019): a fixed number of statements
 * whatever the number of agencies (`national.sql.ts`), shaped here by the pure rules.
 */
export async function nationalView(
  db: Db,
  actor: Actor,
  organizationId: string,
  requestedYear: number | undefined,
  now = new Date(),
): Promise<NationalView> {
  const node = await readableOrganizationRow(db, actor, organizationId);
  if (!nationalPolicy.read(actor, node.path)) throw fail.forbidden();
  const years = await yearsUnder(db, node.path);
  const fiscalYear = requestedYear ?? years[0];
  if (fiscalYear === undefined) {
    throw fail.notFound({
      th: `ผลการประเมิน ITA ของหน่วยงานภายใต้ ${node.nameTh}`,
      en: `ITA results of the agencies under ${node.nameEn ?? node.nameTh}`,
    });
  }
  const revision =
    (await currentRevision(db, fiscalYear)) ?? (await revisionScoredIn(db, node.path, fiscalYear));
  const edition: Edition | null = revision?.edition ?? null;
  const threshold = edition?.levels.pass_threshold.min_total ?? 85;
  const library = await libraryMeasuresAll(db);
  const libraryById = new Map(library.map((m) => [m.id, m]));
  const input: NationalSqlInput = {
    fiscalYear,
    nodePath: node.path,
    threshold,
    today: bangkokDate(now),
    library,
  };
  const statements = nationalViewStatements(input);
  const ancestorIds = node.path.split('/').filter((id) => id !== '' && id !== node.id);
  const [results, indicators, planRows, late, measures, ancestors] = await Promise.all([
    db.execute(statements.results),
    db.execute(statements.indicators),
    db.execute(statements.plans),
    db.execute(statements.late),
    db.execute(statements.measures),
    ancestorIds.length === 0
      ? Promise.resolve([])
      : db.select().from(organizations).where(inArray(organizations.id, ancestorIds)),
  ]);

  const view = jsonOf(results);
  const s = view.summary as Row;
  const agencies = int(s.agencies);
  const withResult = int(s.withResult);
  const withTotal = int(s.withTotal);
  const levelDefs = edition?.levels.levels ?? [];
  const levelCounts = new Map(
    (view.levels as Row[]).map((l) => [(l.code as string | null) ?? null, int(l.count)] as const),
  );
  const levels = [
    ...levelDefs.map((l) => ({
      code: l.code,
      name_th: l.name_th,
      name_en: l.name_en,
      count: levelCounts.get(l.code) ?? 0,
    })),
    // A level of another revision of the year, or a total with no level: counted, never dropped.
    ...[...levelCounts.entries()]
      .filter(([code]) => code === null || !levelDefs.some((l) => l.code === code))
      .map(([code, count]) => ({ code, name_th: null, name_en: null, count })),
  ];
  const indicatorDefs = new Map((edition?.indicators ?? []).map((i) => [i.number, i]));
  const byPath = new Map(ancestors.map((a) => [a.path, a]));

  return {
    node: nodeOf(node),
    ancestors: ancestorIds
      .map((_, i) => byPath.get(`/${ancestorIds.slice(0, i + 1).join('/')}/`))
      .filter((a): a is NonNullable<typeof a> => a !== undefined && nationalPolicy.read(actor, a.path))
      .map(nodeOf),
    fiscalYear,
    years,
    edition: revision ? { fiscalYear: revision.edition.fiscal_year } : null,
    summary: {
      agencies,
      withResult,
      withTotal,
      noResult: agencies - withResult,
      resultWithoutTotal: withResult - withTotal,
      meanTotal: mean2(s.meanTotal),
      withPrevious: int(s.withPrevious),
      meanPrevious: mean2(s.meanPrevious),
      withBoth: int(s.withBoth),
      rose: int(s.rose),
      fell: int(s.fell),
      same: int(s.same),
      meanChange: mean2(s.meanChange),
    },
    target: targetStatus(threshold, withTotal, int(s.atOrAbove)),
    levels,
    bands: totalBands(new Map((view.bands as Row[]).map((b) => [int(b.from), int(b.count)]))),
    children: (view.children as Row[]).map((c) => ({
      id: c.id as string,
      nameTh: c.name_th as string,
      nameEn: (c.name_en as string | null) ?? null,
      kind: c.kind as string,
      agencies: int(c.agencies),
      withTotal: int(c.withTotal),
      atOrAbove: int(c.atOrAbove),
      sharePercent: targetStatus(threshold, int(c.withTotal), int(c.atOrAbove)).sharePercent,
      meanTotal: mean2(c.meanTotal),
    })),
    agencies: (view.agencies as Row[]).map((a) => ({
      id: a.id as string,
      code: a.code as string,
      nameTh: a.nameTh as string,
      nameEn: (a.nameEn as string | null) ?? null,
      hasResult: Boolean(a.hasResult),
      total: numberOrNull(a.total),
      level: (a.level as string | null) ?? null,
      previousTotal: numberOrNull(a.previousTotal),
      change: mean2(a.change),
    })),
    listLimit: NATIONAL_LIST_LIMIT,
    indicators: rowsOf(indicators).map((r) => {
      const number = int(r.number);
      const def = indicatorDefs.get(number);
      return {
        number,
        name_th: def?.name_th ?? null,
        name_en: def?.name_en ?? null,
        mean: mean2(r.mean) ?? 0,
        scored: int(r.scored),
        below: int(r.below),
        meanPrevious: mean2(r.meanPrevious),
        withPrevious: int(r.withPrevious),
        meanChange: mean2(r.meanChange),
      };
    }),
    plans: shapePlans(jsonOf(planRows)),
    late: shapeLate(jsonOf(late)),
    measures: rowsOf(measures).map((r) => {
      const indicator = int(r.number);
      const def = indicatorDefs.get(indicator);
      const evidence = measureEvidence({
        users: int(r.users),
        usersRose: int(r.usersRose),
        usersMeanChange: numberOrNull(r.usersMeanChange),
        others: int(r.others),
        othersRose: int(r.othersRose),
        othersMeanChange: numberOrNull(r.othersMeanChange),
      });
      return {
        libraryId: r.libraryId as string,
        titleTh: libraryById.get(r.libraryId as string)?.title_th ?? null,
        titleEn: libraryById.get(r.libraryId as string)?.title_en ?? null,
        indicator,
        indicatorName_th: def?.name_th ?? null,
        indicatorName_en: def?.name_en ?? null,
        usersMeanChange: null,
        othersMeanChange: null,
        ...evidence,
      };
    }),
    minAgenciesToCompare: MIN_AGENCIES_TO_COMPARE,
  };
}

function shapePlans(p: Row): NationalView['plans'] {
  const named = (a: Row) => ({
    id: a.id as string,
    code: a.code as string,
    nameTh: a.nameTh as string,
    nameEn: (a.nameEn as string | null) ?? null,
  });
  return {
    agencies: int(p.agencies),
    notApproved: int(p.notApproved),
    notPublished: int(p.notPublished),
    notApprovedList: (p.notApprovedList as Row[]).map((a) => ({
      ...named(a),
      latestStatus: (a.latestStatus as string | null) ?? null,
    })),
    notPublishedList: (p.notPublishedList as Row[]).map((a) => ({
      ...named(a),
      approved: Boolean(a.approved),
    })),
  };
}

function shapeLate(l: Row): NationalView['late'] {
  return {
    count: int(l.count),
    list: (l.list as Row[]).map((a) => ({
      id: a.id as string,
      code: a.code as string,
      nameTh: a.nameTh as string,
      nameEn: (a.nameEn as string | null) ?? null,
      rounds: int(a.rounds),
      daysLate: int(a.daysLate),
      openReports: int(a.openReports),
      earliestDue: a.earliestDue as string,
    })),
  };
}
