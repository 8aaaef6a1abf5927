import { and, eq, like, ne, or, sql } from 'drizzle-orm';
import type {
  CreateOrganization,
  MoveOrganization,
  Organization,
  OrganizationKind,
  UpdateOrganization,
} from '#shared/organizations/contract.ts';
import type { Db } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import { type Actor, ALL_ROLES, scopeRoots } from '../../http/actor.ts';
import { detail, fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { organizationPolicy } from './organizations.policy.ts';
import { childPath, depthOf, rebase, wouldCreateCycle } from './tree.ts';

type Row = typeof organizations.$inferSelect;
const thai = new Intl.Collator('th');
const byCode = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const NOT_FOUND = { th: 'หน่วยงาน', en: 'Organisation' };

export function toOrganization(row: Row): Organization {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    kind: row.kind as OrganizationKind,
    nameTh: row.nameTh,
    nameEn: row.nameEn,
    shortNameTh: row.shortNameTh,
    shortNameEn: row.shortNameEn,
    active: row.active,
    depth: depthOf(row.path),
    version: row.version,
  };
}

/** Depth-first order with siblings by code (numbers in codes compare as numbers), then Thai name. */
function treeOrder(rows: Row[]): Row[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, Row[]>();
  for (const row of rows) {
    const key = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    children.set(key, [...(children.get(key) ?? []), row]);
  }
  const out: Row[] = [];
  const walk = (parent: string | null) => {
    for (const row of (children.get(parent) ?? []).sort(
      (a, b) => byCode.compare(a.code, b.code) || thai.compare(a.nameTh, b.nameTh),
    )) {
      out.push(row);
      walk(row.id);
    }
  };
  walk(null);
  return out;
}

export async function findOrganizationRow(db: Db, id: string): Promise<Row | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

/** The organisation if the actor may read it: unknown → 404, out of scope → 403. */
export async function readableOrganizationRow(db: Db, actor: Actor, id: string): Promise<Row> {
  const row = await findOrganizationRow(db, id);
  if (!row) throw fail.notFound(NOT_FOUND);
  if (!organizationPolicy.read(actor, row.path)) throw fail.forbidden();
  return row;
}

export async function listOrganizations(db: Db, actor: Actor): Promise<Organization[]> {
  const roots = scopeRoots(actor, ALL_ROLES);
  if (roots.length === 0) return [];
  const where = roots.includes(null)
    ? undefined
    : or(...roots.map((root) => like(organizations.path, `${root}%`)));
  const rows = await db.select().from(organizations).where(where);
  return treeOrder(rows).map(toOrganization);
}

export async function getOrganization(db: Db, actor: Actor, id: string): Promise<Organization> {
  return toOrganization(await readableOrganizationRow(db, actor, id));
}

async function assertCodeFree(db: Db, code: string, exceptId?: string) {
  const clash = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        sql`lower(${organizations.code}) = lower(${code})`,
        exceptId ? ne(organizations.id, exceptId) : undefined,
      ),
    );
  if (clash.length > 0) {
    throw fail.conflict('organization_code_taken', 'รหัสหน่วยงานนี้ถูกใช้แล้ว', 'This code is already in use', [
      detail('code', `รหัส "${code}" ถูกใช้โดยหน่วยงานอื่นแล้ว`, `code "${code}" is already used`),
    ]);
  }
}

async function parentFor(db: Db, parentId: string | null, field: string): Promise<Row | null> {
  if (parentId === null) return null;
  const parent = await findOrganizationRow(db, parentId);
  if (!parent) {
    throw fail.validation([detail(field, 'ไม่พบหน่วยงานต้นสังกัดที่ระบุ', 'unknown parent organisation')]);
  }
  if (!parent.active) {
    throw fail.validation([
      detail(field, 'หน่วยงานต้นสังกัดถูกยกเลิกการใช้งานแล้ว', 'the parent organisation is deactivated'),
    ]);
  }
  return parent;
}

