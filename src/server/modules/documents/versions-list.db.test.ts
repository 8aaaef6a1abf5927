import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentOptionsSchema } from '#shared/documents/contract.ts';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import { createTestContext, type TestContext, type TestOrg } from '../../../../tests/support/test-app.ts';
import { documentFiles, documents } from '../../db/schema/index.ts';
import { listDocuments } from './versions.service.ts';

let t: TestContext;
let org: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
const subjectId = crypto.randomUUID();

beforeAll(async () => {
  t = await createTestContext();
  org = await t.org(null, { nameTh: 'สำนักงานหลายฉบับ' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: org }]);
});
afterAll(() => t.close());

/** Versions of the subject's plan document, from `from`, each with a DOCX and an XLSX file. */
async function addVersions(from: number, n: number) {
  const made = await t.db
    .insert(documents)
    .values(
      Array.from({ length: n }, (_, i) => ({
        organizationId: org.id,
        fiscalYear: 2568,
        kind: 'plan',
        subjectType: 'plan',
        subjectId,
        versionNo: from + i,
        inputsHash: `hash-${from + i}`,
        inputsLabel: `ฉบับที่ ${from + i}`,
        options: documentOptionsSchema.parse({}),
        title: 'แผนมาตรการ',
      })),
    )
    .returning({ id: documents.id, versionNo: documents.versionNo });
  await t.db.insert(documentFiles).values(
    made.flatMap((d) =>
      ['xlsx', 'docx'].map((format) => ({
        documentId: d.id,
        format,
        storageKey: `key-${d.versionNo}-${format}`,
        sha256: `sha-${d.versionNo}-${format}`,
        bytes: d.versionNo,
      })),
    ),
  );
}

async function queries() {
  const actor = await t.actorFor(secretariat.id);
  const counting = countingDb(t.db);
  const list = await listDocuments(counting.db, actor, subjectId);
  return { n: counting.count(), list };
}

describe('the versions of a subject’s documents', () => {
  it('are read with their files in the same queries however many versions there are', async () => {
    await addVersions(1, 1);
    const one = await queries();
    expect(one.list).toHaveLength(1);
    await addVersions(2, 29);
    const many = await queries();
    expect(many.n).toBe(one.n);
    expect(many.list.map((v) => v.versionNo)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    // Each version carries its own files, in format order.
    for (const v of many.list) {
      expect(v.files.map((f) => [f.format, f.sha256])).toEqual([
        ['docx', `sha-${v.versionNo}-docx`],
        ['xlsx', `sha-${v.versionNo}-xlsx`],
      ]);
    }
  });
});
