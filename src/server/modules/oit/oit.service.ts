import { and, eq, like } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Edition, EditionQuestion } from '#shared/catalogue/edition.schema.ts';
import {
  checkIsOk,
  type OitCheck,
  type OitItemUpdate,
  type OitRow,
  type OitStatus,
  type OitTracker,
} from '#shared/oit/contract.ts';
import type { Db } from '../../db/client.ts';
import { oitItems, organizations, users } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { detail, fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { currentRevision } from '../catalogue/catalogue.service.ts';
import { depthOf } from '../organizations/tree.ts';
import { checkTargetUrl, type UrlProblem } from './checker/address-rules.ts';
import { checkUrls } from './checker/check-all.ts';
import { oitPolicy } from './oit.policy.ts';
import type { OitDeps } from './oit-deps.ts';
import { trackerXlsx } from './oit-xlsx.ts';
import { producedBy } from './produced-items.ts';

type OrgRow = typeof organizations.$inferSelect;
type ItemRow = typeof oitItems.$inferSelect;

const ORG = { th: 'หน่วยงาน', en: 'Organisation' };
const ITEM = { th: 'รายการ OIT', en: 'OIT item' };

/** One OIT item of an edition, as the tracker lists it. */
export type OitItemDef = {
  code: string;
  displayCode: string;
  labelTh: string;
  labelEn: string | null;
  labelTentative: boolean;
  indicator: number;
  produces: OitRow['produces'];
};

/**
 * The item's Thai name. The edition's wording when it has one; otherwise an alternative or an agency's
 * heading, marked tentative (never shown as NACC's own wording). The English name is the edition's
 * translation of that wording (none for an alternative or a heading, which have no translation).
 */
function labelOf(q: EditionQuestion): Pick<OitItemDef, 'labelTh' | 'labelEn' | 'labelTentative'> {
  if (q.text_th)
    return { labelTh: q.text_th, labelEn: q.text_en ?? null, labelTentative: q.confidence === 'low' };
  const fallback = q.text_th_alternatives?.[0]?.text_th ?? q.text_th_as_found;
  return fallback
    ? { labelTh: fallback, labelEn: null, labelTentative: true }
    : {
        labelTh: `รายการ ${q.display_code} (ยังไม่ทราบชื่อรายการ)`,
        labelEn: `Item ${q.display_code} (name not known)`,
        labelTentative: true,
      };
}

/** The OIT items of an edition (its questions of instrument OIT), in item order. */
export function oitItemsOf(edition: Edition): OitItemDef[] {
  return edition.questions
    .filter((q) => q.instrument === 'OIT')
    .map((q) => ({
      code: q.code,
      displayCode: q.display_code,
      ...labelOf(q),
      indicator: q.indicator,
      produces: producedBy(edition.fiscal_year, q.code),
    }))
    .sort((a, b) => Number(a.code.slice(1)) - Number(b.code.slice(1)));
}

type Scope = { org: OrgRow; fiscalYear: number; edition: Edition; items: OitItemDef[] };

async function scopeOf(
  db: Db,
  organizationId: string,
  fiscalYear: number,
  allowed: (org: OrgRow) => boolean,
) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw fail.notFound(ORG);
  if (!allowed(org)) throw fail.forbidden();
  const revision = await currentRevision(db, fiscalYear);
  if (!revision) {
    throw fail.notFound({ th: `กรอบการประเมินปี ${fiscalYear}`, en: `ITA edition ${fiscalYear}` });
  }
  return { org, fiscalYear, edition: revision.edition, items: oitItemsOf(revision.edition) } satisfies Scope;
}

const readScope = (db: Db, actor: Actor, organizationId: string, fiscalYear: number) =>
  scopeOf(db, organizationId, fiscalYear, (org) => oitPolicy.read(actor, org.path));
const editScope = (db: Db, actor: Actor, organizationId: string, fiscalYear: number) =>
  scopeOf(
    db,
    organizationId,
    fiscalYear,
    (org) => oitPolicy.read(actor, org.path) && oitPolicy.edit(actor, org.path),
  );

const byCode = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const thai = new Intl.Collator('th');

/** The organisation and its active units, depth-first (siblings by code, then Thai name). */
async function unitsOf(db: Db, org: OrgRow) {
  const rows = await db
    .select()
    .from(organizations)
    .where(and(like(organizations.path, `${org.path}%`), eq(organizations.active, true)));
  const children = new Map<string | null, OrgRow[]>();
  for (const row of rows) {
    const key = row.id === org.id ? null : row.parentId;
    children.set(key, [...(children.get(key) ?? []), row]);
  }
  const out: OitTracker['units'] = [];
  const base = depthOf(org.path);
  const walk = (parent: string | null) => {
    const list = (children.get(parent) ?? []).sort(
      (a, b) => byCode.compare(a.code, b.code) || thai.compare(a.nameTh, b.nameTh),
    );
    for (const row of list) {
      out.push({ id: row.id, nameTh: row.nameTh, nameEn: row.nameEn, depth: depthOf(row.path) - base });
      walk(row.id);
    }
  };
  walk(null);
  return out;
}

