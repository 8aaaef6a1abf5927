import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalPlanVersion,
  canonicalRoundReport,
  planVersionHash,
  roundReportHash,
  sha256Hex,
} from './canonical.ts';

const plan = {
  id: '11111111-1111-4111-8111-111111111111',
  organizationId: '22222222-2222-4222-8222-222222222222',
  fiscalYear: 2569,
  versionNo: 2,
  content: { title: 'แผน', issues: [{ id: 'i1', measures: [{ title: 'ก', budget: 1000 }] }] },
};

describe('canonical form of a plan version', () => {
  it('is JSON with keys sorted at every depth, no whitespace, the form named', () => {
    expect(canonicalPlanVersion(plan)).toBe(
      '{"content":{"issues":[{"id":"i1","measures":[{"budget":1000,"title":"ก"}]}],"title":"แผน"},' +
        '"form":"plan-version/1","plan":{"fiscalYear":2569,"id":"11111111-1111-4111-8111-111111111111",' +
        '"organizationId":"22222222-2222-4222-8222-222222222222","versionNo":2}}',
    );
  });

  it('does not depend on key order (jsonb reorders keys) or on Unicode normalisation', () => {
    const reordered = {
      versionNo: 2,
      content: { issues: [{ measures: [{ budget: 1000, title: 'ก' }], id: 'i1' }], title: 'แผน' },
      fiscalYear: 2569,
      organizationId: plan.organizationId,
      id: plan.id,
    };
    expect(planVersionHash(reordered)).toBe(planVersionHash(plan));
    expect(canonicalJson({ a: 'e\u0301' })).toBe(canonicalJson({ a: '\u00e9' }));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('changes with any change of content or identity', () => {
    const base = planVersionHash(plan);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(base).toBe(sha256Hex(canonicalPlanVersion(plan)));
    expect(planVersionHash({ ...plan, versionNo: 3 })).not.toBe(base);
    expect(planVersionHash({ ...plan, id: '33333333-3333-4333-8333-333333333333' })).not.toBe(base);
    const edited = structuredClone(plan);
    edited.content.issues[0]!.measures[0]!.budget = 1001;
    expect(planVersionHash(edited)).not.toBe(base);
  });

  it('refuses values JSON cannot hold exactly', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
  });
});

describe('canonical form of a round report', () => {
  const round = {
    id: '44444444-4444-4444-8444-444444444444',
    organizationId: plan.organizationId,
    fiscalYear: 2569,
    report: {
      header: { organizationNameTh: 'จังหวัด', fiscalYear: 2569, date: '2026-04-26' },
      counts: { done: 2, measures: 3 },
      lines: [{ measure: '1.1', result: 'ดำเนินการแล้ว' }],
    },
  };

  it('leaves out the document date, keeps everything reported', () => {
    const base = roundReportHash(round);
    expect(canonicalRoundReport(round)).not.toContain('2026-04-26');
    expect(canonicalRoundReport(round)).toContain('"form":"round-report/1"');
    expect(
      roundReportHash({
        ...round,
        report: { ...round.report, header: { ...round.report.header, date: '2026-05-01' } },
      }),
    ).toBe(base);
    expect(
      roundReportHash({ ...round, report: { ...round.report, counts: { done: 3, measures: 3 } } }),
    ).not.toBe(base);
    expect(roundReportHash({ ...round, id: plan.id })).not.toBe(base);
  });
});
