import { parseArgs } from 'node:util';
import {
  type AnalysisOutcome,
  type AnalysisSettings,
  analysisSettingsSchema,
  type Figure,
  type Finding,
  type GroupingChoice,
} from '#shared/assessments/analysis.ts';
import type { Database } from '../db/client.ts';
import { computeOutcome } from '../modules/assessments/analyses.service.ts';
import { assessmentPolicy } from '../modules/assessments/assessments.policy.ts';
import { findResult } from '../modules/assessments/assessments.service.ts';
import { CliError, cliActor, organizationByCode } from './cli-context.ts';

export const ANALYSE_USAGE =
  'prongsai analyse --org CODE --year BE [--urgent-below N] [--develop-below N] [--strength-at N]\n' +
  '                 [--group indicators|issues7|NAME] [--judge questions|indicators] [--as EMAIL] [--json]';

function grouping(value: string | undefined): GroupingChoice {
  if (!value || value === 'indicators') return { kind: 'indicators' };
  return { kind: 'catalogue', code: value === 'issues7' ? 'issues-7' : value };
}

const num = (value: string | undefined, name: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number / ต้องเป็นตัวเลข`);
  return n;
};

/** Analyses a stored result with the given settings and prints the findings; stores nothing. */
export async function analyseCommand(database: Database, argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      org: { type: 'string' },
      year: { type: 'string' },
      'urgent-below': { type: 'string' },
      'develop-below': { type: 'string' },
      'strength-at': { type: 'string' },
      group: { type: 'string' },
      judge: { type: 'string' },
      as: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.org || !values.year) throw new CliError(`usage: ${ANALYSE_USAGE}`);
  const parsed = analysisSettingsSchema.safeParse({
    urgentBelow: num(values['urgent-below'], 'urgent-below'),
    developBelow: num(values['develop-below'], 'develop-below') ?? null,
    strengthAtOrAbove: num(values['strength-at'], 'strength-at') ?? null,
    judge: values.judge,
    grouping: grouping(values.group),
  });
  if (!parsed.success) {
    throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const settings: AnalysisSettings = parsed.data;
  const actor = await cliActor(database, values.as);
  const org = await organizationByCode(database, values.org);
  if (!assessmentPolicy.read(actor, org.path)) throw new CliError(`${actor.email} may not read ${org.code}`);
  const year = Number(values.year);
  const result = await findResult(database.db, org.id, year);
  if (!result)
    throw new CliError(`No ${year} result for ${org.code} / ไม่มีผลการประเมินปี ${year} ของ ${org.code}`);
  const outcome = await computeOutcome(database.db, result, settings);
  const findings = outcome.groups.flatMap((g) =>
    g.findings.map((f) => ({
      kind: f.kind,
      scope: f.scope,
      code: f.displayCode,
      label_th: f.label_th,
      indicator: f.indicator,
      indicator_status: f.indicatorStatus,
      score: f.score,
      threshold: f.threshold,
      rule: f.rule,
      parent: f.parentKey,
      group: g.name_th,
      group_key: g.key,
      also_in: f.alsoIn,
    })),
  );
  if (values.json) {
    return JSON.stringify(
      {
        organization: { code: org.code, name_th: org.nameTh },
        fiscalYear: year,
        edition: outcome.editionFiscalYear,
        settings,
        total: outcome.total,
        figures: outcome.figures,
        level: outcome.level,
        extremes: outcome.indicatorExtremes,
        judged: outcome.judged,
        findings,
        warnings: outcome.warnings,
      },
      null,
      2,
    );
  }
  return textReport(org, year, outcome, findings, settings);
}

const two = (n: number | null) => (n === null ? '-' : n.toFixed(2));

function figureText(f: Figure): string {
  if (f.stated !== null && f.derived !== null)
    return `${two(f.stated)} (derived ${two(f.derived)}${f.differs ? ', DIFFERS beyond rounding' : ''})`;
  if (f.stated !== null) return two(f.stated);
  if (f.derived !== null) return `${two(f.derived)} (derived)`;
  return `- (${f.missing?.en ?? 'not given'})`;
}

const relation: Record<Finding['rule'], (f: { threshold: number | null }, s: AnalysisSettings) => string> = {
  below_urgent: (f) => `< ${two(f.threshold)}`,
  below_develop: (f) => `< ${two(f.threshold)}`,
  at_or_above_strength: (f) => `>= ${two(f.threshold)}`,
  bottom_n: (_, s) => `lowest ${s.urgentBottomN}`,
  top_n: (_, s) => `highest ${s.strengthTopN}`,
};

function textReport(
  org: { code: string; nameTh: string },
  year: number,
  outcome: AnalysisOutcome,
  findings: {
    kind: string;
    scope: string;
    code: string;
    score: number;
    threshold: number | null;
    rule: Finding['rule'];
    parent: string | null;
    group: string;
    indicator: number;
    indicator_status: string;
    also_in: string[];
  }[],
  settings: AnalysisSettings,
): string {
  const level = outcome.level;
  const levelText = [
    level.stated ? `stated level ${level.stated}` : null,
    level.computedName_th
      ? `computed level ${level.computedName_th}`
      : `computed level - (${level.reason?.en ?? 'no total'})`,
    level.mismatch ? 'MISMATCH' : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const groupName = new Map(outcome.groups.map((g) => [g.key, g.name_th]));
  const lines = [
    `${org.nameTh} (${org.code}) — ITA ${year}, edition ${outcome.editionFiscalYear}`,
    `total ${figureText(outcome.figures.total)} · ${levelText}`,
    `instruments ${outcome.figures.instruments.map((i) => `${i.code} ${figureText(i)}`).join(' · ')}`,
    ...outcome.indicatorExtremes.map(
      (x) =>
        `${x.instrument} lowest ${x.lowest.map((i) => `${i.number} ${i.name_th} ${two(i.score)}`).join(', ')}; highest ${x.highest.map((i) => `${i.number} ${i.name_th} ${two(i.score)}`).join(', ')}`,
    ),
    `findings (judged: ${outcome.judged === 'questions' ? 'indicators and questions' : 'indicators'}): ${findings.length}`,
    ...findings.map((f) => {
      const indent = f.parent ? '  ' : '';
      const passed =
        f.scope === 'question' && (f.indicator_status === 'ok' || f.indicator_status === 'strength')
          ? ` (indicator ${f.indicator} passed)`
          : '';
      const also = f.also_in.length
        ? ` also in: ${f.also_in.map((k) => groupName.get(k) ?? k).join(', ')}`
        : '';
      return `${indent}${f.kind.padEnd(8)} ${f.scope.padEnd(9)} ${f.code.padEnd(5)} ${two(f.score).padStart(6)}  ${relation[f.rule](f, settings)}${passed}  [${f.group}]${also}`;
    }),
    ...outcome.warnings.map((w) => `warning: ${w.message_en}`),
  ];
  return lines.join('\n');
}