async function storedRows(db: Db, org: OrgRow, fiscalYear: number) {
  const owner = alias(organizations, 'owner');
  return db
    .select({
      item: oitItems,
      ownerName: owner.nameTh,
      ownerNameEn: owner.nameEn,
      updatedByName: users.displayName,
    })
    .from(oitItems)
    .leftJoin(owner, eq(owner.id, oitItems.ownerUnitId))
    .leftJoin(users, eq(users.id, oitItems.updatedBy))
    .where(and(eq(oitItems.organizationId, org.id), eq(oitItems.fiscalYear, fiscalYear)));
}

/** The resolver's answer when it is an absolute http(s) URL; anything else counts as none. */
async function autoUrlOf(db: Db, deps: OitDeps, scope: Scope, def: OitItemDef): Promise<string | null> {
  if (!def.produces) return null;
  const url = await deps.autoUrl.publicUrlFor(
    {
      organizationId: scope.org.id,
      fiscalYear: scope.fiscalYear,
      itemCode: def.code,
      produces: def.produces,
    },
    { db },
  );
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function toRow(
  def: OitItemDef,
  stored:
    | { item: ItemRow; ownerName: string | null; ownerNameEn: string | null; updatedByName: string | null }
    | undefined,
  autoUrl: string | null,
): OitRow {
  const item = stored?.item;
  const url = item?.url ?? null;
  const effectiveUrl = url ?? autoUrl;
  const check = (item?.lastCheck ?? null) as OitCheck | null;
  return {
    itemCode: def.code,
    displayCode: def.displayCode,
    labelTh: def.labelTh,
    labelEn: def.labelEn,
    labelTentative: def.labelTentative,
    indicator: def.indicator,
    produces: def.produces,
    url,
    urlNote: item?.urlNote ?? '',
    autoUrl,
    effectiveUrl,
    status: (item?.status ?? 'not_started') as OitStatus,
    ownerUnitId: item?.ownerUnitId ?? null,
    ownerUnitNameTh: stored?.ownerName ?? null,
    ownerUnitNameEn: stored?.ownerNameEn ?? null,
    notes: item?.notes ?? '',
    rowVersion: item?.rowVersion ?? 0,
    updatedByName: stored?.updatedByName ?? null,
    updatedAt: item?.updatedBy ? item.updatedAt.toISOString() : null,
    // A result for another address (the URL changed since) is not this row's result.
    lastCheck: check && check.url === effectiveUrl ? check : null,
  };
}

async function rowsOf(db: Db, deps: OitDeps, scope: Scope): Promise<OitRow[]> {
  const stored = new Map(
    (await storedRows(db, scope.org, scope.fiscalYear)).map((r) => [r.item.itemCode, r]),
  );
  return Promise.all(
    scope.items.map(async (def) => toRow(def, stored.get(def.code), await autoUrlOf(db, deps, scope, def))),
  );
}

function summaryOf(rows: OitRow[]): OitTracker['summary'] {
  const count = (f: (r: OitRow) => boolean) => rows.filter(f).length;
  return {
    total: rows.length,
    ready: count((r) => r.status === 'ready'),
    inProgress: count((r) => r.status === 'in_progress'),
    notStarted: count((r) => r.status === 'not_started'),
    withUrl: count((r) => r.effectiveUrl !== null),
    checked: count((r) => r.lastCheck !== null),
    checkedOk: count((r) => r.lastCheck !== null && checkIsOk(r.lastCheck)),
  };
}

async function trackerOf(db: Db, deps: OitDeps, scope: Scope, canEdit: boolean): Promise<OitTracker> {
  const [rows, units] = await Promise.all([rowsOf(db, deps, scope), unitsOf(db, scope.org)]);
  return {
    organizationId: scope.org.id,
    organizationNameTh: scope.org.nameTh,
    organizationNameEn: scope.org.nameEn,
    fiscalYear: scope.fiscalYear,
    editionTitleTh: scope.edition.title_th,
    editionTitleEn: scope.edition.title_en,
    canEdit,
    units,
    rows,
    summary: summaryOf(rows),
  };
}

/** Every OIT item of the year's edition, stored or not (an item never edited is "not started"). */
export async function getTracker(
  db: Db,
  actor: Actor,
  deps: OitDeps,
  organizationId: string,
  fiscalYear: number,
): Promise<OitTracker> {
  const scope = await readScope(db, actor, organizationId, fiscalYear);
  return trackerOf(db, deps, scope, oitPolicy.edit(actor, scope.org.path));
}

const URL_FIELD = { th: 'ช่อง "ลิงก์ (URL)"', en: 'Field "url"' };
const URL_MESSAGES: Record<UrlProblem, { th: string; en: string }> = {
  invalid_url: {
    th: `${URL_FIELD.th}: ที่อยู่ไม่ถูกต้อง ต้องเป็นที่อยู่เต็ม เช่น https://www.example.go.th/ita`,
    en: `${URL_FIELD.en}: not a valid address; give a full address such as https://www.example.go.th/ita`,
  },
  unsupported_scheme: {
    th: `${URL_FIELD.th}: ใช้ได้เฉพาะที่อยู่ที่ขึ้นต้นด้วย http:// หรือ https://`,
    en: `${URL_FIELD.en}: only http:// and https:// addresses are accepted`,
  },
  private_address: {
    th: `${URL_FIELD.th}: ต้องเป็นที่อยู่สาธารณะที่ผู้ตรวจประเมินเปิดได้ ไม่ใช่เครือข่ายภายในหรือเครื่องแม่ข่ายเอง (localhost, 127.x, 10.x, 192.168.x, 169.254.x ฯลฯ)`,
    en: `${URL_FIELD.en}: must be a public address the assessor can open, not a loopback, private, link-local, unique-local or metadata address`,
  },
};

/** Saves one item against the version it was read at (0: never saved); a stale save changes nothing. */
export async function updateItem(
  db: Db,
  actor: Actor,
  deps: OitDeps,
  organizationId: string,
  fiscalYear: number,
  itemCode: string,
  input: OitItemUpdate,
): Promise<OitRow> {
  const scope = await editScope(db, actor, organizationId, fiscalYear);
  const def = scope.items.find((i) => i.code === itemCode.toLowerCase());
  if (!def) throw fail.notFound(ITEM);

  const problems = [];
  let url: string | null = null;
  if (input.url !== null) {
    const checked = checkTargetUrl(input.url, deps.allowPrivateTargets);
    if (checked.ok) url = input.url;
    else {
      const m = URL_MESSAGES[checked.problem];
      problems.push(detail('url', m.th, m.en));
    }
  }
  if (input.ownerUnitId !== null) {
    const [unit] = await db.select().from(organizations).where(eq(organizations.id, input.ownerUnitId));
    if (!unit?.active || !unit.path.startsWith(scope.org.path)) {
      problems.push(
        detail(
          'ownerUnitId',
          'ช่อง "หน่วยงานผู้รับผิดชอบ": ต้องเป็นหน่วยงานนี้หรือหน่วยงานภายใต้ที่ยังใช้งานอยู่',
          'Field "ownerUnitId": must be this organisation or an active unit below it',
        ),
      );
    }
  }
  if (problems.length > 0) throw fail.validation(problems);

  const fields = {
    url,
    urlNote: input.urlNote,
    status: input.status,
    ownerUnitId: input.ownerUnitId,
    notes: input.notes,
  };
  await db.transaction(async (tx) => {
    const where = and(
      eq(oitItems.organizationId, scope.org.id),
      eq(oitItems.fiscalYear, fiscalYear),
      eq(oitItems.itemCode, def.code),
    );
    const [before] = await tx.select().from(oitItems).where(where);
    if ((before?.rowVersion ?? 0) !== input.rowVersion) throw fail.staleVersion();
    const urlChanged = (before?.url ?? null) !== url;
    let saved: ItemRow | undefined;
    if (!before) {
      [saved] = await tx
        .insert(oitItems)
        .values({
          organizationId: scope.org.id,
          fiscalYear,
          itemCode: def.code,
          ...fields,
          updatedBy: actor.userId,
        })
        .onConflictDoNothing()
        .returning();
    } else {
      [saved] = await tx
        .update(oitItems)
        .set({
          ...fields,
          // The last check was of the old address: it says nothing about the new one.
          ...(urlChanged ? { lastCheck: null, checkedAt: null } : {}),
          rowVersion: before.rowVersion + 1,
          updatedBy: actor.userId,
          updatedAt: new Date(),
        })
        .where(and(where, eq(oitItems.rowVersion, before.rowVersion)))
        .returning();
    }
    if (!saved) throw fail.staleVersion();
    const pick = (r: ItemRow | undefined) =>
      r
        ? { url: r.url, urlNote: r.urlNote, status: r.status, ownerUnitId: r.ownerUnitId, notes: r.notes }
        : null;
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'oit_item.update',
      entityType: 'oit_item',
      entityId: saved.id,
      organizationId: scope.org.id,
      before: before ? { fiscalYear, itemCode: def.code, ...pick(before) } : null,
      after: { fiscalYear, itemCode: def.code, ...pick(saved) },
    });
  });
  const rows = await rowsOf(db, deps, { ...scope, items: [def] });
  return rows[0]!;
}

