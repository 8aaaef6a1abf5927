import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type {
  CreateIdentityProvider,
  IdentityProvider,
  SignInProvider,
  UpdateIdentityProvider,
} from '#shared/identity/contract.ts';
import type { Db } from '../../db/client.ts';
import {
  identityProviderOrganizations,
  identityProviders,
  organizations,
  userCitizenIds,
  userIdentities,
  users,
} from '../../db/schema/index.ts';
import { type Actor, isDeploymentAdmin } from '../../http/actor.ts';
import { AppError, detail, fail } from '../../http/app-error.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadGrants } from '../users/grants.ts';
import { userPolicy } from '../users/users.policy.ts';
import { citizenIdHmac } from './citizen-id.ts';
import {
  clientSecretPurpose,
  DiscoveryError,
  discoverIssuer,
  forgetIssuer,
  type IdentityDeps,
} from './oidc-client.ts';
import { DEFAULT_SCOPES, isThaiCitizenId, type ProviderKind } from './rules/claims.ts';

type ProviderRow = typeof identityProviders.$inferSelect;
const NOT_FOUND = { th: 'ผู้ให้บริการยืนยันตัวตน', en: 'Identity provider' };

/** Only a deployment-wide administrator adds, changes or lists identity providers. */
function requireDeploymentAdmin(actor: Actor) {
  if (!isDeploymentAdmin(actor)) {
    throw fail.forbidden(
      'เฉพาะผู้ดูแลระบบระดับทั้งระบบเท่านั้นที่จัดการผู้ให้บริการยืนยันตัวตนได้',
      'Only a deployment-wide administrator manages identity providers',
    );
  }
}

/** The scopes as stored: the given ones (or the kind's default), with openid first and no repeats. */
export function normaliseScopes(kind: ProviderKind, scopes: string | undefined): string {
  const list = (scopes?.trim() ? scopes : DEFAULT_SCOPES[kind]).split(/\s+/).filter(Boolean);
  return ['openid', ...new Set(list.filter((s) => s !== 'openid'))].join(' ');
}

/** The issuer as stored: without a trailing slash unless it is the whole address (as providers write it). */
const normaliseIssuer = (issuer: string) => issuer.trim();

async function assertDiscoverable(issuer: string, deps: IdentityDeps, field = 'issuer') {
  forgetIssuer(issuer);
  try {
    await discoverIssuer(issuer, deps);
  } catch (error) {
    if (!(error instanceof DiscoveryError)) throw error;
    throw new AppError(
      400,
      'discovery_failed',
      `อ่านข้อมูลผู้ให้บริการจาก ${error.address} ไม่ได้ จึงยังไม่ได้บันทึก กรุณาตรวจที่อยู่ผู้ให้บริการ (issuer) (${error.reason})`,
      `The provider's OpenID configuration could not be read from ${error.address}, so nothing was saved. Check the issuer address (${error.reason})`,
      [detail(field, `อ่าน ${error.address} ไม่ได้`, `${error.address} could not be read`)],
    );
  }
}

async function assertOrganizations(db: Db, ids: string[]) {
  const found = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  const known = new Set(found.map((r) => r.id));
  const unknown = ids.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
  if (unknown.length > 0) {
    throw fail.validation(
      unknown.map(({ i }) => detail(`organizationIds.${i}`, 'ไม่พบหน่วยงานที่ระบุ', 'unknown organisation')),
    );
  }
}

async function describeProviders(db: Db, rows: ProviderRow[]): Promise<IdentityProvider[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db
    .select({
      providerId: identityProviderOrganizations.providerId,
      id: organizations.id,
      nameTh: organizations.nameTh,
    })
    .from(identityProviderOrganizations)
    .innerJoin(organizations, eq(organizations.id, identityProviderOrganizations.organizationId))
    .where(inArray(identityProviderOrganizations.providerId, ids))
    .orderBy(asc(organizations.path));
  const accounts = await db
    .select({ providerId: userIdentities.providerId, n: count() })
    .from(userIdentities)
    .where(inArray(userIdentities.providerId, ids))
    .groupBy(userIdentities.providerId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind === 'thaid' ? 'thaid' : 'oidc',
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: row.clientSecretSealed !== null,
    scopes: row.scopes,
    firstSignIn: row.firstSignIn === 'match_email' ? 'match_email' : 'create',
    enabled: row.enabled,
    organizations: links.filter((l) => l.providerId === row.id).map(({ id, nameTh }) => ({ id, nameTh })),
    accounts: accounts.find((a) => a.providerId === row.id)?.n ?? 0,
    version: row.version,
  }));
}

/** What the audit trail keeps of a provider: never the secret. */
const auditView = (p: IdentityProvider) => ({
  name: p.name,
  kind: p.kind,
  issuer: p.issuer,
  clientId: p.clientId,
  hasClientSecret: p.hasClientSecret,
  scopes: p.scopes,
  firstSignIn: p.firstSignIn,
  enabled: p.enabled,
  organizationIds: p.organizations.map((o) => o.id),
});

export async function listProviders(db: Db, actor: Actor): Promise<IdentityProvider[]> {
  requireDeploymentAdmin(actor);
  const rows = await db.select().from(identityProviders).orderBy(asc(identityProviders.name));
  return describeProviders(db, rows);
}

/** The sign-in page's buttons: enabled providers, by name. Public. */
export async function signInProviders(db: Db): Promise<SignInProvider[]> {
  const rows = await db
    .select({ id: identityProviders.id, name: identityProviders.name, kind: identityProviders.kind })
    .from(identityProviders)
    .where(eq(identityProviders.enabled, true))
    .orderBy(asc(identityProviders.name));
  return rows.map((r) => ({ ...r, kind: r.kind === 'thaid' ? 'thaid' : 'oidc' }));
}

