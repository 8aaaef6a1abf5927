import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  organizations,
  type plans,
  signatureFiles,
  signatureRevocations,
  signatures,
} from '../../db/schema/index.ts';
import { type Actor, hasRoleOn } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import type { SignedInWith } from '../../http/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RoundReportView } from '../documents/layouts/round-report.ts';
import { profileFor } from '../documents/options.service.ts';
import { planPolicy } from '../plans/plans.policy.ts';
import { roundDocumentView } from '../progress/round-document.ts';
import { roundWithPlan } from '../progress/rounds.service.ts';
import { PLAN_VERSION_FORM, planVersionHash, ROUND_REPORT_FORM, roundReportHash } from './rules/canonical.ts';
import { codeFromRandom, formatCode } from './rules/code.ts';
import { electronicSignatureBlock, type SignatureFacts } from './rules/wording.ts';

export type SignatureRow = typeof signatures.$inferSelect;
export type RevocationRow = typeof signatureRevocations.$inferSelect;
export type SignatureSubjectType = 'plan' | 'round';

/** How the approval was signed: the session's sign-in, and the position the signer states. */
export type Signing = { signedInWith: SignedInWith; position?: string | undefined };

const NOT_FOUND = { th: 'ลายมือชื่ออิเล็กทรอนิกส์', en: 'Electronic signature' };
const POSITION_MAX = 300;

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * The position to offer the signer: the one they stated when they last signed, else the document
 * profile's head position when the head's name is theirs or the profile names no head (the head is
 * known by position only, as by default), else nothing (someone else is the head: they type theirs).
 */
export async function suggestedPosition(db: Db, actor: Actor, organizationId: string): Promise<string> {
  const [last] = await db
    .select({ position: signatures.signerPosition })
    .from(signatures)
    .where(eq(signatures.signerUserId, actor.userId))
    .orderBy(desc(signatures.signedAt))
    .limit(1);
  if (last && last.position.trim() !== '') return last.position;
  const profile = await profileFor(db, organizationId);
  if (profile.head.name.trim() === '' || sameName(profile.head.name, actor.displayName)) {
    return profile.head.positions.filter((p) => p.trim() !== '').join(' ');
  }
  return '';
}

async function freshCode(tx: Db): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = codeFromRandom(randomBytes(10));
    const [taken] = await tx.select({ id: signatures.id }).from(signatures).where(eq(signatures.code, code));
    if (!taken) return code;
  }
  throw new Error('no free verification code after 5 draws');
}

type NewSignature = {
  action: 'plan.approve' | 'round.acknowledge';
  subjectType: SignatureSubjectType;
  subjectId: string;
  organizationId: string;
  canonicalForm: string;
  contentSha256: string;
};

async function insertSignature(tx: Db, actor: Actor, what: NewSignature, signing: Signing) {
  const position = (signing.position ?? (await suggestedPosition(tx, actor, what.organizationId))).trim();
  if (position.length > POSITION_MAX) {
    throw fail.badRequest(
      `ตำแหน่งของผู้ลงนามยาวเกิน ${POSITION_MAX} ตัวอักษร`,
      `The signer's position is longer than ${POSITION_MAX} characters`,
      [{ path: 'signerPosition', message_th: 'ยาวเกินไป', message_en: 'too long' }],
    );
  }
  const code = await freshCode(tx);
  const [row] = await tx
    .insert(signatures)
    .values({
      code,
      ...what,
      signerUserId: actor.userId,
      signerName: actor.displayName,
      signerPosition: position,
      verifiedBy: signing.signedInWith.method,
      identityProvider: signing.signedInWith.method === 'oidc' ? signing.signedInWith.provider : null,
    })
    .returning();
  await recordAudit(tx, {
    actorUserId: actor.userId,
    action: 'signature.sign',
    entityType: 'signature',
    entityId: row!.id,
    organizationId: what.organizationId,
    after: {
      action: what.action,
      subjectType: what.subjectType,
      subjectId: what.subjectId,
      code: formatCode(code),
      contentSha256: what.contentSha256,
      verifiedBy: row!.verifiedBy,
      identityProvider: row!.identityProvider,
    },
  });
  return row!;
}

