import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { SLOT_OPEN_STATES } from '../home/rules/items.ts';
import { bundledLibrary } from '../plans/measures-library.service.ts';
import { TOTAL_BAND_WIDTH } from './rules/national.ts';

/**
 * The SQL behind the national view (decision 019). Every aggregate is made in the database, a few
 * statements per view whatever the number of agencies: the agencies of a node are one prefix match on
 * `organizations.path`, and each result's total and level are derived from its scores by the rule of
 * the edition (catalogue revision) it was scored against, read from the revision's own content, as
 * `assessments/analysis/derive.ts` and `#shared/catalogue/level.ts` do for one result:
 * - an instrument's score is the stated one, else (rule `mean_of_indicators`) the mean of its
 *   indicators when every one of them is scored;
 * - the total is the stated one, else (rule `weighted_instruments`, every weight set, every instrument
 *   with a score) the weighted instruments rounded to the edition's decimals;
 * - the level is the first of the edition's levels (best first) whose `min_total` the total reaches and
 *   whose `min_each_instrument`, if any, every instrument reaches; none when such a level needs an
 *   instrument score that is absent (the answer would be a guess).
 * An indicator given only through its questions is not derived here (imports of NACC results carry the
 * indicator scores); `national.db.test.ts` checks these figures against `getResult` for the same data.
 */

/** Plans that were approved (a superseded version was approved, then replaced by a newer approval). */
export const APPROVED_PLAN_STATUSES = ['approved', 'circulated', 'superseded'] as const;
/** The approved version in force: the one whose measures count as the agency's plan of the year. */
export const PLAN_IN_FORCE_STATUSES = ['approved', 'circulated'] as const;

/** How many agencies a list of the view names at most (the counts are always whole). */
export const NATIONAL_LIST_LIMIT = 100;
/** How many child nodes the view breaks the node down into at most. */
export const NATIONAL_CHILDREN_LIMIT = 500;

export type NationalSqlInput = {
  fiscalYear: number;
  /** The node's materialised path, '/<id>/<id>/'. */
  nodePath: string;
  /** The pass threshold of the year's edition (85). */
  threshold: number;
  /** Today in Bangkok, 'YYYY-MM-DD' (rounds due before it are late). */
  today: string;
  /**
   * The measures library (bundled and added, `libraryMeasuresAll`): each measure's id and the
   * indicators it answers. The bundled measures are not rows of the database, so they come as data.
   */
  library: readonly { id: string; indicators: readonly number[] }[];
};

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The agencies of a node: active organisations at or under it that have an ITA result or a measures
 * plan in some year (the organisations NACC assesses; the units inside an agency have neither).
 */
function agencies(nodePath: string): SQL {
  return sql`ag as (
    select o.id, o.path, o.code, o.name_th, o.name_en
    from organizations o
    where o.path like ${`${nodePath}%`} and o.active
      and (exists (select 1 from assessment_results r where r.organization_id = o.id)
        or exists (select 1 from plans p where p.organization_id = o.id))
  )`;
}

/** The results of the agencies in the year and the year before, with their edition's rules. */
function results(fiscalYear: number): SQL {
  return sql`res as (
    select r.id, r.organization_id as org_id, r.fiscal_year as fy, r.catalogue_revision_id as rev
    from assessment_results r join ag on ag.id = r.organization_id
    where r.fiscal_year in (${fiscalYear}::int, ${fiscalYear - 1}::int)
  ),
  revs as materialized (
    select c.id as rev, c.content->'indicators' as indicators, c.content->'instruments' as instruments,
      c.content->'levels'->'levels' as levels, c.content->'scoring' as scoring
    from catalogue_revisions c where c.id in (select distinct rev from res)
  ),
  ed_ind as materialized (
    select revs.rev, (i->>'number')::int as number, i->>'instrument' as instrument
    from revs, jsonb_array_elements(revs.indicators) i
  ),
  ind as materialized (
    select s.result_id, res.org_id, res.fy, res.rev,
      case when s.code ~ '^[0-9]{1,3}$' then s.code::int end as number, s.score
    from assessment_scores s join res on res.id = s.result_id
    where s.scope = 'indicator' and s.score is not null
  ),
  -- Per agency and indicator: its score in the year and in the year before (one result a year).
  pivot as materialized (
    select org_id, number,
      max(score) filter (where fy = ${fiscalYear}::int) as cur,
      max(score) filter (where fy = ${fiscalYear - 1}::int) as prev
    from ind where number is not null
    group by org_id, number
  )`;
}

