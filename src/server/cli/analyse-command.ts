import { parseArgs } from 'node:util';
import {
  type AnalysisSettings,
  analysisSettingsSchema,
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
      score: f.score,
      threshold: f.threshold,
      group: g.name_th,
      group_key: g.key,
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
        level: outcome.level,
        judged: outcome.judged,
        findings,
        warnings: outcome.warnings,
      },
      null,
      2,
    );
  }
  const lines = [
    `${org.nameTh} (${org.code}) — ITA ${year}, edition ${outcome.editionFiscalYear}; total ${outcome.total ?? '-'} ${outcome.level.computedName_th ?? ''}`,
    ...findings.map(
      (f) =>
        `${f.kind.padEnd(8)} ${f.scope.padEnd(9)} ${f.code.padEnd(5)} ${String(f.score).padStart(6)}  < ${f.threshold ?? '-'}  [${f.group}]`,
    ),
  ];
  return lines.join('\n');
}