export async function createProvider(
  db: Db,
  box: SecretBox,
  deps: IdentityDeps,
  actor: Actor,
  input: CreateIdentityProvider,
): Promise<IdentityProvider> {
  requireDeploymentAdmin(actor);
  const issuer = normaliseIssuer(input.issuer);
  await assertOrganizations(db, input.organizationIds);
  // Discovery first: a provider whose configuration cannot be read is not saved.
  await assertDiscoverable(issuer, deps);
  return db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(identityProviders)
      .values({
        id,
        name: input.name,
        kind: input.kind,
        issuer,
        clientId: input.clientId,
        clientSecretSealed:
          input.clientSecret === undefined ? null : box.seal(input.clientSecret, clientSecretPurpose(id)),
        scopes: normaliseScopes(input.kind, input.scopes),
        firstSignIn: input.firstSignIn,
        enabled: input.enabled,
      })
      .returning();
    await tx
      .insert(identityProviderOrganizations)
      .values(
        [...new Set(input.organizationIds)].map((organizationId) => ({ providerId: id, organizationId })),
      );
    const [created] = await describeProviders(tx, [row!]);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'identity_provider.create',
      entityType: 'identity_provider',
      entityId: id,
      after: auditView(created!),
    });
    return created!;
  });
}

export async function updateProvider(
  db: Db,
  box: SecretBox,
  deps: IdentityDeps,
  actor: Actor,
  id: string,
  input: UpdateIdentityProvider,
): Promise<IdentityProvider> {
  requireDeploymentAdmin(actor);
  const [current] = await db.select().from(identityProviders).where(eq(identityProviders.id, id));
  if (!current) throw fail.notFound(NOT_FOUND);
  if (current.version !== input.version) throw fail.staleVersion();
  if (input.organizationIds) await assertOrganizations(db, input.organizationIds);
  const issuer = input.issuer === undefined ? undefined : normaliseIssuer(input.issuer);
  if (issuer !== undefined && issuer !== current.issuer) await assertDiscoverable(issuer, deps);
  return db.transaction(async (tx) => {
    const [before] = await describeProviders(tx, [current]);
    const [row] = await tx
      .update(identityProviders)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(issuer === undefined ? {} : { issuer }),
        ...(input.clientId === undefined ? {} : { clientId: input.clientId }),
        ...(input.clientSecret === undefined
          ? {}
          : { clientSecretSealed: box.seal(input.clientSecret, clientSecretPurpose(id)) }),
        ...(input.scopes === undefined
          ? {}
          : { scopes: normaliseScopes(current.kind === 'thaid' ? 'thaid' : 'oidc', input.scopes) }),
        ...(input.firstSignIn === undefined ? {} : { firstSignIn: input.firstSignIn }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(identityProviders.id, id), eq(identityProviders.version, current.version)))
      .returning();
    if (!row) throw fail.staleVersion();
    if (input.organizationIds) {
      await tx.delete(identityProviderOrganizations).where(eq(identityProviderOrganizations.providerId, id));
      await tx
        .insert(identityProviderOrganizations)
        .values(
          [...new Set(input.organizationIds)].map((organizationId) => ({ providerId: id, organizationId })),
        );
    }
    const [after] = await describeProviders(tx, [row]);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'identity_provider.update',
      entityType: 'identity_provider',
      entityId: id,
      before: auditView(before!),
      after: { ...auditView(after!), clientSecretReplaced: input.clientSecret !== undefined },
    });
    return after!;
  });
}

/**
 * An administrator records the citizen ID of a person they manage, so that the person's first ThaID
 * sign-in finds their account: only its salted hash is written, the ID itself nowhere (nor in the audit).
 * An empty ID removes the record.
 */
export async function setCitizenId(db: Db, box: SecretBox, actor: Actor, userId: string, citizenId: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw fail.notFound({ th: 'ผู้ใช้', en: 'User' });
  if (!isDeploymentAdmin(actor) && !userPolicy.manage(actor, await loadGrants(db, userId)))
    throw fail.forbidden();
  const id = citizenId.replace(/[\s-]/g, '');
  if (id !== '' && !isThaiCitizenId(id)) {
    throw fail.validation([
      detail(
        'citizenId',
        'เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลักที่หลักสุดท้ายตรวจสอบถูกต้อง',
        'a citizen ID is 13 digits with a valid check digit',
      ),
    ]);
  }
  const hmac = id === '' ? null : await citizenIdHmac(db, box, id);
  await db.transaction(async (tx) => {
    if (hmac !== null) {
      const [clash] = await tx
        .select({ userId: userCitizenIds.userId })
        .from(userCitizenIds)
        .where(eq(userCitizenIds.citizenIdHmac, hmac));
      if (clash && clash.userId !== userId) {
        throw fail.conflict(
          'citizen_id_taken',
          'เลขประจำตัวประชาชนนี้บันทึกไว้กับบัญชีอื่นแล้ว',
          'This citizen ID is already recorded for another account',
          [detail('citizenId', 'บันทึกไว้กับบัญชีอื่นแล้ว', 'recorded for another account')],
        );
      }
    }
    await tx.delete(userCitizenIds).where(eq(userCitizenIds.userId, userId));
    if (hmac !== null) await tx.insert(userCitizenIds).values({ userId, citizenIdHmac: hmac });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: hmac === null ? 'user.citizen_id_remove' : 'user.citizen_id_set',
      entityType: 'user',
      entityId: userId,
    });
  });
}