/** Checks of one organisation-year running in this process: a second request waits for none. */
const running = new Set<string>();

export type CheckRun = { checked: number; ok: number; failed: number };

/**
 * Opens every item's effective URL (its own, else its automatic one) and stores each result as the
 * item's `lastCheck`. Items with a result but no row yet (automatic URLs) get a row. Storing a result
 * does not change `rowVersion`: checking never makes someone's edit stale. One audit event per run.
 */
async function checkScope(
  db: Db,
  deps: OitDeps,
  scope: Scope,
  actorUserId: string | null,
  signal?: AbortSignal,
): Promise<CheckRun> {
  const key = `${scope.org.id}:${scope.fiscalYear}`;
  if (running.has(key)) {
    throw fail.conflict(
      'oit_check_running',
      'กำลังตรวจลิงก์ของหน่วยงานและปีนี้อยู่ กรุณารอสักครู่',
      'The links of this organisation and year are being checked already; wait a moment',
    );
  }
  running.add(key);
  try {
    const rows = (await rowsOf(db, deps, scope)).filter((r) => r.effectiveUrl !== null);
    const results = await checkUrls(
      rows.map((r) => ({ url: r.effectiveUrl!, fiscalYear: scope.fiscalYear })),
      {
        concurrency: deps.check.concurrency,
        timeoutMs: deps.check.timeoutMs,
        maxRedirects: deps.check.maxRedirects,
        maxBodyBytes: deps.check.maxBodyBytes,
        allowPrivate: deps.allowPrivateTargets,
        signal,
        ...(deps.check.resolver ? { resolver: deps.check.resolver } : {}),
      },
    );
    const ok = results.filter(checkIsOk).length;
    if (signal?.aborted) return { checked: 0, ok: 0, failed: 0 };
    await db.transaction(async (tx) => {
      for (const [i, row] of rows.entries()) {
        const result = results[i]!;
        const checkedAt = new Date(result.checkedAt);
        await tx
          .insert(oitItems)
          .values({
            organizationId: scope.org.id,
            fiscalYear: scope.fiscalYear,
            itemCode: row.itemCode,
            lastCheck: result,
            checkedAt,
          })
          .onConflictDoUpdate({
            target: [oitItems.organizationId, oitItems.fiscalYear, oitItems.itemCode],
            set: { lastCheck: result, checkedAt },
          });
      }
      await recordAudit(tx, {
        actorUserId,
        action: 'oit.check',
        entityType: 'oit_tracker',
        entityId: key,
        organizationId: scope.org.id,
        after: {
          fiscalYear: scope.fiscalYear,
          checked: results.length,
          ok,
          failed: results
            .map((r, i) => ({
              item: rows[i]!.itemCode,
              ok: checkIsOk(r),
              error: r.error?.code ?? null,
              status: r.httpStatus,
            }))
            .filter((r) => !r.ok),
        },
      });
    });
    return { checked: results.length, ok, failed: results.length - ok };
  } finally {
    running.delete(key);
  }
}

