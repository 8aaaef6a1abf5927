import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/test-db.ts';
import type { Database, Db } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import { childPath } from '../organizations/tree.ts';
import { invalidateSupplied, recordSupplied, suppliedOf } from './supplied-questions.service.ts';

/*
 * Issue 15: several app processes on one database. The supplied questions of an edition year are
 * cached per process; a supply another process writes must be seen on the next read there, not after
 * a restart. "Another process" is a second handle on the same database (its own cache, since the cache
 * is kept per handle); its invalidation reaches only its own cache, as in a real second process.
 */
const YEAR = 2566;

describe('supplied questions seen by every process of a deployment', () => {
  let database: Database;
  let processA: Db;
  let processB: Db;
  let organizationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    processA = database.db;
    processB = Object.create(database.db) as Db;
    organizationId = crypto.randomUUID();
    await database.db.insert(organizations).values({
      id: organizationId,
      path: childPath(null, organizationId),
      code: 'SUPPLY-ORG',
      kind: 'province',
      nameTh: 'จังหวัดผู้นำเข้า',
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  const supply = (code: string, text: string | null) => ({
    code,
    instrument: 'IIT' as const,
    indicator: 1,
    subIndicator: null,
    text_th: text,
    organizationId,
    resultId: null,
  });

  it('a question supplied through another process, and its wording given later, are read at once', async () => {
    expect(await suppliedOf(processA, YEAR)).toEqual([]);

    await recordSupplied(processB, {
      fiscalYear: YEAR,
      actorUserId: null,
      supplies: [supply('i99', null)],
      conflicts: [],
    });
    invalidateSupplied(processB, YEAR);
    const afterInsert = await suppliedOf(processA, YEAR);
    expect(afterInsert.map((q) => [q.code, q.text_th])).toEqual([['i99', null]]);

    await recordSupplied(processB, {
      fiscalYear: YEAR,
      actorUserId: null,
      supplies: [supply('i99', 'หน่วยงานเปิดเผยข้อมูลการให้บริการหรือไม่')],
      conflicts: [],
    });
    invalidateSupplied(processB, YEAR);
    const afterWording = await suppliedOf(processA, YEAR);
    expect(afterWording.map((q) => [q.code, q.text_th])).toEqual([
      ['i99', 'หน่วยงานเปิดเผยข้อมูลการให้บริการหรือไม่'],
    ]);
    // Unchanged: the same cached list, not read again.
    expect(await suppliedOf(processA, YEAR)).toBe(afterWording);
  });
});