/** Each result's total and level (see the header), as `fig(id, org_id, fy, total, level)`. */
function figures(): SQL {
  return sql`ed as materialized (
    select revs.rev,
      coalesce(revs.scoring->>'instrument_score' = 'mean_of_indicators', false) as mean_rule,
      coalesce(revs.scoring->>'total' = 'weighted_instruments', false) as weighted_rule,
      coalesce((revs.scoring->>'decimals')::int, 2) as decimals
    from revs
  ),
  ed_inst as materialized (
    select revs.rev, i->>'code' as code, (i->>'weight_percent')::float8 as weight
    from revs, jsonb_array_elements(revs.instruments) i
  ),
  ed_lvl as materialized (
    select revs.rev, l.ord, l.v->>'code' as code, (l.v->>'min_total')::float8 as min_total,
      (l.v->>'min_each_instrument')::float8 as min_each
    from revs, jsonb_array_elements(revs.levels) with ordinality as l(v, ord)
  ),
  stated as materialized (
    select s.result_id, s.scope, s.code, s.score
    from assessment_scores s
    where s.result_id in (select id from res) and s.scope in ('total', 'instrument')
  ),
  ed_inst_n as materialized (
    select rev, instrument, count(*) as n from ed_ind group by rev, instrument
  ),
  ind_inst as materialized (
    select i.result_id, x.instrument, count(*) as scored, avg(i.score) as mean
    from ind i join ed_ind x on x.rev = i.rev and x.number = i.number
    group by i.result_id, x.instrument
  ),
  inst as (
    select res.id as result_id, ei.code, ei.weight, st.score as stated,
      case when ed.mean_rule and n.n > 0 and ii.scored = n.n then ii.mean end as exact,
      ed.decimals
    from res
    join ed on ed.rev = res.rev
    join ed_inst ei on ei.rev = res.rev
    left join ed_inst_n n on n.rev = res.rev and n.instrument = ei.code
    left join ind_inst ii on ii.result_id = res.id and ii.instrument = ei.code
    left join stated st on st.result_id = res.id and st.scope = 'instrument' and st.code = ei.code
  ),
  inst_val as (
    select result_id, weight,
      coalesce(stated, round(exact::numeric, decimals)::float8) as value,
      coalesce(stated, exact) as for_total
    from inst
  ),
  fig0 as (
    select res.id, res.org_id, res.fy, res.rev,
      coalesce(tot.score,
        case when ed.weighted_rule and bool_and(v.weight is not null) and bool_and(v.for_total is not null)
          then round(sum(v.for_total * v.weight / 100)::numeric, ed.decimals)::float8 end) as total,
      min(v.value) as min_inst,
      bool_or(v.value is null) as inst_missing
    from res
    join ed on ed.rev = res.rev
    join inst_val v on v.result_id = res.id
    left join stated tot on tot.result_id = res.id and tot.scope = 'total' and tot.code = 'ITA'
    group by res.id, res.org_id, res.fy, res.rev, tot.score, ed.weighted_rule, ed.decimals
  ),
  fig as (
    select f.id, f.org_id, f.fy, f.total,
      (select case when l.min_each is not null and f.inst_missing then null else l.code end
        from ed_lvl l
        where l.rev = f.rev and f.total >= l.min_total
          and (l.min_each is null or f.inst_missing or f.min_inst >= l.min_each)
        order by l.ord limit 1) as level
    from fig0 f
  )`;
}

/**
 * Totals, levels, the target, the change from the year before, the breakdown by child node and the
 * weakest agencies: one statement, one row of JSON.
 */