/** "Check all links" from the page: secretariat or admin. */
export async function runChecks(
  db: Db,
  actor: Actor,
  deps: OitDeps,
  organizationId: string,
  fiscalYear: number,
): Promise<CheckRun & { tracker: OitTracker }> {
  const scope = await editScope(db, actor, organizationId, fiscalYear);
  const run = await checkScope(db, deps, scope, actor.userId);
  return { ...run, tracker: await trackerOf(db, deps, scope, true) };
}

/** The nightly pass: no actor, skips an organisation-year already being checked. */
export async function runChecksAsSystem(
  db: Db,
  deps: OitDeps,
  organizationId: string,
  fiscalYear: number,
  signal?: AbortSignal,
): Promise<CheckRun | null> {
  const scope = await scopeOf(db, organizationId, fiscalYear, () => true);
  if (running.has(`${organizationId}:${fiscalYear}`)) return null;
  return checkScope(db, deps, scope, null, signal);
}

/** The tracker as an XLSX file (read access). */
export async function exportTracker(
  db: Db,
  actor: Actor,
  deps: OitDeps,
  organizationId: string,
  fiscalYear: number,
  digits: 'arabic' | 'thai',
) {
  return trackerXlsx(await getTracker(db, actor, deps, organizationId, fiscalYear), digits);
}
