import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorScores, storeResult } from '../../../tests/support/assessment-fixtures.ts';
import { createTestContext, type TestContext, type TestOrg } from '../../../tests/support/test-app.ts';
import { loadBundledEditions } from '../modules/catalogue/catalogue.service.ts';
import { analyseCommand } from './analyse-command.ts';
import { CliError } from './cli-context.ts';

let t: TestContext;
let province: TestOrg;
const units: TestOrg[] = [];
let admin: string;

beforeAll(async () => {
  t = await createTestContext();
  await loadBundledEditions(t.db);
  province = await t.org(null, { code: 'CLI-PROV' });
  for (let i = 1; i <= 3; i++) units.push(await t.org(province, { code: `CLI-U${i}` }));
  await storeResult(t.db, units[0]!.id, 2566, indicatorScores([90, 70, 88, 86, 91, 87, 60, 90, 62.2, 86]));
  await storeResult(t.db, units[2]!.id, 2566, indicatorScores([80, 95, 84, 86, 71, 87, 89, 90, 99, 55]));
  admin = (await t.signedIn([{ role: 'admin', on: null }])).email;
});
afterAll(() => t.close());

const analyse = (...args: string[]) => analyseCommand(t.database, [...args, '--year', '2566', '--as', admin]);

describe('prongsai analyse --all-units', () => {
  it('analyses every unit with a result as alone, and names those without one (JSON)', async () => {
    const all = JSON.parse(
      await analyse('--org', 'CLI-PROV', '--all-units', '--urgent-below', '85', '--json'),
    );
    expect(all.organization).toEqual({ code: 'CLI-PROV', name_th: 'หน่วยงาน CLI-PROV' });
    expect(all.units.map((u: { organization: { code: string } }) => u.organization.code)).toEqual([
      'CLI-U1',
      'CLI-U3',
    ]);
    expect(all.withoutResult.sort()).toEqual(['CLI-PROV', 'CLI-U2']);
    for (const unit of all.units) {
      const alone = JSON.parse(
        await analyse('--org', unit.organization.code, '--urgent-below', '85', '--json'),
      );
      expect(unit).toEqual(alone);
    }
  });

  it('prints each unit’s report as alone, then those without a result (text)', async () => {
    const text = await analyse('--org', 'CLI-PROV', '--all-units');
    const alone = await Promise.all(['CLI-U1', 'CLI-U3'].map((code) => analyse('--org', code)));
    expect(text.startsWith(`${alone[0]}\n\n${alone[1]}\n\n`)).toBe(true);
    expect(text.endsWith('without a 2566 result / ไม่มีผลการประเมินปี 2566: CLI-PROV, CLI-U2')).toBe(true);
  });

  it('refuses when neither the organisation nor any unit under it has a result of the year', async () => {
    await expect(analyse('--org', 'CLI-U2', '--all-units')).rejects.toThrow(CliError);
    await expect(analyse('--org', 'CLI-U2', '--all-units')).rejects.toThrow(
      'No 2566 result for CLI-U2 or any unit',
    );
  });
});