export function resultsSql({ fiscalYear, nodePath, threshold }: NationalSqlInput): SQL {
  return sql`with ${agencies(nodePath)}, ${results(fiscalYear)}, ${figures()},
  per as (
    select ag.id, ag.path, ag.code, ag.name_th, ag.name_en,
      c.id is not null as has_result, c.total, c.level, p.total as prev_total, c.total - p.total as change,
      case when ag.path = ${nodePath} then null
        else split_part(substr(ag.path, ${nodePath.length + 1}), '/', 1) end as child_id
    from ag
    left join fig c on c.org_id = ag.id and c.fy = ${fiscalYear}::int
    left join fig p on p.org_id = ag.id and p.fy = ${fiscalYear - 1}::int
  )
  select json_build_object(
    'summary', (select json_build_object(
      'agencies', count(*),
      'withResult', count(*) filter (where has_result),
      'withTotal', count(total),
      'atOrAbove', count(*) filter (where total >= ${threshold}::float8),
      'meanTotal', avg(total),
      'withPrevious', count(prev_total),
      'meanPrevious', avg(prev_total),
      'withBoth', count(change),
      'rose', count(*) filter (where change > 0),
      'fell', count(*) filter (where change < 0),
      'same', count(*) filter (where change = 0),
      'meanChange', avg(change)) from per),
    'levels', (select coalesce(json_agg(json_build_object('code', level, 'count', n)), '[]'::json)
      from (select level, count(*) as n from per where total is not null group by level) l),
    'bands', (select coalesce(json_agg(json_build_object('from', b, 'count', n)), '[]'::json)
      from (select least(floor(total / ${TOTAL_BAND_WIDTH}) * ${TOTAL_BAND_WIDTH}, ${100 - TOTAL_BAND_WIDTH}) as b,
        count(*) as n from per where total is not null group by 1) t),
    'children', (select coalesce(json_agg(x order by x.name_th), '[]'::json) from (
      select o.id, o.name_th, o.name_en, o.kind, count(*) as agencies, count(per.total) as "withTotal",
        count(*) filter (where per.total >= ${threshold}::float8) as "atOrAbove", avg(per.total) as "meanTotal"
      from per join organizations o on o.id::text = per.child_id
      group by o.id, o.name_th, o.name_en, o.kind
      order by o.name_th limit ${NATIONAL_CHILDREN_LIMIT}) x),
    'agencies', (select coalesce(json_agg(x), '[]'::json) from (
      select id, code, name_th as "nameTh", name_en as "nameEn", has_result as "hasResult", total, level,
        prev_total as "previousTotal", change
      from per order by total asc nulls last, name_th, id limit ${NATIONAL_LIST_LIMIT}) x)
  ) as view`;
}

/** Per indicator over the agencies scored on it: mean, how many below the threshold, the year before. */
export function indicatorsSql({ fiscalYear, nodePath, threshold }: NationalSqlInput): SQL {
  return sql`with ${agencies(nodePath)}, ${results(fiscalYear)}
  select number,
    avg(cur) as mean,
    count(*) as scored,
    count(*) filter (where cur < ${threshold}::float8) as below,
    avg(prev) as "meanPrevious",
    count(prev) as "withPrevious",
    avg(cur - prev) as "meanChange"
  from pivot
  where cur is not null
  group by number
  order by mean asc, number`;
}

/** Agencies without an approved plan of the year, without a published one, and how many of each. */
export function plansSql({ fiscalYear, nodePath }: NationalSqlInput): SQL {
  return sql`with ${agencies(nodePath)},
  st as (
    select ag.id, ag.code, ag.name_th, ag.name_en,
      exists (select 1 from plans p where p.organization_id = ag.id and p.fiscal_year = ${fiscalYear}::int
        and p.status in (${list(APPROVED_PLAN_STATUSES)})) as approved,
      exists (select 1 from publications pub where pub.organization_id = ag.id
        and pub.fiscal_year = ${fiscalYear}::int and pub.kind = 'plan' and pub.withdrawn_at is null) as published,
      (select p.status from plans p where p.organization_id = ag.id and p.fiscal_year = ${fiscalYear}::int
        order by p.version_no desc limit 1) as latest
    from ag
  )
  select json_build_object(
    'agencies', (select count(*) from st),
    'notApproved', (select count(*) from st where not approved),
    'notPublished', (select count(*) from st where not published),
    'notApprovedList', (select coalesce(json_agg(x), '[]'::json) from (
      select id, code, name_th as "nameTh", name_en as "nameEn", latest as "latestStatus"
      from st where not approved order by name_th, id limit ${NATIONAL_LIST_LIMIT}) x),
    'notPublishedList', (select coalesce(json_agg(x), '[]'::json) from (
      select id, code, name_th as "nameTh", name_en as "nameEn", approved
      from st where not published order by name_th, id limit ${NATIONAL_LIST_LIMIT}) x)
  ) as view`;
}

/**
 * Agencies late in a follow-up round of the year's plan, as the progress module counts lateness: an
 * open round past its due date in which a report is still open (pending, draft or returned).
 */
