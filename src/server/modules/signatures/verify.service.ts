import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  organizations,
  plans,
  rounds,
  signatureFiles,
  signatureRevocations,
  signatures,
} from '../../db/schema/index.ts';
import { livePublication } from '../documents/evidence-facts.ts';
import { parseCode } from './rules/code.ts';
import type { RevocationRow, SignatureRow } from './signatures.service.ts';

/**
 * What the public verification page may say about a signature (decision 024). Always: whether it is
 * valid or revoked (when, why), the signer's name and position, when, how their identity was verified,
 * the agency, what kind of act it was and for which fiscal year. The document's title and address only
 * when that very version is published on the agency's public site (and not withdrawn); nothing else
 * of an unpublished document.
 */
export type Verification = {
  signature: Pick<
    SignatureRow,
    'code' | 'action' | 'signerName' | 'signerPosition' | 'signedAt' | 'verifiedBy' | 'identityProvider'
  >;
  revocation: Pick<RevocationRow, 'revokedAt' | 'reason'> | null;
  organization: { nameTh: string; nameEn: string | null };
  fiscalYear: number | null;
  published: { title: string; path: string; versionNo: number } | null;
  /** Set when a file was given: the format of the signed file it is exactly. */
  file: { format: string } | null;
};

export type VerifyOutcome =
  | { kind: 'found'; verification: Verification }
  | { kind: 'malformed' }
  | { kind: 'unknown_code' }
  | { kind: 'file_not_signed'; sha256: string };

async function describe(db: Db, row: SignatureRow, file: Verification['file']): Promise<Verification> {
  const [org] = await db
    .select({ nameTh: organizations.nameTh, nameEn: organizations.nameEn })
    .from(organizations)
    .where(eq(organizations.id, row.organizationId));
  const [revocation] = await db
    .select({ revokedAt: signatureRevocations.revokedAt, reason: signatureRevocations.reason })
    .from(signatureRevocations)
    .where(eq(signatureRevocations.signatureId, row.id));
  let fiscalYear: number | null = null;
  if (row.subjectType === 'plan') {
    const [plan] = await db
      .select({ fiscalYear: plans.fiscalYear })
      .from(plans)
      .where(eq(plans.id, row.subjectId));
    fiscalYear = plan?.fiscalYear ?? null;
  } else {
    const [round] = await db
      .select({ fiscalYear: plans.fiscalYear })
      .from(rounds)
      .innerJoin(plans, eq(plans.id, rounds.planId))
      .where(eq(rounds.id, row.subjectId));
    fiscalYear = round?.fiscalYear ?? null;
  }
  const live = await livePublication(db, row.subjectId);
  return {
    signature: {
      code: row.code,
      action: row.action,
      signerName: row.signerName,
      signerPosition: row.signerPosition,
      signedAt: row.signedAt,
      verifiedBy: row.verifiedBy,
      identityProvider: row.identityProvider,
    },
    revocation: revocation ?? null,
    organization: org ?? { nameTh: '', nameEn: null },
    fiscalYear,
    published: live ? { title: live.title, path: live.path, versionNo: live.versionNo } : null,
    file,
  };
}

/** A code as typed (any case, spaces, Thai digits, with or without the hyphen). Reads only. */
export async function verifyCode(db: Db, input: string): Promise<VerifyOutcome> {
  const code = parseCode(input);
  if (!code) return { kind: 'malformed' };
  const [row] = await db.select().from(signatures).where(eq(signatures.code, code));
  if (!row) return { kind: 'unknown_code' };
  return { kind: 'found', verification: await describe(db, row, null) };
}

/**
 * A file as given (hashed here, never stored): found only when it is byte for byte a file generated
 * for a signed version and carrying its signature block.
 */
export async function verifyFile(db: Db, bytes: Uint8Array): Promise<VerifyOutcome> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [link] = await db
    .select({ signature: signatures, format: signatureFiles.format })
    .from(signatureFiles)
    .innerJoin(signatures, eq(signatures.id, signatureFiles.signatureId))
    .where(eq(signatureFiles.sha256, sha256))
    .limit(1);
  if (!link) return { kind: 'file_not_signed', sha256 };
  return { kind: 'found', verification: await describe(db, link.signature, { format: link.format }) };
}
