import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentOptionsSchema } from '#shared/documents/contract.ts';
import { countingDb } from '../../../../tests/support/count-queries.ts';
import { createTestContext, type TestContext, type TestOrg } from '../../../../tests/support/test-app.ts';
import { documents, publications } from '../../db/schema/index.ts';
import { getSite } from './sites.service.ts';

let t: TestContext;
let org: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
let documentId: string;

beforeAll(async () => {
  t = await createTestContext();
  org = await t.org(null, { nameTh: 'สำนักงานที่เผยแพร่มาก' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: org }]);
  const [doc] = await t.db
    .insert(documents)
    .values({
      organizationId: org.id,
      fiscalYear: 2568,
      kind: 'plan',
      subjectType: 'plan',
      subjectId: crypto.randomUUID(),
      versionNo: 1,
      inputsHash: 'h',
      inputsLabel: 'ฉบับที่ 1',
      options: documentOptionsSchema.parse({}),
      title: 'แผนมาตรการ',
    })
    .returning({ id: documents.id });
  documentId = doc!.id;
});
afterAll(() => t.close());

/** Versions `from`… of the plan published at the year's address, by the secretariat. */
async function publish(from: number, n: number) {
  await t.db.insert(publications).values(
    Array.from({ length: n }, (_, i) => ({
      organizationId: org.id,
      fiscalYear: 2568,
      kind: 'plan',
      pathKey: 'plan',
      versionNo: from + i,
      subjectId: crypto.randomUUID(),
      documentId,
      title: 'แผนมาตรการ',
      model: {},
      changeSummary: `ฉบับที่ ${from + i}`,
      publishedBy: secretariat.id,
    })),
  );
}

async function queries() {
  const actor = await t.actorFor(secretariat.id);
  const counting = countingDb(t.db);
  const site = await getSite(counting.db, actor, org.id);
  return { n: counting.count(), site };
}

describe('the publications of a site', () => {
  it('are read with their publishers’ names in the same queries however many there are', async () => {
    await publish(1, 1);
    const one = await queries();
    await publish(2, 24);
    const many = await queries();
    expect(many.n).toBe(one.n);
    expect(many.site.publications.map((p) => p.versionNo)).toEqual(
      Array.from({ length: 25 }, (_, i) => 25 - i),
    );
    const [me] = await t.db.query.users.findMany({ where: (u, { eq }) => eq(u.id, secretariat.id) });
    expect(new Set(many.site.publications.map((p) => p.publishedByName))).toEqual(new Set([me!.displayName]));
  });
});
