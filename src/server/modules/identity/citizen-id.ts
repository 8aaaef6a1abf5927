import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { identitySettings, userCitizenIds } from '../../db/schema/index.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';

/**
 * Citizen IDs (ThaID's `pid`) are personal data (PDPA): the database keeps only HMAC-SHA256 of the ID under
 * a salt of this deployment, made at random the first time and kept sealed with the secrets key
 * (decision 025). The ID itself is never written, logged or shown; equal IDs give equal hashes, which is
 * all that matching an account needs. Without the secrets key the salt cannot be opened, and no hash is
 * made or compared (the secret box refuses, naming the setting).
 */
const SALT_PURPOSE = 'identity:citizen-id-salt';
const SETTINGS_ID = 'deployment';

async function citizenIdSalt(db: Db, box: SecretBox): Promise<Buffer> {
  const [existing] = await db
    .select({ sealed: identitySettings.citizenIdSaltSealed })
    .from(identitySettings)
    .where(eq(identitySettings.id, SETTINGS_ID));
  if (existing) return Buffer.from(box.open(existing.sealed, SALT_PURPOSE), 'base64');
  const sealed = box.seal(randomBytes(32).toString('base64'), SALT_PURPOSE);
  // Two first uses at once: one salt wins, both use it.
  await db
    .insert(identitySettings)
    .values({ id: SETTINGS_ID, citizenIdSaltSealed: sealed })
    .onConflictDoNothing();
  const [row] = await db
    .select({ sealed: identitySettings.citizenIdSaltSealed })
    .from(identitySettings)
    .where(eq(identitySettings.id, SETTINGS_ID));
  return Buffer.from(box.open(row!.sealed, SALT_PURPOSE), 'base64');
}

export async function citizenIdHmac(db: Db, box: SecretBox, citizenId: string): Promise<string> {
  const salt = await citizenIdSalt(db, box);
  return createHmac('sha256', salt).update(citizenId, 'utf8').digest('base64url');
}

export async function userIdByCitizenId(db: Db, box: SecretBox, citizenId: string): Promise<string | null> {
  const hmac = await citizenIdHmac(db, box, citizenId);
  const [row] = await db
    .select({ userId: userCitizenIds.userId })
    .from(userCitizenIds)
    .where(eq(userCitizenIds.citizenIdHmac, hmac));
  return row?.userId ?? null;
}
