import { asc, count, desc, eq } from 'drizzle-orm';
import type { Publication, PublicationKind } from '#shared/publications/contract.ts';
import type { Db } from '../../db/client.ts';
import { organizations, publications, publicSites, users } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { publicationPolicy } from './publications.policy.ts';

type OrgRow = typeof organizations.$inferSelect;
type PublicationRow = typeof publications.$inferSelect;

/** The public addresses of a version: its own, and the one that always shows the latest. */
export const publicPath = (slug: string, fiscalYear: number, pathKey: string, versionNo?: number) =>
  `/p/${slug}/${fiscalYear}/${pathKey}${versionNo === undefined ? '' : `/v${versionNo}`}`;

/** `DEMO-PROV-03` → `demo-prov-03`; a code with no Latin letters or digits gives `org-<id>`. */
export function defaultSlug(org: Pick<OrgRow, 'code' | 'id'>): string {
  const slug = org.code
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug.length >= 3 ? slug : `org-${org.id.slice(0, 8)}`;
}

/** The organisation's public address name, made from its code on first publication. */
export async function ensureSite(tx: Db, org: OrgRow, actor: Actor) {
  const [site] = await tx.select().from(publicSites).where(eq(publicSites.organizationId, org.id));
  if (site) return site;
  let slug = defaultSlug(org);
  const [taken] = await tx.select().from(publicSites).where(eq(publicSites.slug, slug));
  if (taken) slug = `${slug.slice(0, 50)}-${org.id.slice(0, 8)}`;
  const [created] = await tx
    .insert(publicSites)
    .values({ organizationId: org.id, slug, updatedBy: actor.userId })
    .returning();
  return created!;
}

export async function toPublication(
  db: Db,
  row: PublicationRow,
  slug: string,
  /** The publisher's name when the caller read it already (a list joins it: no query per row). */
  publishedByName?: string | null,
): Promise<Publication> {
  const [by] =
    publishedByName !== undefined
      ? [{ name: publishedByName }]
      : row.publishedBy
        ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.publishedBy))
        : [];
  return {
    id: row.id,
    organizationId: row.organizationId,
    fiscalYear: row.fiscalYear,
    kind: row.kind as PublicationKind,
    pathKey: row.pathKey,
    versionNo: row.versionNo,
    subjectId: row.subjectId,
    title: row.title,
    changeSummary: row.changeSummary,
    publishedAt: row.publishedAt.toISOString(),
    publishedByName: by?.name ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawReason: row.withdrawReason,
    url: publicPath(slug, row.fiscalYear, row.pathKey, row.versionNo),
    latestUrl: publicPath(slug, row.fiscalYear, row.pathKey),
  };
}

async function organizationFor(db: Db, actor: Actor, organizationId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw fail.notFound({ th: 'หน่วยงาน', en: 'Organisation' });
  if (!publicationPolicy.read(actor, org.path)) throw fail.forbidden();
  return org;
}

/** What an organisation has published, newest first, with its public address name. */
export async function getSite(db: Db, actor: Actor, organizationId: string) {
  const org = await organizationFor(db, actor, organizationId);
  const [site] = await db.select().from(publicSites).where(eq(publicSites.organizationId, org.id));
  const slug = site?.slug ?? defaultSlug(org);
  const rows = await db
    .select({ row: publications, by: users.displayName })
    .from(publications)
    .leftJoin(users, eq(users.id, publications.publishedBy))
    .where(eq(publications.organizationId, org.id))
    .orderBy(
      desc(publications.fiscalYear),
      asc(publications.pathKey),
      desc(publications.versionNo),
      asc(publications.id),
    );
  return {
    organizationId: org.id,
    slug,
    chosen: site !== undefined,
    indexUrl: `/p/${slug}`,
    publications: await Promise.all(rows.map((r) => toPublication(db, r.row, slug, r.by))),
  };
}

/**
 * Chooses the public address name. Refused when another organisation has it, and once something is
 * published: addresses already given out (in ITAS, on the agency's website) must keep working.
 */
export async function setSlug(db: Db, actor: Actor, organizationId: string, slug: string) {
  const org = await organizationFor(db, actor, organizationId);
  if (!publicationPolicy.publish(actor, org.path)) throw fail.forbidden();
  await db.transaction((tx) => chooseSlug(tx, org, actor, slug));
  return getSite(db, actor, organizationId);
}

/**
 * Sets the organisation's public address name in `tx` (setSlug, and publish with the name chosen in
 * its confirmation); nothing when it is already that name. Refused once something is published under
 * another name, and when another organisation has it.
 */
export async function chooseSlug(tx: Db, org: OrgRow, actor: Actor, slug: string): Promise<void> {
  const [published] = await tx
    .select({ n: count() })
    .from(publications)
    .where(eq(publications.organizationId, org.id));
  const [current] = await tx.select().from(publicSites).where(eq(publicSites.organizationId, org.id));
  if (current?.slug === slug) return;
  if ((published?.n ?? 0) > 0) {
    throw new AppError(
      409,
      'slug_in_use',
      `เปลี่ยนชื่อที่อยู่สาธารณะไม่ได้ เพราะมีลิงก์ /p/${current?.slug ?? defaultSlug(org)}/… ที่เผยแพร่ไปแล้ว`,
      `The public address name cannot change: links under /p/${current?.slug ?? defaultSlug(org)}/… were already given out`,
    );
  }
  const [taken] = await tx.select().from(publicSites).where(eq(publicSites.slug, slug));
  if (taken && taken.organizationId !== org.id) {
    throw new AppError(
      409,
      'slug_taken',
      `ชื่อ "${slug}" มีหน่วยงานอื่นใช้แล้ว`,
      `"${slug}" is used by another organisation`,
      [
        {
          path: 'slug',
          message_th: 'มีหน่วยงานอื่นใช้ชื่อนี้แล้ว',
          message_en: 'another organisation has this name',
        },
      ],
    );
  }
  await tx
    .insert(publicSites)
    .values({ organizationId: org.id, slug, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: publicSites.organizationId,
      set: { slug, updatedBy: actor.userId, updatedAt: new Date() },
    });
  await recordAudit(tx, {
    actorUserId: actor.userId,
    action: 'public_site.slug',
    entityType: 'organization',
    entityId: org.id,
    organizationId: org.id,
    before: { slug: current?.slug ?? null },
    after: { slug },
  });
}
