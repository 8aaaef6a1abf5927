import { eq, getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import {
  assessmentResults,
  assessmentScores,
  catalogueRevisions,
  organizations,
  plans,
  reportSlots,
  roleAssignments,
  rounds,
  users,
} from '../../src/server/db/schema/index.ts';
import { createSession, SESSION_COOKIE } from '../../src/server/modules/auth/sessions.ts';
import { loadBundledEditions, revisionById } from '../../src/server/modules/catalogue/catalogue.service.ts';
import { bundledLibrary } from '../../src/server/modules/plans/measures-library.service.ts';
import { type PlanContent, planContentSchema } from '../../src/shared/plans/contract.ts';

/**
 * National-size data for the national bench, generated on the database's side with set-based SQL
 * (`generate_series`, `INSERT … SELECT`, `jsonb_array_elements`): NACC at the root, `groups`
 * ministries and provinces under it, `agencies` agencies spread over them round-robin; for every
 * agency a result of each of `years` fiscal years (ending at `LAST_RESULT_YEAR`) with its total, its
 * instruments and its indicators; for the last three years' plans (fiscal year = result year + 1) a
 * plan of every agency (some missing, some still in draft or submitted), a plan of every group whose
 * measures are carried by up to 200 of its agencies, and for the circulated ones a 6-month round with
 * its report slots (closed, or open and past due for some agencies of the year before the newest).
 *
 * Table and column names come from the app's schema (`src/server/db/schema/`) through drizzle's table
 * objects (`into(plans, ['organizationId', …])`): a renamed or removed column fails the type check,
 * not the run. Plan content is made from one template per kind of plan that the app's own
 * `planContentSchema` parses, with the organisation's ids put in by SQL.
 */
export const LAST_RESULT_YEAR = 2569;
/** Plans of the newest years: the fiscal year after each of the last results. */
export const PLAN_YEARS = 3;
/** A measure names at most 200 responsible units (`responsibleSchema`). */
const GROUP_PLAN_UNITS = 200;
const GROUP_ISSUES = 8;
const GROUP_MEASURES_PER_ISSUE = 5;

const UNIT_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
const UNITS_PLACEHOLDER = '00000000-0000-4000-8000-000000000001';

export type NationalOptions = { agencies: number; years: number; groups?: number };

export type NationalData = {
  rootId: string;
  groups: { id: string; code: string; path: string }[];
  resultYears: number[];
  planYears: number[];
  counts: Record<string, number>;
  admin: { userId: string; cookie: string; csrfToken: string };
  secretariat: { userId: string; groupId: string; cookie: string; csrfToken: string };
};

/** `"table" ("col_a", "col_b")` for an INSERT, the names read from the drizzle table. */
function into<T extends Table>(table: T, keys: readonly (keyof T['_']['columns'] & string)[]): SQL {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return sql`${table} (${sql.join(
    keys.map((k) => sql.identifier(columns[k]!.name)),
    sql`, `,
  )})`;
}

/** A column's name in the database, for SELECTs written as SQL. */
const col = <T extends Table>(table: T, key: keyof T['_']['columns'] & string) =>
  sql.identifier((getTableColumns(table) as Record<string, { name: string }>)[key]!.name);

const rowsOf = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** An agency's plan: 2 issues, 5 measures, each carried by the agency itself, 3 from the library. */
function agencyPlanTemplate(libraryIds: string[]): string {
  let n = 0;
  const id = () => `m${++n}`;
  const content: PlanContent = planContentSchema.parse({
    title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน',
    analysisSummary: 'สรุปผลการวิเคราะห์ผลการประเมิน ITA ของหน่วยงาน',
    monitoringSection: 'ติดตามและรายงานผลรอบ ๖ และ ๑๒ เดือน',
    issues: [0, 1].map((i) => ({
      id: `i${i + 1}`,
      title: i === 0 ? 'การเปิดเผยข้อมูล' : 'การป้องกันการทุจริต',
      stance: i === 0 ? 'urgent' : 'develop',
      measures: Array.from({ length: i === 0 ? 3 : 2 }, (_, j) => ({
        id: id(),
        kind: 'measure',
        title: `มาตรการที่ ${i + 1}.${j + 1} ส่งเสริมความโปร่งใสในการปฏิบัติงาน`,
        steps: [{ id: `s${n}`, text: 'จัดทำแนวทาง ประชาสัมพันธ์ และติดตามผล' }],
        responsible: { unitIds: [UNIT_PLACEHOLDER], external: [] },
        timeframe: { start: '2567-10', end: '2568-09' },
        codes: [String(i === 0 ? 9 + j : 4 + j)],
        libraryId: libraryIds.length > 0 && n <= 3 ? `__LIB_${n}__` : null,
      })),
    })),
  });
  return JSON.stringify(content);
}

/** A ministry's or province's plan: 8 issues × 5 measures, each carried by up to 200 of its agencies. */
function groupPlanTemplate(): string {
  let n = 0;
  const content: PlanContent = planContentSchema.parse({
    title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส ระดับกระทรวงและจังหวัด',
    analysisSummary: 'สรุปผลการวิเคราะห์ผลการประเมิน ITA ของหน่วยงานในสังกัด',
    monitoringSection: 'ฝ่ายเลขานุการติดตามและรายงานผลรอบ ๖ และ ๑๒ เดือน',
    issues: Array.from({ length: GROUP_ISSUES }, (_, i) => ({
      id: `i${i + 1}`,
      title: `ประเด็นที่ ${i + 1} การเปิดเผยข้อมูลและการป้องกันการทุจริต`,
      stance: i % 2 ? 'develop' : 'urgent',
      measures: Array.from({ length: GROUP_MEASURES_PER_ISSUE }, (_, j) => ({
        id: `m${++n}`,
        kind: 'project',
        title: `โครงการที่ ${i + 1}.${j + 1}`,
        steps: [{ id: `s${n}`, text: `ขั้นตอนของโครงการ ${i + 1}.${j + 1}` }],
        responsible: { unitIds: [UNITS_PLACEHOLDER], external: [] },
        timeframe: { start: '2567-10', end: '2568-09' },
      })),
    })),
  });
  return JSON.stringify(content);
}

export async function generateNational(
  db: Db,
  options: NationalOptions,
  log: (message: string) => void = () => {},
): Promise<NationalData> {
  const groupCount = Math.max(1, Math.min(options.groups ?? 20, options.agencies));
  const resultYears = Array.from(
    { length: options.years },
    (_, i) => LAST_RESULT_YEAR - options.years + 1 + i,
  );
  const planYears = resultYears.slice(-PLAN_YEARS).map((y) => y + 1);
  const newestPlanYear = planYears[planYears.length - 1]!;
  const step = async (name: string, query: SQL) => {
    const t = performance.now();
    const result = await db.execute(query);
    log(
      `${name}: ${(result as { rowCount?: number | null }).rowCount ?? '?'} rows in ${Math.round(performance.now() - t)} ms`,
    );
  };

  await loadBundledEditions(db);
  const [admin] = await db
    .insert(users)
    .values({ email: 'national-admin@bench.local', displayName: 'ผู้ดูแลระบบ (bench)', passwordHash: 'x' })
    .returning({ id: users.id });
  await db.insert(roleAssignments).values({ userId: admin!.id, role: 'admin', organizationId: null });

  // 1. An edition for every result year: the bundled ones, and for years before the first a copy of
  //    the first edition under that year (results point at a revision of their own year).
  const editions = await db
    .select({ id: catalogueRevisions.id, fiscalYear: catalogueRevisions.fiscalYear })
    .from(catalogueRevisions);
  const firstEdition = editions.reduce((a, b) => (a.fiscalYear <= b.fiscalYear ? a : b));
  for (const year of resultYears) {
    if (editions.some((e) => e.fiscalYear === year)) continue;
    await db.execute(sql`insert into ${into(catalogueRevisions, [
      'fiscalYear',
      'revision',
      'titleTh',
      'titleEn',
      'content',
      'contentHash',
      'origin',
    ])}
      select ${year}, 1, ${col(catalogueRevisions, 'titleTh')}, ${col(catalogueRevisions, 'titleEn')},
        jsonb_set(${col(catalogueRevisions, 'content')}, '{fiscal_year}', to_jsonb(${year}::int)),
        md5(${col(catalogueRevisions, 'contentHash')} || ${year}::text), 'bench'
      from ${catalogueRevisions} where ${col(catalogueRevisions, 'id')} = ${firstEdition.id}`);
  }
  // Per result year: its revision, and which instrument each indicator counts for, with the weights.
  const revisions = await db
    .select({ id: catalogueRevisions.id, fiscalYear: catalogueRevisions.fiscalYear })
    .from(catalogueRevisions);
  const map: { year: number; revisionId: string; indicator: string; instrument: string; weight: number }[] =
    [];
  for (const year of resultYears) {
    const revision = revisions.find((r) => r.fiscalYear === year)!;
    const { edition } = await revisionById(db, revision.id);
    for (const ind of edition.indicators) {
      const instrument = edition.instruments.find((i) => i.code === ind.instrument)!;
      map.push({
        year,
        revisionId: revision.id,
        indicator: String(ind.number),
        instrument: instrument.code,
        weight: instrument.weight_percent ?? 1,
      });
    }
  }
  const mapping = sql`(select * from unnest(
      ${sql.param(map.map((m) => m.year))}::int[], ${sql.param(map.map((m) => m.revisionId))}::uuid[],
      ${sql.param(map.map((m) => m.indicator))}::text[], ${sql.param(map.map((m) => m.instrument))}::text[],
      ${sql.param(map.map((m) => m.weight))}::float8[]) as m(year, revision_id, indicator, instrument, weight))`;

  // 2. The tree: NACC, the groups, the agencies (round-robin over the groups).
  const o = {
    id: col(organizations, 'id'),
    parentId: col(organizations, 'parentId'),
    path: col(organizations, 'path'),
    code: col(organizations, 'code'),
    kind: col(organizations, 'kind'),
  };
  const rootId = crypto.randomUUID();
  await db.insert(organizations).values({
    id: rootId,
    path: `/${rootId}/`,
    code: 'NACC',
    kind: 'other',
    nameTh: 'สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ',
    nameEn: 'NACC',
  });
  await step(
    'organizations (groups)',
    sql`insert into ${into(organizations, ['id', 'parentId', 'path', 'code', 'kind', 'nameTh', 'nameEn'])}
      select id, ${rootId}::uuid, ${`/${rootId}/`} || id::text || '/', 'G' || lpad(n::text, 2, '0'),
        case when n % 2 = 0 then 'department' else 'province' end,
        case when n % 2 = 0 then 'กระทรวงสมมุติที่ ' || n else 'จังหวัดสมมุติที่ ' || n end,
        'Group ' || n
      from (select gen_random_uuid() as id, n from generate_series(1, ${groupCount}) n) g`,
  );
  const groups = await rowsOf<{ id: string; code: string; path: string }>(
    db,
    sql`select ${o.id} as id, ${o.code} as code, ${o.path} as path from ${organizations}
      where ${o.parentId} = ${rootId} order by ${o.code}`,
  );
  await step(
    'organizations (agencies)',
    sql`insert into ${into(organizations, ['id', 'parentId', 'path', 'code', 'kind', 'nameTh'])}
      select a.id, g.${o.id}, g.${o.path} || a.id::text || '/', g.${o.code} || '-A' || lpad(a.n::text, 5, '0'),
        case when g.${o.kind} = 'province' then 'regional_unit' else 'office' end,
        'หน่วยงานสมมุติที่ ' || a.n
      from (select gen_random_uuid() as id, n from generate_series(1, ${options.agencies}) n) a
      join (select *, row_number() over (order by ${o.code}) as k from ${organizations}
            where ${o.parentId} = ${rootId}) g
        on g.k = (a.n - 1) % ${groupCount} + 1`,
  );

  // 3. Results: every agency, every year, against its year's revision.
  const agencies = sql`(select ${o.id} as id from ${organizations} where ${o.path} like ${`/${rootId}/%/%/`})`;
  const r = {
    id: col(assessmentResults, 'id'),
    organizationId: col(assessmentResults, 'organizationId'),
    fiscalYear: col(assessmentResults, 'fiscalYear'),
  };
  await step(
    'assessment_results',
    sql`insert into ${into(assessmentResults, ['organizationId', 'fiscalYear', 'catalogueRevisionId'])}
      select a.id, y.year, y.revision_id
      from ${agencies} a
      cross join (select distinct year, revision_id from ${mapping} m) y`,
  );
  // 4. Scores: indicators around the agency's own level (from a hash of its id), rising a little each
  //    year, with noise; instruments the mean of their indicators; the total weighted by the edition.
  const s = { resultId: col(assessmentScores, 'resultId'), scope: col(assessmentScores, 'scope') };
  const first = resultYears[0]!;
  await step(
    'assessment_scores (indicators)',
    sql`insert into ${into(assessmentScores, ['resultId', 'scope', 'code', 'score'])}
      select r.${r.id}, 'indicator', m.indicator,
        round(least(100, greatest(0,
          55 + (abs(hashtext(r.${r.organizationId}::text)) % 4000) / 100.0
          + (r.${r.fiscalYear} - ${first}) * 0.8
          + (abs(hashtext(m.indicator)) % 11) - 5
          + (random() - 0.5) * 14))::numeric, 2)::float8
      from ${assessmentResults} r join ${mapping} m on m.year = r.${r.fiscalYear}`,
  );
  await step(
    'assessment_scores (instruments)',
    sql`insert into ${into(assessmentScores, ['resultId', 'scope', 'code', 'score'])}
      select sc.${s.resultId}, 'instrument', m.instrument, round(avg(sc.score)::numeric, 2)::float8
      from ${assessmentScores} sc
      join ${assessmentResults} r on r.${r.id} = sc.${s.resultId}
      join ${mapping} m on m.year = r.${r.fiscalYear} and m.indicator = sc.code
      where sc.${s.scope} = 'indicator'
      group by sc.${s.resultId}, m.instrument`,
  );
  await step(
    'assessment_scores (totals)',
    sql`insert into ${into(assessmentScores, ['resultId', 'scope', 'code', 'score'])}
      select sc.${s.resultId}, 'total', 'ITA', round((sum(sc.score * w.weight) / sum(w.weight))::numeric, 2)::float8
      from ${assessmentScores} sc
      join ${assessmentResults} r on r.${r.id} = sc.${s.resultId}
      join (select distinct year, instrument, weight from ${mapping} m) w
        on w.year = r.${r.fiscalYear} and w.instrument = sc.code
      where sc.${s.scope} = 'instrument'
      group by sc.${s.resultId}`,
  );

  // 5. Plans. Agencies: most circulated, some approved, submitted or in draft, some with none (the
  //    newest year has more of those). Groups: circulated, measures carried by up to 200 agencies.
  const library = bundledLibrary().map((m) => m.id);
  let agencyContent = sql`${agencyPlanTemplate(library)}`;
  agencyContent = sql`replace(${agencyContent}, ${UNIT_PLACEHOLDER}, a.id::text)`;
  for (let k = 1; k <= 3 && library.length > 0; k++) {
    agencyContent = sql`replace(${agencyContent}, ${`__LIB_${k}__`},
      (${sql.param(library)}::text[])[1 + (abs(hashtext(a.id::text || ${String(k)})) % ${library.length})])`;
  }
  const p = {
    id: col(plans, 'id'),
    organizationId: col(plans, 'organizationId'),
    fiscalYear: col(plans, 'fiscalYear'),
    status: col(plans, 'status'),
    content: col(plans, 'content'),
  };
  await step(
    'plans (agencies)',
    sql`insert into ${into(plans, ['organizationId', 'fiscalYear', 'status', 'content', 'createdBy', 'decidedAt', 'memoNumber', 'memoDate', 'circulatedAt'])}
      select a.id, y.year, x.status, (${agencyContent})::jsonb, ${admin!.id}::uuid,
        case when x.status in ('approved', 'circulated') then make_date(y.year - 544, 11, 15) end,
        case when x.status in ('approved', 'circulated') then 'ที่ บช 0001/' || y.year end,
        case when x.status in ('approved', 'circulated') then make_date(y.year - 544, 11, 15)::text end,
        case when x.status = 'circulated' then make_date(y.year - 544, 11, 20) end
      from ${agencies} a
      cross join unnest(${sql.param(planYears)}::int[]) y(year)
      cross join lateral (select case
          when y.year < ${newestPlanYear} then case when v < 0.05 then null when v < 0.10 then 'draft'
            when v < 0.15 then 'approved' else 'circulated' end
          else case when v < 0.10 then null when v < 0.25 then 'draft' when v < 0.40 then 'submitted'
            when v < 0.60 then 'approved' else 'circulated' end
        end as status from (select random() as v, a.id as dep) z) x
      where x.status is not null`,
  );
  const groupContent = sql`replace(${groupPlanTemplate()}, ${`"${UNITS_PLACEHOLDER}"`},
    (select string_agg('"' || u.${o.id}::text || '"', ',') from (select ${o.id} from ${organizations} u
      where u.${o.parentId} = g.${o.id} order by u.${o.code} limit ${GROUP_PLAN_UNITS}) u))`;
  await step(
    'plans (groups)',
    sql`insert into ${into(plans, ['organizationId', 'fiscalYear', 'status', 'content', 'createdBy', 'decidedAt', 'memoNumber', 'memoDate', 'circulatedAt'])}
      select g.${o.id}, y.year, 'circulated', (${groupContent})::jsonb, ${admin!.id}::uuid,
        make_date(y.year - 544, 11, 15), 'ที่ บช 0002/' || y.year, make_date(y.year - 544, 11, 15)::text,
        make_date(y.year - 544, 11, 20)
      from ${organizations} g cross join unnest(${sql.param(planYears)}::int[]) y(year)
      where g.${o.parentId} = ${rootId}`,
  );

  // 6. A 6-month round on every circulated plan: the newest year's open and not yet due; the year
  //    before closed but for 10 % of agencies still open past its due date; older ones closed.
  await step(
    'rounds',
    sql`insert into ${into(rounds, ['planId', 'kind', 'labelTh', 'periodStart', 'periodEnd', 'dueDate', 'status', 'openedAt', 'closedAt', 'createdBy'])}
      select p.${p.id}, '6m', 'รอบ 6 เดือน', make_date(p.${p.fiscalYear} - 544, 10, 1),
        make_date(p.${p.fiscalYear} - 543, 3, 31), make_date(p.${p.fiscalYear} - 543, 4, 30), x.status,
        make_date(p.${p.fiscalYear} - 544, 10, 1),
        case when x.status = 'closed' then make_date(p.${p.fiscalYear} - 543, 5, 15) end, ${admin!.id}::uuid
      from ${plans} p
      cross join lateral (select case when p.${p.fiscalYear} = ${newestPlanYear} then 'open'
        when p.${p.fiscalYear} = ${newestPlanYear - 1} and random() < 0.1 then 'open' else 'closed' end as status,
        p.${p.id} as dep) x
      where p.${p.status} = 'circulated'`,
  );
  // 7. Report slots: one per measure and responsible unit, read from the plan's content itself.
  const rd = { id: col(rounds, 'id'), planId: col(rounds, 'planId'), status: col(rounds, 'status') };
  await step(
    'report_slots',
    sql`insert into ${into(reportSlots, ['roundId', 'measureId', 'unitId', 'state', 'progress', 'percent', 'result', 'problems', 'suggestions', 'submittedAt'])}
      select x.round_id, x.measure_id, x.unit_id, x.state,
        case when x.state = 'pending' then 'not_started' when x.v < 0.5 then 'done' when x.v < 0.9 then 'in_progress'
          else 'not_started' end,
        case when x.state = 'pending' then 0 when x.v < 0.5 then 100 when x.v < 0.9 then (x.v * 100)::int else 0 end,
        case when x.state = 'pending' then '' else 'ดำเนินการตามแผน' end,
        case when x.state <> 'pending' and x.v < 0.2 then 'งบประมาณไม่เพียงพอและบุคลากรจำกัด' else '' end,
        case when x.state <> 'pending' and x.v > 0.85 then 'ควรจัดอบรมเพิ่มเติมให้เจ้าหน้าที่' else '' end,
        case when x.state in ('submitted', 'accepted') then x.period_start + interval '170 days' end
      from (
        select rd.${rd.id} as round_id, m->>'id' as measure_id, u::uuid as unit_id, rd.period_start, random() as v,
          case when rd.${rd.status} = 'closed' then
            case when random() < 0.85 then 'accepted' when random() < 0.6 then 'submitted' else 'pending' end
          else (array['accepted','accepted','accepted','submitted','submitted','submitted','draft','returned','pending','pending'])[1 + floor(random() * 10)::int]
          end as state
        from (select ${rd.id}, ${rd.planId}, ${rd.status}, ${col(rounds, 'periodStart')} as period_start from ${rounds}) rd
        join ${plans} p on p.${p.id} = rd.${rd.planId}
        cross join lateral jsonb_array_elements(p.${p.content}->'issues') i
        cross join lateral jsonb_array_elements(i->'measures') m
        cross join lateral jsonb_array_elements_text(m->'responsible'->'unitIds') u
      ) x`,
  );
  await db.execute(sql`analyze`);

  const secretariatGroup = groups[0]!;
  const [sec] = await db
    .insert(users)
    .values({ email: 'national-secretariat@bench.local', displayName: 'เลขานุการ (bench)', passwordHash: 'x' })
    .returning({ id: users.id });
  await db
    .insert(roleAssignments)
    .values({ userId: sec!.id, role: 'secretariat', organizationId: secretariatGroup.id });
  const session = async (userId: string) => {
    const made = await createSession(db, userId, { ip: '127.0.0.1', userAgent: 'national-bench' });
    return { cookie: `${SESSION_COOKIE}=${made.token}`, csrfToken: made.csrfToken };
  };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries({
    organizations,
    assessment_results: assessmentResults,
    assessment_scores: assessmentScores,
    plans,
    rounds,
    report_slots: reportSlots,
  })) {
    const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from ${table}`);
    counts[name] = row!.n;
  }
  return {
    rootId,
    groups,
    resultYears,
    planYears,
    counts,
    admin: { userId: admin!.id, ...(await session(admin!.id)) },
    secretariat: { userId: sec!.id, groupId: secretariatGroup.id, ...(await session(sec!.id)) },
  };
}

/** The group plan of a year (its id and its round), for the plan page and the roll-up. */
export async function groupPlan(db: Db, groupId: string, fiscalYear: number) {
  const [plan] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(sql`${plans.organizationId} = ${groupId} and ${plans.fiscalYear} = ${fiscalYear}`);
  const [round] = await db.select({ id: rounds.id }).from(rounds).where(eq(rounds.planId, plan!.id));
  return { planId: plan!.id, roundId: round!.id };
}