export async function createOrganization(db: Db, actor: Actor, input: CreateOrganization) {
  return db.transaction(async (tx) => {
    const parent = await parentFor(tx, input.parentId, 'parentId');
    if (!organizationPolicy.create(actor, parent?.path ?? null)) throw fail.forbidden();
    await assertCodeFree(tx, input.code);
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(organizations)
      .values({
        id,
        parentId: parent?.id ?? null,
        path: childPath(parent?.path ?? null, id),
        code: input.code,
        kind: input.kind,
        nameTh: input.nameTh,
        nameEn: input.nameEn ?? null,
        shortNameTh: input.shortNameTh ?? null,
        shortNameEn: input.shortNameEn ?? null,
      })
      .returning();
    const created = toOrganization(row!);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'organization.create',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      after: created,
    });
    return created;
  });
}

function assertVersion(row: Row, version: number) {
  if (row.version !== version) throw fail.staleVersion();
}

export async function updateOrganization(db: Db, actor: Actor, id: string, input: UpdateOrganization) {
  return db.transaction(async (tx) => {
    const row = await readableOrganizationRow(tx, actor, id);
    if (!organizationPolicy.update(actor, row.path)) throw fail.forbidden();
    assertVersion(row, input.version);
    if (input.code !== undefined) await assertCodeFree(tx, input.code, id);
    const { version: _version, ...changes } = input;
    const [updated] = await tx
      .update(organizations)
      .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(organizations.id, id), eq(organizations.version, row.version)))
      .returning();
    if (!updated) throw fail.staleVersion();
    const after = toOrganization(updated);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'organization.update',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      before: toOrganization(row),
      after,
    });
    return after;
  });
}

export async function moveOrganization(db: Db, actor: Actor, id: string, input: MoveOrganization) {
  return db.transaction(async (tx) => {
    const row = await readableOrganizationRow(tx, actor, id);
    const parent = await parentFor(tx, input.newParentId, 'newParentId');
    if (!organizationPolicy.move(actor, row.path, parent?.path ?? null)) throw fail.forbidden();
    assertVersion(row, input.version);
    if (wouldCreateCycle(row.path, parent?.path ?? null)) {
      throw fail.validation([
        detail(
          'newParentId',
          'ไม่สามารถย้ายหน่วยงานไปอยู่ใต้ตัวเองหรือหน่วยงานในสังกัดของตัวเองได้',
          'an organisation cannot be moved under itself or one of its own units',
        ),
      ]);
    }
    const newPath = childPath(parent?.path ?? null, id);
    await tx
      .update(organizations)
      .set({ path: sql`${newPath} || substr(${organizations.path}, ${row.path.length + 1})` })
      .where(and(like(organizations.path, `${row.path}%`), ne(organizations.id, id)));
    const [moved] = await tx
      .update(organizations)
      .set({ parentId: parent?.id ?? null, path: newPath, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(organizations.id, id), eq(organizations.version, row.version)))
      .returning();
    if (!moved) throw fail.staleVersion();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'organization.move',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      before: { parentId: row.parentId, path: row.path },
      after: { parentId: moved.parentId, path: rebase(row.path, row.path, newPath) },
    });
    return toOrganization(moved);
  });
}

/** Deactivation covers the whole subtree: units of a closed office cannot stay open. Nothing is deleted. */
export async function setOrganizationActive(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; active: boolean },
) {
  return db.transaction(async (tx) => {
    const row = await readableOrganizationRow(tx, actor, id);
    if (!organizationPolicy.update(actor, row.path)) throw fail.forbidden();
    assertVersion(row, input.version);
    if (input.active && row.parentId) {
      const parent = await findOrganizationRow(tx, row.parentId);
      if (parent && !parent.active) {
        throw fail.validation([
          detail('active', 'ต้องเปิดใช้งานหน่วยงานต้นสังกัดก่อน', 'reactivate the parent organisation first'),
        ]);
      }
    }
    const scope = input.active ? eq(organizations.id, id) : like(organizations.path, `${row.path}%`);
    const changed = await tx
      .update(organizations)
      .set({ active: input.active, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
      .where(and(scope, ne(organizations.active, input.active)))
      .returning({ id: organizations.id });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: input.active ? 'organization.reactivate' : 'organization.deactivate',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      before: { active: row.active },
      after: { active: input.active, affected: changed.map((c) => c.id) },
    });
    return toOrganization((await findOrganizationRow(tx, id))!);
  });
}
