import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { organizations, reportSlots, roleAssignments, users } from '../../src/server/db/schema/index.ts';
import { saveResult } from '../../src/server/modules/assessments/assessments.service.ts';
import { createSession, SESSION_COOKIE } from '../../src/server/modules/auth/sessions.ts';
import { loadBundledEditions } from '../../src/server/modules/catalogue/catalogue.service.ts';
import { DEMO_CYCLE, DEMO_SCORES, seedDemoCycle } from '../../src/server/modules/demo/demo-cycle.ts';
import { DEMO_PROVINCE } from '../../src/server/modules/demo/demo-data.ts';
import { childPath } from '../../src/server/modules/organizations/tree.ts';
import { actorOf } from '../../src/server/modules/users/grants.ts';

/**
 * The soak bench's data: `provinces` provinces, each with the demo province's six units and its whole
 * yearly cycle made through the modules' own services (`seedDemoCycle`: the ITA result, its analysis, the
 * plan drafted from it, approved and circulated, the 6-month round with reports accepted and closed),
 * plus results for `extraYears` earlier years (the same scores under the 2569 edition), so that the
 * admin's results list and the audit log run over several pages. A deployment-wide admin and each
 * province's secretariat get a session (written directly, no password hashing); the people who only
 * act in the cycle (executive, unit reporters) have none.
 */
export type SoakSession = { cookie: string; csrfToken: string };

export type SoakProvince = {
  organizationId: string;
  code: string;
  planId: string;
  roundId: string;
  analysisId: string;
  resultIds: string[];
  slotIds: string[];
  secretariat: SoakSession;
};

export type SoakData = { admin: SoakSession; provinces: SoakProvince[] };

async function session(db: Db, userId: string): Promise<SoakSession> {
  const s = await createSession(db, userId, { ip: '127.0.0.1', userAgent: 'soak-bench' });
  return { cookie: `${SESSION_COOKIE}=${s.token}`, csrfToken: s.csrfToken };
}

async function person(
  db: Db,
  email: string,
  displayName: string,
  role: string,
  organizationId: string | null,
) {
  const [user] = await db
    .insert(users)
    .values({ email, displayName, passwordHash: 'soak-bench-no-sign-in' })
    .returning({ id: users.id });
  await db.insert(roleAssignments).values({ userId: user!.id, role, organizationId });
  return { id: user!.id, email, displayName };
}

export async function seedSoak(
  db: Db,
  options: { provinces: number; extraYears: number; onProgress?: (done: number) => void },
): Promise<SoakData> {
  await loadBundledEditions(db);
  const adminUser = await person(db, 'soak-admin@bench.local', 'ผู้ดูแลระบบ (soak)', 'admin', null);
  const provinces: SoakProvince[] = [];
  for (let p = 1; p <= options.provinces; p++) {
    const code = `SOAK-P${String(p).padStart(3, '0')}`;
    const provinceId = crypto.randomUUID();
    const provincePath = childPath(null, provinceId);
    await db.insert(organizations).values({
      id: provinceId,
      path: provincePath,
      code,
      kind: 'province',
      nameTh: `จังหวัดทดสอบที่ ${p}`,
      nameEn: `Soak Province ${p}`,
    });
    // The demo cycle finds its units by the demo codes; the organisations carry their own.
    const units = new Map<string, { id: string; code: string }>();
    for (const [i, unit] of DEMO_PROVINCE.units.entries()) {
      const id = crypto.randomUUID();
      await db.insert(organizations).values({
        id,
        parentId: provinceId,
        path: childPath(provincePath, id),
        code: `${code}-${String(i + 1).padStart(2, '0')}`,
        kind: unit.kind,
        nameTh: unit.nameTh,
        nameEn: unit.nameEn,
      });
      units.set(unit.code, { id, code: unit.code });
    }
    const lower = code.toLowerCase();
    const secretariat = await person(
      db,
      `${lower}-sec@bench.local`,
      `เลขานุการ ${p}`,
      'secretariat',
      provinceId,
    );
    const executive = await person(
      db,
      `${lower}-exec@bench.local`,
      `ผู้ว่าราชการ ${p}`,
      'executive',
      provinceId,
    );
    const reporters = new Map<string, { id: string; email: string; displayName: string }>();
    for (const [demoCode, unit] of units) {
      const n = demoCode.slice(-2);
      reporters.set(
        demoCode,
        await person(db, `${lower}-rep${n}@bench.local`, `ผู้รายงาน ${p}.${n}`, 'unit_reporter', unit.id),
      );
    }
    const cycle = await seedDemoCycle(db, { id: provinceId }, units, { secretariat, executive, reporters });
    const actor = await actorOf(db, secretariat);
    const resultIds: string[] = [];
    for (let y = 1; y <= options.extraYears; y++) {
      const saved = await saveResult(db, actor, {
        organizationId: provinceId,
        fiscalYear: DEMO_CYCLE.resultYear - y,
        editionYear: DEMO_CYCLE.resultYear,
        statedLevel: null,
        scores: DEMO_SCORES,
      });
      resultIds.push(saved.id);
    }
    const slots = await db
      .select({ id: reportSlots.id })
      .from(reportSlots)
      .where(eq(reportSlots.roundId, cycle.roundId))
      .orderBy(asc(reportSlots.id));
    provinces.push({
      organizationId: provinceId,
      code,
      ...cycle,
      resultIds,
      slotIds: slots.map((s) => s.id),
      secretariat: await session(db, secretariat.id),
    });
    options.onProgress?.(p);
  }
  return { admin: await session(db, adminUser.id), provinces };
}
