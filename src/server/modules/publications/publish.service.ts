import { and, desc, eq, sql } from 'drizzle-orm';
import { type PublicationKind, publicationPathKey } from '#shared/publications/contract.ts';
import type { Db } from '../../db/client.ts';
import { organizations, publications, users } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import { staleActionError } from '../../http/stale-action.ts';
import { invalidatePublicCache } from '../../public/invalidate.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { getAnalysis } from '../assessments/analyses.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { generateDocument } from '../documents/generate-document.ts';
import type { DocumentModel } from '../documents/model.ts';
import type { DocumentRenderers } from '../documents/render-formats.ts';
import { readablePlan } from '../plans/plans.service.ts';
import { progressPolicy } from '../progress/progress.policy.ts';
import { roundWithPlan } from '../progress/rounds.service.ts';
import { describeChange } from './describe-change.ts';
import { publicationPolicy } from './publications.policy.ts';
import { chooseSlug, ensureSite, toPublication } from './sites.service.ts';

const LOCK_SPACE = 7_305_012;
const PUBLISHABLE_PLAN = new Set(['approved', 'circulated']);

type Subject = { organizationId: string; fiscalYear: number; pathKey: string };

/** Where a subject is published, once it may be: a plan after approval, a round once closed. */
async function publishableSubject(
  db: Db,
  actor: Actor,
  kind: PublicationKind,
  subjectId: string,
): Promise<Subject> {
  if (kind === 'plan') {
    const { row } = await readablePlan(db, actor, subjectId);
    if (!PUBLISHABLE_PLAN.has(row.status)) {
      throw new AppError(
        409,
        'plan_not_approved',
        `เผยแพร่ได้เฉพาะแผนที่ได้รับความเห็นชอบแล้ว (แผนนี้มีสถานะ ${row.status})`,
        `Only an approved plan can be published (this one is ${row.status})`,
      );
    }
    return { organizationId: row.organizationId, fiscalYear: row.fiscalYear, pathKey: 'plan' };
  }
  if (kind === 'round') {
    const { round, plan, org } = await roundWithPlan(db, subjectId);
    if (!progressPolicy.read(actor, org.path)) throw fail.forbidden();
    if (round.status !== 'closed') {
      throw new AppError(
        409,
        'round_not_closed',
        'เผยแพร่รายงานได้เมื่อปิดรอบการรายงานแล้ว (รอบนี้ยังเปิดอยู่หรือยังไม่เริ่ม)',
        'A round report can be published once the round is closed (this round is still open or not started)',
      );
    }
    const pathKey = publicationPathKey('round', round);
    return { organizationId: org.id, fiscalYear: plan.fiscalYear, pathKey };
  }
  const analysis = await getAnalysis(db, actor, subjectId);
  return {
    organizationId: analysis.organizationId,
    fiscalYear: analysis.outcome.fiscalYear,
    pathKey: 'analysis',
  };
}

/** Thrown to roll back a transaction that only tried a change (the slug's checks before publishing). */
const ROLLBACK = Symbol('rollback');

/**
 * Refuses (409, who and when) a publication asked for from a page that showed another latest version at
 * the subject's address than there is now: someone published there since.
 */
async function expectLatestVersion(db: Db, subject: Subject, expected: number | undefined) {
  if (expected === undefined) return;
  const [latest] = await db
    .select()
    .from(publications)
    .where(
      and(
        eq(publications.organizationId, subject.organizationId),
        eq(publications.fiscalYear, subject.fiscalYear),
        eq(publications.pathKey, subject.pathKey),
      ),
    )
    .orderBy(desc(publications.versionNo))
    .limit(1);
  if ((latest?.versionNo ?? 0) === expected) return;
  const [by] = latest?.publishedBy
    ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, latest.publishedBy))
    : [];
  throw staleActionError(
    { th: 'หน้าเผยแพร่', en: 'public page' },
    latest ? { by: by?.name ?? null, at: latest.publishedAt } : null,
  );
}

/**
 * Publishes a plan, analysis or round report: renders its documents (with the organisation's
 * remembered options) and fixes the page content as the next version at a stable address. Publishing
 * again what the latest live version already shows changes nothing.
 */
