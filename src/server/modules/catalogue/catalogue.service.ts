import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { EditionDetail, EditionSummary } from '#shared/catalogue/contract.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { isEditionFile } from '#shared/catalogue/files.ts';
import { resolveGroupings } from '#shared/catalogue/grouping-refs.ts';
import { parseEdition } from '#shared/catalogue/parse-edition.ts';
import type { Db } from '../../db/client.ts';
import { catalogueBundledSources, catalogueRevisions } from '../../db/schema/index.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, fail } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { cataloguePolicy } from './catalogue.policy.ts';
import { summarizeEdition } from './summarize-edition.ts';

type RevisionRow = typeof catalogueRevisions.$inferSelect;

export const bundledCatalogueDir = fileURLToPath(new URL('../../../../catalogue', import.meta.url));

const hashOf = (edition: Edition) => createHash('sha256').update(JSON.stringify(edition)).digest('hex');

function toSummary(row: RevisionRow): EditionSummary {
  return summarizeEdition(row.content as Edition, {
    revision: row.revision,
    revisionId: row.id,
    origin: row.origin === 'upload' ? 'upload' : 'bundled',
    importedAt: row.importedAt.toISOString(),
  });
}

/** The current revision of every fiscal year: the newest one loaded. */
async function currentRows(db: Db): Promise<RevisionRow[]> {
  const rows = await db
    .select()
    .from(catalogueRevisions)
    .orderBy(catalogueRevisions.fiscalYear, desc(catalogueRevisions.revision));
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.fiscalYear) && seen.add(r.fiscalYear));
}

export async function currentEditions(db: Db): Promise<Edition[]> {
  return (await currentRows(db)).map((r) => r.content as Edition);
}

/** The first number of the two-number advisory lock taken on an edition year (the second is the year). */
const EDITION_LOCK_SPACE = 7_150_002;

/**
 * Adds a revision unless this exact content is already the current one for its year. Inside the
 * caller's transaction, under a lock on the year until it ends: several app processes starting
 * together all load the bundled editions, and an upload may come at the same time; the second waits,
 * then sees the first one's revision instead of numbering its own the same.
 */
async function addRevision(
  tx: Db,
  edition: Edition,
  origin: 'bundled' | 'upload',
  actorUserId: string | null,
): Promise<{ row: RevisionRow; created: boolean }> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(${sql.raw(String(EDITION_LOCK_SPACE))}, ${sql.raw(String(edition.fiscal_year))})`,
  );
  const contentHash = hashOf(edition);
  const [latest] = await tx
    .select()
    .from(catalogueRevisions)
    .where(eq(catalogueRevisions.fiscalYear, edition.fiscal_year))
    .orderBy(desc(catalogueRevisions.revision))
    .limit(1);
  if (latest?.contentHash === contentHash) return { row: latest, created: false };
  if (origin === 'bundled' && latest) {
    // A bundled file that an admin has since corrected must not undo the correction at every start.
    const [known] = await tx
      .select({ id: catalogueRevisions.id })
      .from(catalogueRevisions)
      .where(
        and(
          eq(catalogueRevisions.fiscalYear, edition.fiscal_year),
          eq(catalogueRevisions.contentHash, contentHash),
        ),
      );
    if (known) return { row: latest, created: false };
  }
  const [row] = await tx
    .insert(catalogueRevisions)
    .values({
      fiscalYear: edition.fiscal_year,
      revision: (latest?.revision ?? 0) + 1,
      titleTh: edition.title_th,
      titleEn: edition.title_en,
      content: edition,
      contentHash,
      origin,
      importedBy: actorUserId,
    })
    .returning();
  await recordAudit(tx, {
    actorUserId,
    action: origin === 'upload' ? 'catalogue.import' : 'catalogue.load',
    entityType: 'catalogue_edition',
    entityId: String(edition.fiscal_year),
    before: latest ? { revision: latest.revision, contentHash: latest.contentHash } : null,
    after: { revision: row!.revision, contentHash },
  });
  return { row: row!, created: true };
}

/** The parser's own code: a change to it may change what the same file gives, so it is part of each file's source hash. */
const parserDir = fileURLToPath(new URL('../../../shared/catalogue', import.meta.url));
const libraryVersions = ['yaml', 'zod'].map((name) => {
  const require = createRequire(import.meta.url);
  try {
    return `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;
  } catch {
    return `${name}@?`;
  }
});

