import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import { createTestContext, type TestContext } from '../../../../tests/support/test-app.ts';
import { testDbKind } from '../../../../tests/support/test-db.ts';
import { queryRows } from '../../db/client.ts';
import { assessmentResults, auditEvents, organizations } from '../../db/schema/index.ts';
import { loadBundledEditions } from '../catalogue/catalogue.service.ts';
import { editionForYear, scoresOf } from './assessments.service.ts';
import { copyConnectionOf, type PlannedWrite, scoreCopyLine, writeResults } from './bulk-scores.ts';
import { diffScores } from './score-diff.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
});
afterAll(() => t.close());

const entry = (code: string, fields: Partial<ScoreEntry> = {}): ScoreEntry => ({
  scope: 'question',
  code,
  score: null,
  passed: null,
  reason: null,
  recommendation: null,
  ...fields,
});

/** Text a COPY line must escape: tab, line breaks, backslashes, and a cell that reads like NULL. */
const AWKWARD: ScoreEntry[] = [
  entry('i1', { score: 96.52, reason: 'ไม่ครบ\tองค์ประกอบ\nบรรทัดสอง', recommendation: 'C:\\folder\\N' }),
  entry('i2', { score: 0, reason: '\\N', recommendation: 'สิ้นสุด\r\n' }),
  entry('o1', { passed: false, reason: 'ไม่มีข้อมูล "ล่าสุด"' }),
  entry('o2', { score: 100, passed: true }),
  entry('i3'),
  { ...entry('1'), scope: 'indicator', score: 33.333333333333336 },
];

async function plan(code: string, scores: ScoreEntry[]): Promise<PlannedWrite> {
  const id = (await t.org(null, { code })).id;
  const [org] = await t.db.select().from(organizations).where(eq(organizations.id, id));
  const { changes, unchanged, merged } = diffScores([], scores, 'merge');
  return {
    org: org!,
    existing: undefined,
    statedLevel: 'ผ่าน',
    merged,
    changes,
    unchanged,
    scoreCount: scores.length,
  };
}

describe('writeResults', () => {
  it('copies on the transaction’s own connection (COPY), and has none outside a transaction on a server', async () => {
    const kind = testDbKind();
    await t.db.transaction(async (tx) => {
      expect(copyConnectionOf(tx)?.kind).toBe(kind === 'postgres' ? 'pg' : 'pglite');
    });
    if (kind === 'postgres') expect(copyConnectionOf(t.db)).toBeNull();
  });

  it('stores every value as given: escaped text, nulls, booleans, exact doubles', async () => {
    const revision = await editionForYear(t.db, 2566);
    const write = await plan('BULK-AWKWARD', AWKWARD);
    const written = await t.db.transaction((tx) => writeResults(tx, null, 2566, revision, [write], 'import'));
    expect(written).toBe(1);
    const [result] = await t.db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.organizationId, write.org.id));
    expect(result).toMatchObject({ fiscalYear: 2566, statedLevel: 'ผ่าน', catalogueRevisionId: revision.id });
    const stored = await scoresOf(t.db, result!.id);
    const key = (s: ScoreEntry) => `${s.scope}:${s.code}`;
    expect(new Map(stored.map((s) => [key(s), s]))).toEqual(new Map(AWKWARD.map((s) => [key(s), s])));
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, result!.id));
    expect(audit.map((a) => [a.action, a.after])).toEqual([
      ['assessment.import.create', { version: 1, statedLevel: 'ผ่าน', scores: AWKWARD.length }],
    ]);
  });

  it('audits as recordAudit does: the actor, SQL NULL before a new result, before → after of a changed one', async () => {
    const revision = await editionForYear(t.db, 2566);
    const actor = await t.user();
    const write = await plan('BULK-AUDIT', [entry('i1', { score: 90 })]);
    await t.db.transaction((tx) => writeResults(tx, actor.id, 2566, revision, [write], 'import'));
    const [result] = await t.db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.organizationId, write.org.id));
    const { changes, unchanged, merged } = diffScores(
      await scoresOf(t.db, result!.id),
      [entry('i1', { score: 95 })],
      'merge',
    );
    await t.db.transaction((tx) =>
      writeResults(
        tx,
        actor.id,
        2566,
        revision,
        [{ ...write, existing: result, statedLevel: 'ผ่านดี', merged, changes, unchanged }],
        'import',
      ),
    );
    const rows = await queryRows<{
      action: string;
      actor: string;
      org: string;
      no_before: boolean;
      before: unknown;
      after: unknown;
    }>(
      t.db,
      sql`select action, actor_user_id as actor, organization_id as org, before is null as no_before, before, after
        from audit_events where entity_id = ${result!.id} order by id`,
    );
    expect(rows).toEqual([
      {
        action: 'assessment.import.create',
        actor: actor.id,
        org: write.org.id,
        no_before: true,
        before: null,
        after: { version: 1, statedLevel: 'ผ่าน', scores: 1 },
      },
      {
        action: 'assessment.import.update',
        actor: actor.id,
        org: write.org.id,
        no_before: false,
        before: { version: 1, statedLevel: 'ผ่าน' },
        after: {
          version: 2,
          statedLevel: 'ผ่านดี',
          changes: [{ scope: 'question', code: 'i1', kind: 'changed', before: 90, after: 95 }],
        },
      },
    ]);
    expect(await scoresOf(t.db, result!.id)).toEqual([entry('i1', { score: 95 })]);
  });

  it('writes the same without a connection of its own to copy on (a server pool outside a transaction)', async () => {
    const revision = await editionForYear(t.db, 2566);
    const write = await plan('BULK-POOL', AWKWARD);
    expect(await writeResults(t.db, null, 2566, revision, [write], 'import')).toBe(1);
    const [result] = await t.db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.organizationId, write.org.id));
    expect(result).toMatchObject({ statedLevel: 'ผ่าน', version: 1, catalogueRevisionId: revision.id });
    const key = (s: ScoreEntry) => `${s.scope}:${s.code}`;
    expect(new Map((await scoresOf(t.db, result!.id)).map((s) => [key(s), s]))).toEqual(
      new Map(AWKWARD.map((s) => [key(s), s])),
    );
  });

  it('fails whole when the server refuses a copied row, writing nothing', async () => {
    const revision = await editionForYear(t.db, 2566);
    const good = await plan('BULK-GOOD', [entry('i1', { score: 90 })]);
    // The same code twice breaks the scores' primary key in the middle of the COPY.
    const bad = await plan('BULK-BAD', [entry('i1', { score: 90 })]);
    bad.merged = [entry('i1', { score: 90 }), entry('i2', { score: 80 }), entry('i1', { score: 70 })];
    await expect(
      t.db.transaction((tx) => writeResults(tx, null, 2566, revision, [good, bad], 'import')),
    ).rejects.toThrow(/duplicate key|unique/i);
    for (const w of [good, bad]) {
      const rows = await t.db
        .select()
        .from(assessmentResults)
        .where(eq(assessmentResults.organizationId, w.org.id));
      expect(rows).toEqual([]);
    }
  });

  it('writes a COPY line per score in the text format', () => {
    expect(scoreCopyLine('r', AWKWARD[0]!)).toBe(
      'r\tquestion\ti1\t96.52\t\\N\tไม่ครบ\\tองค์ประกอบ\\nบรรทัดสอง\tC:\\\\folder\\\\N\n',
    );
    expect(scoreCopyLine('r', AWKWARD[2]!)).toBe('r\tquestion\to1\t\\N\tf\tไม่มีข้อมูล "ล่าสุด"\t\\N\n');
  });
});
