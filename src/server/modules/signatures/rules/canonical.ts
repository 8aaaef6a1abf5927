import { createHash } from 'node:crypto';

/**
 * What an electronic signature signs: the exact version approved, in a canonical serialisation whose
 * SHA-256 is stored with the signature. The form is named (`plan-version/1`) so that a later form can
 * be added without changing what earlier signatures mean.
 *
 * Canonical form `plan-version/1`: the UTF-8 JSON text of
 *   { "content": <the plan's content>, "form": "plan-version/1",
 *     "plan": { "fiscalYear": <BE year>, "id": <uuid>, "organizationId": <uuid>, "versionNo": <n> } }
 * with every object's keys in code-point order at every depth, no whitespace, arrays in their order,
 * members whose value is undefined left out (as JSON.stringify does), strings NFC-normalised. The
 * database's jsonb does not keep key order, so sorting is what makes the text the same on every read.
 */
export const PLAN_VERSION_FORM = 'plan-version/1';
export const ROUND_REPORT_FORM = 'round-report/1';

export type CanonicalForm = typeof PLAN_VERSION_FORM | typeof ROUND_REPORT_FORM;

/** JSON with sorted keys and NFC strings; refuses values JSON cannot hold exactly. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('a canonical value has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k.normalize('NFC'))}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`a canonical value cannot be a ${typeof value}`);
}

export type PlanVersionIdentity = {
  id: string;
  organizationId: string;
  fiscalYear: number;
  versionNo: number;
  content: unknown;
};

export function canonicalPlanVersion(plan: PlanVersionIdentity): string {
  return canonicalJson({
    form: PLAN_VERSION_FORM,
    plan: {
      id: plan.id,
      organizationId: plan.organizationId,
      fiscalYear: plan.fiscalYear,
      versionNo: plan.versionNo,
    },
    content: plan.content,
  });
}

/**
 * Canonical form `round-report/1`: the same canonical JSON of
 *   { "form": "round-report/1", "report": <the round report's view-model without header.date>,
 *     "round": { "fiscalYear": <BE year>, "id": <uuid>, "organizationId": <uuid> } }
 * The view-model is what the round report and its memo are made from (the follow-up table, counts,
 * problems, suggestions, evidence); the document's own date is left out, so regenerating the report on
 * another day signs the same content, while a change after the round is reopened does not.
 */
export type RoundReportIdentity = {
  id: string;
  organizationId: string;
  fiscalYear: number;
  report: { header: Record<string, unknown> } & Record<string, unknown>;
};

export function canonicalRoundReport(round: RoundReportIdentity): string {
  const { date: _date, ...header } = round.report.header;
  return canonicalJson({
    form: ROUND_REPORT_FORM,
    round: { id: round.id, organizationId: round.organizationId, fiscalYear: round.fiscalYear },
    report: { ...round.report, header },
  });
}

export const roundReportHash = (round: RoundReportIdentity) => sha256Hex(canonicalRoundReport(round));

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The SHA-256 (hex) of a plan version's canonical form. */
export function planVersionHash(plan: PlanVersionIdentity): string {
  return sha256Hex(canonicalPlanVersion(plan));
}