let parserFingerprint: string | null | undefined;

/** A hash of the catalogue parser's sources and of the yaml and zod versions; null when the sources are not there. */
function parserCodeHash(): string | null {
  if (parserFingerprint !== undefined) return parserFingerprint;
  try {
    const hash = createHash('sha256').update(libraryVersions.join('\n'));
    for (const name of fs.readdirSync(parserDir).sort()) {
      if (!name.endsWith('.ts') || /\.(test|testutil|fixture)\.ts$/.test(name)) continue;
      hash.update(`\0${name}\0`).update(fs.readFileSync(path.join(parserDir, name)));
    }
    parserFingerprint = hash.digest('hex');
  } catch {
    parserFingerprint = null;
  }
  return parserFingerprint;
}

/**
 * One source hash per bundled file: its name and bytes, the parser's code, and the hash of the file
 * before it (a later edition is checked against the earlier ones, so a change to one re-checks those after).
 */
export function bundledSourceHashes(files: { name: string; bytes: Buffer }[], parserCode: string): string[] {
  let previous = '';
  return files.map(({ name, bytes }) => {
    previous = createHash('sha256')
      .update(`${parserCode}\0${previous}\0${name}\0`)
      .update(bytes)
      .digest('hex');
    return previous;
  });
}

/**
 * True when every bundled file was parsed at an earlier start (same bytes, same parser) and the edition
 * it gave is a revision of its year: then loading them adds nothing, as addRevision would decide after
 * parsing (the current revision, or one an admin has since corrected), and parsing is skipped (~1 s of a
 * restart). Revisions are never deleted, so no lock is needed to read this.
 */
async function bundledAlreadyLoaded(db: Db, sourceHashes: string[]): Promise<boolean> {
  if (sourceHashes.length === 0) return false;
  const known = await db
    .select({
      fiscalYear: catalogueBundledSources.fiscalYear,
      contentHash: catalogueBundledSources.contentHash,
    })
    .from(catalogueBundledSources)
    .where(inArray(catalogueBundledSources.sourceHash, sourceHashes));
  if (known.length !== sourceHashes.length) return false;
  const stored = await db
    .select({ fiscalYear: catalogueRevisions.fiscalYear, contentHash: catalogueRevisions.contentHash })
    .from(catalogueRevisions);
  const storedKeys = new Set(stored.map((r) => `${r.fiscalYear}:${r.contentHash}`));
  return known.every((k) => storedKeys.has(`${k.fiscalYear}:${k.contentHash}`));
}

/** At start: every `catalogue/*.yaml` shipped with the app, oldest year first (later ones may refer back). */
export async function loadBundledEditions(
  db: Db,
  dir = bundledCatalogueDir,
  /** The parser (a test counts its calls). */
  parse: typeof parseEdition = parseEdition,
): Promise<number> {
  const files = fs
    .readdirSync(dir)
    .filter(isEditionFile)
    .sort()
    .map((name) => ({ name, bytes: fs.readFileSync(path.join(dir, name)) }));
  const parserCode = parserCodeHash();
  const sourceHashes = parserCode === null ? [] : bundledSourceHashes(files, parserCode);
  if (await bundledAlreadyLoaded(db, sourceHashes)) return 0;
  const known: Edition[] = [];
  const parsed: Edition[] = [];
  for (const { name, bytes } of files) {
    const result = parse(bytes.toString('utf8'), { knownEditions: known });
    if (!result.ok) {
      const lines = result.errors.map((e) => `  ${e.path}: ${e.message_en}`).join('\n');
      throw new Error(`Bundled catalogue file ${name} is invalid:\n${lines}`);
    }
    known.push(result.edition);
    parsed.push(result.edition);
  }
  let added = 0;
  await db.transaction(async (tx) => {
    for (const edition of parsed) if ((await addRevision(tx, edition, 'bundled', null)).created) added++;
    if (sourceHashes.length > 0) {
      await tx
        .insert(catalogueBundledSources)
        .values(
          parsed.map((edition, i) => ({
            sourceHash: sourceHashes[i] as string,
            fiscalYear: edition.fiscal_year,
            contentHash: hashOf(edition),
          })),
        )
        .onConflictDoNothing();
    }
  });
  return added;
}