export async function publish(
  db: Db,
  store: FileStore,
  renderers: DocumentRenderers,
  actor: Actor,
  input: {
    kind: PublicationKind;
    subjectId: string;
    slug?: string | undefined;
    expectedVersionNo?: number | undefined;
  },
  /** PUBLIC_URL as configured: the verification address a signed plan prints (decision 024). */
  context: { verifyBaseUrl?: string | null | undefined } = {},
) {
  const subject = await publishableSubject(db, actor, input.kind, input.subjectId);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, subject.organizationId));
  if (!org || !publicationPolicy.publish(actor, org.path)) throw fail.forbidden();
  // Refusals that need no document come before the documents are made, so that they write nothing;
  // they are checked again under the address' lock.
  await expectLatestVersion(db, subject, input.expectedVersionNo);
  if (input.slug !== undefined) {
    const slug = input.slug;
    await db
      .transaction(async (tx) => {
        await chooseSlug(tx, org, actor, slug);
        throw ROLLBACK;
      })
      .catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      });
  }
  const generated = await generateDocument(db, store, renderers, actor, {
    kind: input.kind,
    subjectType: input.kind,
    subjectId: input.subjectId,
    verifyBaseUrl: context.verifyBaseUrl,
  });
  const result = await db.transaction(async (tx) => {
    if (input.slug !== undefined) await chooseSlug(tx, org, actor, input.slug);
    const site = await ensureSite(tx, org, actor);
    const address = `${org.id}:${subject.fiscalYear}:${subject.pathKey}`;
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(LOCK_SPACE))}, hashtext(${address}))`);
    await expectLatestVersion(tx, subject, input.expectedVersionNo);
    const versions = await tx
      .select()
      .from(publications)
      .where(
        and(
          eq(publications.organizationId, org.id),
          eq(publications.fiscalYear, subject.fiscalYear),
          eq(publications.pathKey, subject.pathKey),
        ),
      )
      .orderBy(desc(publications.versionNo));
    const latest = versions[0];
    // The change is told against what the public last saw: never quote a withdrawn version.
    const lastLive = versions.find((v) => !v.withdrawnAt);
    if (latest && !latest.withdrawnAt && latest.documentId === generated.document.id) {
      return { publication: await toPublication(tx, latest, site.slug), created: false };
    }
    const [row] = await tx
      .insert(publications)
      .values({
        organizationId: org.id,
        fiscalYear: subject.fiscalYear,
        kind: input.kind,
        pathKey: subject.pathKey,
        versionNo: (latest?.versionNo ?? 0) + 1,
        subjectId: input.subjectId,
        documentId: generated.document.id,
        title: generated.model.title,
        model: generated.model,
        changeSummary: describeChange(
          (lastLive?.model as DocumentModel | undefined) ?? null,
          generated.model,
        ),
        publishedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'publication.publish',
      entityType: 'publication',
      entityId: row!.id,
      organizationId: org.id,
      after: {
        kind: input.kind,
        subjectId: input.subjectId,
        pathKey: row!.pathKey,
        versionNo: row!.versionNo,
      },
    });
    return { publication: await toPublication(tx, row!, site.slug), created: true };
  });
  invalidatePublicCache(org.id);
  return result;
}

/** Takes a version off the public site: its address stays and says when and why it was withdrawn. */
export async function withdraw(db: Db, actor: Actor, publicationId: string, reason: string) {
  const publication = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ p: publications, org: organizations })
      .from(publications)
      .innerJoin(organizations, eq(organizations.id, publications.organizationId))
      .where(eq(publications.id, publicationId))
      .for('update');
    if (!row) throw fail.notFound({ th: 'รายการที่เผยแพร่', en: 'Publication' });
    if (!publicationPolicy.publish(actor, row.org.path)) throw fail.forbidden();
    if (row.p.withdrawnAt) {
      throw new AppError(
        409,
        'already_withdrawn',
        'ฉบับนี้ถูกถอนการเผยแพร่แล้ว',
        'This version is already withdrawn',
      );
    }
    const [updated] = await tx
      .update(publications)
      .set({ withdrawnAt: new Date(), withdrawnBy: actor.userId, withdrawReason: reason })
      .where(eq(publications.id, publicationId))
      .returning();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'publication.withdraw',
      entityType: 'publication',
      entityId: publicationId,
      organizationId: row.org.id,
      before: { withdrawnAt: null },
      after: { withdrawnAt: updated!.withdrawnAt, reason },
    });
    const site = await ensureSite(tx, row.org, actor);
    return toPublication(tx, updated!, site.slug);
  });
  invalidatePublicCache(publication.organizationId);
  return publication;
}
