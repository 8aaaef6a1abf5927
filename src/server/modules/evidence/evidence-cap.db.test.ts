import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContentSchema } from '#shared/plans/contract.ts';
import { createTestContext, type TestContext, type TestOrg } from '../../../../tests/support/test-app.ts';
import { evidenceFiles, plans, reportSlots, rounds } from '../../db/schema/index.ts';
import { AppError } from '../../http/app-error.ts';
import { MAX_EVIDENCE_FILES, storageKeyOf, uploadEvidence } from './evidence.service.ts';
import { minimalPdf } from './zip-fixture.testutil.ts';

let t: TestContext;
let unit: TestOrg;
let reporter: Awaited<ReturnType<TestContext['signedIn']>>;
let slotId: string;

beforeAll(async () => {
  t = await createTestContext();
  const province = await t.org(null, { nameTh: 'จังหวัดหลักฐาน' });
  unit = await t.org(province, { nameTh: 'หน่วยที่แนบไฟล์' });
  reporter = await t.signedIn([{ role: 'unit_reporter', on: unit }]);
  const [plan] = await t.db
    .insert(plans)
    .values({
      organizationId: province.id,
      fiscalYear: 2568,
      status: 'circulated',
      content: planContentSchema.parse({
        title: 'แผน',
        issues: [
          {
            id: 'i1',
            title: 'ประเด็น',
            measures: [{ id: 'm1', title: 'มาตรการ', responsible: { unitIds: [unit.id] } }],
          },
        ],
      }),
    })
    .returning({ id: plans.id });
  const [round] = await t.db
    .insert(rounds)
    .values({
      planId: plan!.id,
      kind: '6m',
      labelTh: 'รอบ ๖ เดือน',
      periodStart: '2024-10-01',
      periodEnd: '2025-03-31',
      dueDate: '2025-04-30',
      status: 'open',
    })
    .returning({ id: rounds.id });
  const [slot] = await t.db
    .insert(reportSlots)
    .values({ roundId: round!.id, measureId: 'm1', unitId: unit.id })
    .returning({ id: reportSlots.id });
  slotId = slot!.id;
});
afterAll(() => t.close());

const filesOf = async () => t.db.select().from(evidenceFiles).where(eq(evidenceFiles.slotId, slotId));

describe('a report’s evidence files', () => {
  it(`hold at most ${MAX_EVIDENCE_FILES}: one more is refused in Thai and English, nothing written`, async () => {
    const actor = await t.actorFor(reporter.id);
    const first = await uploadEvidence(t.db, t.fileStore, actor, slotId, {
      fileName: 'หลักฐาน.pdf',
      bytes: minimalPdf('first'),
    });
    await t.db.insert(evidenceFiles).values(
      Array.from({ length: MAX_EVIDENCE_FILES - 1 }, (_, i) => ({
        slotId,
        sha256: first.sha256,
        storageKey: storageKeyOf(first.sha256),
        originalName: `หลักฐาน ${i}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: 10,
        uploadedBy: reporter.id,
      })),
    );
    const extra = minimalPdf('one too many');
    const refused = await uploadEvidence(t.db, t.fileStore, actor, slotId, {
      fileName: 'เกิน.pdf',
      bytes: extra,
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 400, code: 'too_many_files' });
    expect((refused as AppError).messageTh).toContain(`${MAX_EVIDENCE_FILES} ไฟล์`);
    expect((refused as AppError).messageEn).toContain(`${MAX_EVIDENCE_FILES} files`);
    expect(await filesOf()).toHaveLength(MAX_EVIDENCE_FILES);
    // The refused bytes were not stored.
    const keys: string[] = [];
    for await (const f of t.fileStore.list('evidence/')) keys.push(f.key);
    expect(keys).toEqual([storageKeyOf(first.sha256)]);
  });
});