export async function importEdition(db: Db, actor: Actor, yamlText: string) {
  if (!cataloguePolicy.import(actor)) throw fail.forbidden();
  const result = parseEdition(yamlText, { knownEditions: await currentEditions(db) });
  if (!result.ok) {
    throw new AppError(
      400,
      'invalid_edition',
      'ไฟล์กรอบการประเมินไม่ถูกต้อง ไม่ได้บันทึกข้อมูลใด ๆ',
      'The edition file is not valid; nothing was saved',
      result.errors,
    );
  }
  const { row, created } = await db.transaction((tx) =>
    addRevision(tx, result.edition, 'upload', actor.userId),
  );
  return { summary: toSummary(row), created };
}

export async function listEditions(db: Db, actor: Actor): Promise<EditionSummary[]> {
  if (!cataloguePolicy.read(actor)) throw fail.forbidden();
  return (await currentRows(db)).map(toSummary);
}

export async function getEdition(db: Db, actor: Actor, fiscalYear: number): Promise<EditionDetail> {
  if (!cataloguePolicy.read(actor)) throw fail.forbidden();
  const rows = await currentRows(db);
  const row = rows.find((r) => r.fiscalYear === fiscalYear);
  if (!row) throw fail.notFound({ th: `กรอบการประเมินปี ${fiscalYear}`, en: `Edition ${fiscalYear}` });
  const edition = row.content as Edition;
  const groupings = resolveGroupings(
    edition,
    rows.map((r) => r.content as Edition),
  );
  return { summary: toSummary(row), edition, groupings };
}

export type CurrentRevision = { id: string; fiscalYear: number; edition: Edition };

/**
 * Revisions are never updated, so their parsed content can be kept in memory by id: every process
 * agrees on it forever. Saves re-reading a ~100 KB JSON document on every plan or analysis request.
 */
const revisionCache = new Map<string, CurrentRevision>();

export async function revisionById(db: Db, id: string): Promise<CurrentRevision> {
  const cached = revisionCache.get(id);
  if (cached) return cached;
  const [row] = await db.select().from(catalogueRevisions).where(eq(catalogueRevisions.id, id));
  if (!row) throw new Error(`catalogue revision ${id} is missing`);
  const revision = { id: row.id, fiscalYear: row.fiscalYear, edition: row.content as Edition };
  revisionCache.set(id, revision);
  return revision;
}

/** Id, year and number of every revision, without content (cheap). */
export async function revisionIndex(db: Db) {
  return db
    .select({
      id: catalogueRevisions.id,
      fiscalYear: catalogueRevisions.fiscalYear,
      revision: catalogueRevisions.revision,
    })
    .from(catalogueRevisions);
}

/** The revision results of `fiscalYear` are scored against today, or undefined if none is loaded. */
export async function currentRevision(db: Db, fiscalYear: number): Promise<CurrentRevision | undefined> {
  const [row] = await db
    .select({ id: catalogueRevisions.id })
    .from(catalogueRevisions)
    .where(eq(catalogueRevisions.fiscalYear, fiscalYear))
    .orderBy(desc(catalogueRevisions.revision))
    .limit(1);
  return row ? revisionById(db, row.id) : undefined;
}

/** The current revision of every fiscal year, newest revision per year, from the cache where possible. */
export async function currentRevisions(db: Db): Promise<CurrentRevision[]> {
  const index = await revisionIndex(db);
  const latest = new Map<number, { id: string; revision: number }>();
  for (const r of index)
    if ((latest.get(r.fiscalYear)?.revision ?? 0) < r.revision) latest.set(r.fiscalYear, r);
  return Promise.all([...latest.values()].map((r) => revisionById(db, r.id)));
}

/** Groupings usable with an edition: its own and those it reuses from current editions. */
export async function groupingsFor(db: Db, edition: Edition) {
  return resolveGroupings(
    edition,
    (await currentRevisions(db)).map((r) => r.edition),
  );
}

/**
 * Saves an edition read from a framework workbook (already validated against the current editions):
 * a new edition, or a new revision of its year, in one transaction, with the same semantics as a
 * YAML upload (an identical current revision is not repeated).
 */
export async function saveImportedEdition(db: Db, actor: Actor, edition: Edition) {
  if (!cataloguePolicy.import(actor)) throw fail.forbidden();
  const { row, created } = await db.transaction((tx) => addRevision(tx, edition, 'upload', actor.userId));
  return { summary: toSummary(row), created };
}