/**
 * Records the executive's signature of the plan version being approved, in the approval's transaction:
 * who (account, name, stated position), when, the SHA-256 of the version's canonical form, how the
 * session's identity was verified, and a new verification code.
 */
export async function signPlanApproval(
  tx: Db,
  actor: Actor,
  plan: typeof plans.$inferSelect,
  signing: Signing,
): Promise<SignatureRow> {
  return insertSignature(
    tx,
    actor,
    {
      action: 'plan.approve',
      subjectType: 'plan',
      subjectId: plan.id,
      organizationId: plan.organizationId,
      canonicalForm: PLAN_VERSION_FORM,
      contentSha256: planVersionHash(plan),
    },
    signing,
  );
}

/** The SHA-256 of a round report's canonical form, from the view-model its documents are made from. */
export const roundHashOf = (
  roundId: string,
  organizationId: string,
  fiscalYear: number,
  view: RoundReportView,
) => roundReportHash({ id: roundId, organizationId, fiscalYear, report: view });

/**
 * The executive acknowledges (รับทราบ) a closed round's follow-up report: a signature of the report as it
 * stands (its canonical form's SHA-256). Again after the round was reopened and changed: a new signature;
 * the same content twice: refused.
 */
export async function acknowledgeRound(db: Db, actor: Actor, roundId: string, signing: Signing) {
  const { round, plan, org } = await roundWithPlan(db, roundId);
  if (!planPolicy.decide(actor, org.path)) {
    throw fail.forbidden(
      'เฉพาะผู้บริหารของหน่วยงานนี้เท่านั้นที่รับทราบรายงานผลได้',
      'Only an executive of this organisation may acknowledge the report',
    );
  }
  if (round.status !== 'closed') {
    throw fail.conflict(
      'round_not_closed',
      'รับทราบรายงานผลได้เมื่อปิดรอบการรายงานแล้ว',
      'A round report can be acknowledged once the round is closed',
    );
  }
  const { view } = await roundDocumentView(db, actor, roundId, '');
  const contentSha256 = roundHashOf(roundId, org.id, plan.fiscalYear, view);
  const current = await validSignatureOf(db, 'round', roundId);
  if (current && current.contentSha256 === contentSha256) {
    throw fail.conflict(
      'already_signed',
      'ท่านหรือผู้บริหารรับทราบรายงานผลฉบับนี้แล้ว',
      'This report, as it stands, is already acknowledged',
    );
  }
  return db.transaction((tx) =>
    insertSignature(
      tx,
      actor,
      {
        action: 'round.acknowledge',
        subjectType: 'round',
        subjectId: roundId,
        organizationId: org.id,
        canonicalForm: ROUND_REPORT_FORM,
        contentSha256,
      },
      signing,
    ),
  );
}

export const factsOf = (row: SignatureRow): SignatureFacts => ({
  code: row.code,
  signerName: row.signerName,
  signerPosition: row.signerPosition,
  signedAt: row.signedAt,
  verifiedBy: row.verifiedBy === 'oidc' ? 'oidc' : 'password',
  identityProvider: row.identityProvider,
});

/** The subject's signatures, newest first, each with its revocation when it has one. */
export async function signaturesOf(db: Db, subjectType: SignatureSubjectType, subjectId: string) {
  const rows = await db
    .select({ signature: signatures, revocation: signatureRevocations })
    .from(signatures)
    .leftJoin(signatureRevocations, eq(signatureRevocations.signatureId, signatures.id))
    .where(and(eq(signatures.subjectType, subjectType), eq(signatures.subjectId, subjectId)))
    .orderBy(desc(signatures.signedAt), desc(signatures.id));
  return rows;
}

