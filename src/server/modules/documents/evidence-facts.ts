import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { toArabicDigits } from '#shared/format/thai.ts';
import type { OrganizationKind } from '#shared/organizations/contract.ts';
import type { Db } from '../../db/client.ts';
import {
  organizations,
  publications,
  publicSites,
  reportSlots,
  rounds,
  users,
} from '../../db/schema/index.ts';
import { AppError } from '../../http/app-error.ts';
import { publicPath } from '../publications/sites.service.ts';
import { type Addressee, addresseeForm } from './layouts/drafts.ts';

/**
 * Facts the OIT evidence set needs beyond a subject's view: whom a circular goes to (and in which
 * form), whether a round is closed, and the live publication of a plan or round report.
 */

/** The addressees of a circular: the units named (with their kind) and outside bodies, in order. */
export async function addresseesOf(
  db: Db,
  subject: { unitIds: string[]; external: string[] },
): Promise<Addressee[]> {
  const rows =
    subject.unitIds.length === 0
      ? []
      : await db
          .select({ id: organizations.id, nameTh: organizations.nameTh, kind: organizations.kind })
          .from(organizations)
          .where(inArray(organizations.id, subject.unitIds));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const units = subject.unitIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ name: row.nameTh, form: addresseeForm(row.kind as OrganizationKind) }] : [];
  });
  const outside = subject.external.map((name) => ({ name, form: addresseeForm(null) }));
  const byName = new Map<string, Addressee>();
  for (const a of [...units, ...outside]) if (!byName.has(a.name)) byName.set(a.name, a);
  return [...byName.values()];
}

/** The units that report in a round, in the order of their first slot. */
export async function roundUnitIds(db: Db, roundId: string): Promise<string[]> {
  const rows = await db
    .select({ unitId: reportSlots.unitId })
    .from(reportSlots)
    .where(eq(reportSlots.roundId, roundId));
  return [...new Set(rows.map((r) => r.unitId))];
}

const ROUND_STATUS_TH: Record<string, string> = {
  draft: 'ยังไม่เปิดรอบ',
  open: 'เปิดรับรายงานอยู่',
  closed: 'ปิดรอบแล้ว',
};
const REPORTED = new Set(['submitted', 'accepted']);

/**
 * The round memo acknowledges a finished round: refused, saying what is missing, while the round is
 * not closed (how many reports are still out, and that the round must be closed).
 */
export async function assertRoundClosed(db: Db, roundId: string): Promise<void> {
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  if (!round || round.status === 'closed') return;
  const slots = await db
    .select({ state: reportSlots.state })
    .from(reportSlots)
    .where(eq(reportSlots.roundId, roundId));
  const reported = slots.filter((s) => REPORTED.has(s.state)).length;
  const label = toArabicDigits(round.labelTh);
  throw new AppError(
    409,
    'round_not_closed',
    `ยังทำบันทึกข้อความรายงานผล${label}ไม่ได้ เพราะยังไม่ได้ปิดรอบการรายงาน (${ROUND_STATUS_TH[round.status] ?? round.status}; หน่วยงานรายงานแล้ว ${reported} จาก ${slots.length} รายการ): ปิดรอบการรายงานก่อน`,
    `The round memo cannot be made yet: the round “${label}” is not closed (${round.status}; ${reported} of ${slots.length} reports in). Close the round first`,
  );
}

export type LivePublication = {
  title: string;
  versionNo: number;
  /** The address that always shows the latest version (the one given to ITAS). */
  path: string;
  publishedAt: Date;
  publishedByName: string | null;
};

/** The latest version of the subject that is on the public site now (not withdrawn), if any. */
export async function livePublication(db: Db, subjectId: string): Promise<LivePublication | null> {
  const [row] = await db
    .select({ pub: publications, slug: publicSites.slug, by: users.displayName })
    .from(publications)
    .innerJoin(publicSites, eq(publicSites.organizationId, publications.organizationId))
    .leftJoin(users, eq(users.id, publications.publishedBy))
    .where(and(eq(publications.subjectId, subjectId), isNull(publications.withdrawnAt)))
    .orderBy(desc(publications.versionNo))
    .limit(1);
  if (!row) return null;
  return {
    title: row.pub.title,
    versionNo: row.pub.versionNo,
    path: publicPath(row.slug, row.pub.fiscalYear, row.pub.pathKey),
    publishedAt: row.pub.publishedAt,
    publishedByName: row.by,
  };
}

export function notPublished(subjectType: 'plan' | 'round'): AppError {
  const what = subjectType === 'plan' ? 'แผนนี้' : 'รายงานผลรอบนี้';
  const whatEn = subjectType === 'plan' ? 'this plan' : 'this round report';
  return new AppError(
    409,
    'not_published',
    `ยังไม่ได้เผยแพร่${what} จึงยังทำแบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ไม่ได้: แบบฟอร์มระบุที่อยู่ (URL) ของหน้าที่เผยแพร่ เผยแพร่ก่อนแล้วจึงทำแบบฟอร์ม`,
    `Nothing of ${whatEn} is published yet, so there is no web-publication form to make: the form states the public address (URL). Publish first`,
  );
}