export function lateSql({ fiscalYear, nodePath, today }: NationalSqlInput): SQL {
  return sql`with ${agencies(nodePath)},
  late as (
    select ag.id, ag.code, ag.name_th, ag.name_en,
      count(distinct r.id) as rounds,
      max(${today}::date - r.due_date) as "daysLate",
      count(s.id) as "openReports",
      min(r.due_date)::text as "earliestDue"
    from ag
    join plans p on p.organization_id = ag.id and p.fiscal_year = ${fiscalYear}::int
    join rounds r on r.plan_id = p.id and r.status = 'open' and r.due_date < ${today}::date
    join report_slots s on s.round_id = r.id and s.state in (${list(SLOT_OPEN_STATES)})
    group by ag.id, ag.code, ag.name_th, ag.name_en
  )
  select json_build_object(
    'count', (select count(*) from late),
    'list', (select coalesce(json_agg(x), '[]'::json) from (
      select id, code, name_th as "nameTh", name_en as "nameEn", rounds, "daysLate", "openReports", "earliestDue"
      from late order by "daysLate" desc, name_th, id limit ${NATIONAL_LIST_LIMIT}) x)
  ) as view`;
}

/**
 * "What worked elsewhere": per standard measure of the library and each indicator it answers, the
 * agencies with that indicator scored in the year and the year before, split by whether the plan of
 * the year in force (made from the year before's result) had the measure: how many, how many rose, the
 * mean change. Only measures some agency used appear.
 */
export function measuresSql({ fiscalYear, nodePath, library }: NationalSqlInput): SQL {
  const pairs = library.flatMap((m) => m.indicators.map((number) => [m.id, number] as const));
  const libraryIds = pairs.map(([id]) => id);
  const libraryIndicators = pairs.map(([, number]) => number);
  return sql`with ${agencies(nodePath)}, ${results(fiscalYear)},
  ind_change as materialized (
    select org_id, number, cur - prev as change from pivot where cur is not null and prev is not null
  ),
  used as materialized (
    select distinct p.organization_id as org_id, m->>'libraryId' as library_id
    from plans p
    join ag on ag.id = p.organization_id,
      jsonb_array_elements(p.content->'issues') i, jsonb_array_elements(i->'measures') m
    where p.fiscal_year = ${fiscalYear}::int and p.status in (${list(PLAN_IN_FORCE_STATUSES)})
      and coalesce(m->>'libraryId', '') <> ''
  ),
  pairs as (
    select l.library_id, l.number
    from unnest(${sql.param(libraryIds)}::text[], ${sql.param(libraryIndicators)}::int[]) as l(library_id, number)
    where l.library_id in (select library_id from used)
  )
  select pr.library_id as "libraryId", pr.number,
    count(u.org_id) as users,
    count(u.org_id) filter (where ic.change > 0) as "usersRose",
    avg(ic.change) filter (where u.org_id is not null) as "usersMeanChange",
    count(*) filter (where u.org_id is null) as others,
    count(*) filter (where u.org_id is null and ic.change > 0) as "othersRose",
    avg(ic.change) filter (where u.org_id is null) as "othersMeanChange"
  from pairs pr
  join ind_change ic on ic.number = pr.number
  left join used u on u.library_id = pr.library_id and u.org_id = ic.org_id
  group by pr.library_id, pr.number
  having count(u.org_id) > 0
  order by count(u.org_id) desc, pr.library_id, pr.number`;
}

/** The statements of one national view, by name. */
export function nationalViewStatements(input: NationalSqlInput) {
  return {
    results: resultsSql(input),
    indicators: indicatorsSql(input),
    plans: plansSql(input),
    late: lateSql(input),
    measures: measuresSql(input),
  };
}

const dialect = new PgDialect();

/**
 * The bare SQL behind `GET /api/national/{organizationId}` for one year, as text and parameters a
 * `pg` client runs as they are (the benchmark times the route against these): the same statements
 * the service runs, without the access check, the edition lookup and the shaping of the answer.
 */
export function nationalViewSql(
  fiscalYear: number,
  nodePath: string,
  options: { threshold?: number; today?: string; library?: NationalSqlInput['library'] } = {},
): { name: string; text: string; params: unknown[] }[] {
  const statements = nationalViewStatements({
    fiscalYear,
    nodePath,
    threshold: options.threshold ?? 85,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    library: options.library ?? bundledLibrary(),
  });
  return Object.entries(statements).map(([name, statement]) => {
    const query = dialect.sqlToQuery(statement);
    return { name, text: query.sql, params: query.params };
  });
}