/** The subject's valid (not revoked) signature, the newest when there are several. */
export async function validSignatureOf(
  db: Db,
  subjectType: SignatureSubjectType,
  subjectId: string,
  /** Only a signature of exactly this content (a round report may change after it is reopened). */
  contentSha256?: string,
): Promise<SignatureRow | null> {
  const [row] = await db
    .select({ signature: signatures })
    .from(signatures)
    .leftJoin(signatureRevocations, eq(signatureRevocations.signatureId, signatures.id))
    .where(
      and(
        eq(signatures.subjectType, subjectType),
        eq(signatures.subjectId, subjectId),
        isNull(signatureRevocations.signatureId),
        contentSha256 === undefined ? undefined : eq(signatures.contentSha256, contentSha256),
      ),
    )
    .orderBy(desc(signatures.signedAt), desc(signatures.id))
    .limit(1);
  return row?.signature ?? null;
}

/**
 * What a document about a signed subject prints in place of the hand signature, and which signature
 * that is (so its files can be tied to it); null when the subject has no valid signature.
 */
export async function signatureBlockFor(
  db: Db,
  subjectType: SignatureSubjectType,
  subjectId: string,
  publicUrl: string | null | undefined,
  contentSha256?: string,
) {
  const row = await validSignatureOf(db, subjectType, subjectId, contentSha256);
  if (!row) return null;
  return { signatureId: row.id, block: electronicSignatureBlock(factsOf(row), publicUrl) };
}

/** Ties a document version's files to the signature(s) they carry (called in the document's transaction). */
export async function linkSignedFiles(
  tx: Db,
  signatureIds: string[],
  documentId: string,
  files: { format: string; sha256: string }[],
) {
  if (signatureIds.length === 0 || files.length === 0) return;
  await tx
    .insert(signatureFiles)
    .values(signatureIds.flatMap((signatureId) => files.map((f) => ({ signatureId, documentId, ...f }))))
    .onConflictDoNothing();
}

/**
 * Revokes a signature: by its signer or an admin of its organisation, with a reason (Thai, required).
 * The signature stays, shown as revoked; documents made afterwards go back to the hand signature line.
 */
export async function revokeSignature(db: Db, actor: Actor, id: string, reason: string) {
  const [found] = await db
    .select({ signature: signatures, orgPath: organizations.path })
    .from(signatures)
    .innerJoin(organizations, eq(organizations.id, signatures.organizationId))
    .where(eq(signatures.id, id));
  if (!found) throw fail.notFound(NOT_FOUND);
  const { signature, orgPath } = found;
  const mine = signature.signerUserId === actor.userId;
  if (!mine && !hasRoleOn(actor, ['admin'], orgPath)) {
    throw fail.forbidden(
      'เพิกถอนได้เฉพาะผู้ลงนามเองหรือผู้ดูแลระบบของหน่วยงาน',
      'Only the signer or an admin of the organisation may revoke this signature',
    );
  }
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(signatureRevocations)
      .values({ signatureId: id, revokedBy: actor.userId, revokedByName: actor.displayName, reason })
      .onConflictDoNothing()
      .returning({ id: signatureRevocations.signatureId });
    if (inserted.length === 0) {
      throw fail.conflict('already_revoked', 'ลายมือชื่อนี้ถูกเพิกถอนไปแล้ว', 'This signature is already revoked');
    }
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'signature.revoke',
      entityType: 'signature',
      entityId: id,
      organizationId: signature.organizationId,
      after: { reason, code: formatCode(signature.code) },
    });
  });
  const [revocation] = await db
    .select()
    .from(signatureRevocations)
    .where(eq(signatureRevocations.signatureId, id));
  return { signature, revocation: revocation! };
}

/** The signatures of several subjects at once (the plan page's versions). */
export async function signaturesOfSubjects(db: Db, subjectIds: string[]) {
  if (subjectIds.length === 0) return [];
  return db
    .select({ signature: signatures, revocation: signatureRevocations })
    .from(signatures)
    .leftJoin(signatureRevocations, eq(signatureRevocations.signatureId, signatures.id))
    .where(inArray(signatures.subjectId, subjectIds))
    .orderBy(desc(signatures.signedAt));
}
