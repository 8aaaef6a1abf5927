import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { assessmentResults, assessmentScores, organizations } from '../../db/schema/index.ts';
import { fail } from '../../http/app-error.ts';
import type { CurrentRevision } from '../catalogue/catalogue.service.ts';
import type { ScoreChange } from './score-diff.ts';

type OrgRow = typeof organizations.$inferSelect;
type ResultRow = typeof assessmentResults.$inferSelect;
const CHUNK = 5000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Organisations by code, case-insensitive, in one query per 5,000 codes (one array parameter). */
export async function organizationsByCode(db: Db, codes: readonly string[]): Promise<Map<string, OrgRow>> {
  const byCode = new Map<string, OrgRow>();
  for (const part of chunks([...new Set(codes.map((c) => c.toLowerCase()))])) {
    const rows = await db
      .select()
      .from(organizations)
      .where(sql`lower(${organizations.code}) = any(${sql.param(part)}::text[])`);
    for (const r of rows) byCode.set(r.code.toLowerCase(), r);
  }
  return byCode;
}

/** Existing results of a fiscal year for these organisations, with their scores, in a few queries. */
export async function existingResults(db: Db, orgIds: readonly string[], fiscalYear: number) {
  const out = new Map<string, { result: ResultRow; scores: ScoreEntry[] }>();
  for (const part of chunks(orgIds)) {
    const results = await db
      .select()
      .from(assessmentResults)
      .where(
        and(inArray(assessmentResults.organizationId, part), eq(assessmentResults.fiscalYear, fiscalYear)),
      );
    // A re-imported national file compares with ~900k stored scores: read as one JSON array each.
    const scores = await scoresByResult(
      db,
      results.map((r) => r.id),
    );
    for (const r of results) out.set(r.organizationId, { result: r, scores: scores.get(r.id) ?? [] });
  }
  return out;
}

type ScoreTuple = [
  scope: ScoreEntry['scope'],
  code: string,
  score: number | null,
  passed: boolean | null,
  reason: string | null,
  recommendation: string | null,
];

/**
 * The scores of many results by result id, each list as `scoresOf` gives it (ordered by scope and
 * code), in one query: one JSON array per result, which the client reads ~4× cheaper than a row per
 * score and with far less garbage (2,000 national results are ~220k scores). Numbers keep their value:
 * a JSON number is PostgreSQL's float8 text, the same text the driver parses for a row.
 */
export async function scoresByResult(
  db: Db,
  resultIds: readonly string[],
): Promise<Map<string, ScoreEntry[]>> {
  const out = new Map<string, ScoreEntry[]>();
  if (resultIds.length === 0) return out;
  const rows = await queryRows<{ result_id: string; scores: ScoreTuple[] | string }>(
    db,
    sql`select result_id, json_agg(json_build_array(scope, code, score, passed, reason, recommendation)
        order by scope, code) as scores
      from assessment_scores where result_id = any(${sql.param(resultIds)}::uuid[]) group by result_id`,
  );
  // Scopes and codes repeat in every result: one string each (looked up ~100 times per result by
  // the analysis, a string already seen is not hashed again).
  const shared = new Map<string, string>();
  const one = (text: string) => {
    const same = shared.get(text);
    if (same !== undefined) return same;
    shared.set(text, text);
    return text;
  };
  for (const row of rows) {
    const tuples: ScoreTuple[] = typeof row.scores === 'string' ? JSON.parse(row.scores) : row.scores;
    const list: ScoreEntry[] = new Array(tuples.length);
    for (let i = 0; i < tuples.length; i++) {
      const [scope, code, score, passed, reason, recommendation] = tuples[i]!;
      list[i] = {
        scope: one(scope) as ScoreEntry['scope'],
        code: one(code),
        score,
        passed,
        reason,
        recommendation,
      };
    }
    out.set(row.result_id, list);
  }
  return out;
}

export type PlannedWrite = {
  org: OrgRow;
  existing: ResultRow | undefined;
  statedLevel: string | null;
  merged: readonly ScoreEntry[];
  changes: ScoreChange[];
  unchanged: number;
  /** How many scores the file gave for this organisation. */
  scoreCount: number;
};

/**
 * Writes many organisations' results in one transaction with set-based statements: new results in one
 * insert, scores streamed with `COPY … FROM STDIN` (PostgreSQL server) or `COPY … FROM '/dev/blob'`
 * (PGlite) straight from `writes` (no row objects, no parameter arrays: a national file is ~900k
 * scores), one audit row per organisation. Nothing is written for organisations whose data did not
 * change. Outside a transaction (no connection of its own to copy on) the scores go through `unnest`
 * arrays instead.
 */
export async function writeResults(
  tx: Db,
  actorUserId: string | null,
  fiscalYear: number,
  revision: CurrentRevision,
  writes: readonly PlannedWrite[],
  source: string,
) {
  const changed = writes.filter(
    (w) =>
      !w.existing ||
      w.changes.length > 0 ||
      (w.existing.statedLevel ?? null) !== w.statedLevel ||
      w.existing.catalogueRevisionId !== revision.id,
  );
  if (changed.length === 0) return 0;
  const resultIds = new Map<string, string>();
  const created = changed.filter((w) => !w.existing);
  // New results copied with their ids made here (random v4 UUIDs, as the column's default makes).
  for (const w of created) resultIds.set(w.org.id, randomUUID());
  const copiedResults = await copyInto(
    tx,
    RESULT_COLUMNS,
    created.map(
      (w) =>
        `${resultIds.get(w.org.id)}\t${w.org.id}\t${fiscalYear}\t${revision.id}\t${copyNullable(w.statedLevel)}\n`,
    ),
  );
  for (const part of copiedResults ? [] : chunks(created)) {
    await tx.execute(
      sql`insert into assessment_results (id, organization_id, fiscal_year, catalogue_revision_id, stated_level)
        select i, o, ${fiscalYear}::int, ${revision.id}::uuid, l
        from unnest(${sql.param(part.map((w) => resultIds.get(w.org.id)!))}::uuid[],
          ${sql.param(part.map((w) => w.org.id))}::uuid[], ${sql.param(part.map((w) => w.statedLevel))}::text[]) as t(i, o, l)`,
    );
  }
  for (const w of changed.filter((x) => x.existing)) {
    const [updated] = await tx
      .update(assessmentResults)
      .set({
        statedLevel: w.statedLevel,
        catalogueRevisionId: revision.id,
        version: w.existing!.version + 1,
        updatedAt: new Date(),
      })
      .where(
        and(eq(assessmentResults.id, w.existing!.id), eq(assessmentResults.version, w.existing!.version)),
      )
      .returning({ id: assessmentResults.id });
    if (!updated) throw fail.staleVersion();
    resultIds.set(w.org.id, updated.id);
  }
  const replaced = changed.filter((w) => w.existing).map((w) => w.existing!.id);
  for (const ids of chunks(replaced))
    await tx.delete(assessmentScores).where(inArray(assessmentScores.resultId, ids));

  await insertScores(tx, changed, resultIds);
  // One audit row per organisation: a new result records its size (its scores are the state itself);
  // a changed one records every change, before → after. The rows as `recordAudit` writes them, as
  // arrays, 1,000 a statement (1,000 rows of values cost drizzle ~7,000 parameter objects to build).
  for (const part of chunks(changed, 1000)) {
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    await tx.execute(sql`
      insert into audit_events (actor_user_id, action, entity_type, entity_id, organization_id, before, after)
      select ${actorUserId}::uuid, a, 'assessment_result', e, o, b, f
      from unnest(
        ${sql.param(part.map((w) => (w.existing ? `assessment.${source}.update` : `assessment.${source}.create`)))}::text[],
        ${sql.param(part.map((w) => resultIds.get(w.org.id)!))}::text[],
        ${sql.param(part.map((w) => w.org.id))}::uuid[],
        ${sql.param(part.map((w) => json(w.existing ? { version: w.existing.version, statedLevel: w.existing.statedLevel } : null)))}::jsonb[],
        ${sql.param(
          part.map((w) =>
            json(
              w.existing
                ? { version: w.existing.version + 1, statedLevel: w.statedLevel, changes: w.changes }
                : { version: 1, statedLevel: w.statedLevel, scores: w.merged.length },
            ),
          ),
        )}::jsonb[]) with ordinality as t(a, e, o, b, f, n)
      order by n`);
  }
  return changed.length;
}

const SCORE_COLUMNS = 'assessment_scores (result_id, scope, code, score, passed, reason, recommendation)';
const RESULT_COLUMNS =
  'assessment_results (id, organization_id, fiscal_year, catalogue_revision_id, stated_level)';
/** Rows of COPY text per chunk handed to the driver (~60 KB). */
const COPY_ROWS_PER_CHUNK = 1000;
/** PGlite copies from an in-memory blob: one COPY per this many rows bounds the blob (~3 MB). */
const PGLITE_ROWS_PER_COPY = 50_000;

/** The merged scores of `writes`, in order. */
function* scoreRows(writes: readonly PlannedWrite[], resultIds: ReadonlyMap<string, string>) {
  for (const w of writes) {
    const resultId = resultIds.get(w.org.id)!;
    for (const s of w.merged) yield { resultId, s };
  }
}

/** A text value in PostgreSQL's COPY text format: backslash, tab and line breaks escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

const copyNullable = (value: string | null) => (value === null ? '\\N' : copyText(value));

/** One score as a line of COPY text (columns of `SCORE_COLUMNS`). */
export function scoreCopyLine(resultId: string, s: ScoreEntry): string {
  const score = s.score === null ? '\\N' : String(s.score);
  const passed = s.passed === null ? '\\N' : s.passed ? 't' : 'f';
  return `${resultId}\t${copyText(s.scope)}\t${copyText(s.code)}\t${score}\t${passed}\t${copyNullable(s.reason)}\t${copyNullable(s.recommendation)}\n`;
}

/** COPY text, `linesPerChunk` lines a string. */
function* copyChunks(lines: Iterable<string>, linesPerChunk: number): Generator<string> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= linesPerChunk) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

type CopyConnection = {
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

/**
 * `COPY … FROM STDIN` on a node-postgres client without pg-copy-streams: the query answers the
 * server's CopyInResponse with the chunks as CopyData messages, waiting for the socket to drain when
 * its buffer is full (the server parses one chunk while the next is made), then CopyDone. A chunk
 * that throws sends CopyFail: the server aborts the COPY and the transaction fails with it.
 */
class CopyFromStdin extends pg.Query {
  /** The server answered (an error mid-copy included): nothing more is sent. */
  private settled = false;

  constructor(
    text: string,
    private readonly chunks: Iterator<string>,
    callback: (error: Error | undefined) => void,
  ) {
    super(text);
    (this as unknown as { callback: typeof callback }).callback = (error) => {
      this.settled = true;
      callback(error);
    };
  }

  handleCopyInResponse(connection: CopyConnection) {
    const pump = () => {
      try {
        for (;;) {
          if (this.settled) return;
          const next = this.chunks.next();
          if (next.done) {
            connection.endCopyFrom();
            return;
          }
          connection.sendCopyFromChunk(Buffer.from(next.value, 'utf8'));
          if (connection.stream.writableNeedDrain) {
            connection.stream.once('drain', pump);
            return;
          }
        }
      } catch (error) {
        connection.sendCopyFail(error instanceof Error ? error.message : String(error));
      }
    };
    pump();
  }
}

type PgliteLike = {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
  exec(text: string): Promise<unknown>;
};

/**
 * The connection behind a drizzle transaction: a node-postgres client (`session.client` of a
 * transaction is the pool client it holds) or PGlite's transaction. Null for anything else (a pool
 * outside a transaction), where COPY has no connection of its own.
 */
export function copyConnectionOf(
  tx: Db,
): { kind: 'pg'; client: pg.ClientBase } | { kind: 'pglite'; client: PgliteLike } | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client || typeof client !== 'object') return null;
  if (client instanceof pg.Client) return { kind: 'pg', client };
  if (client instanceof pg.Pool) return null;
  const c = client as Partial<PgliteLike>;
  if (typeof c.query === 'function' && typeof c.exec === 'function')
    return { kind: 'pglite', client: c as PgliteLike };
  return null;
}

/**
 * `COPY target FROM …` of the lines (COPY text, one row each) on the transaction's own connection:
 * streamed from STDIN on a server, in blobs of `PGLITE_ROWS_PER_COPY` lines on PGlite. False, and
 * nothing sent, where there is no such connection.
 */
async function copyInto(tx: Db, target: string, lines: Iterable<string>): Promise<boolean> {
  const connection = copyConnectionOf(tx);
  if (connection?.kind === 'pg') {
    const chunks = copyChunks(lines, COPY_ROWS_PER_CHUNK);
    await new Promise<void>((resolve, reject) => {
      connection.client.query(
        new CopyFromStdin(`COPY ${target} FROM STDIN`, chunks, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    });
    return true;
  }
  if (connection?.kind === 'pglite') {
    const rest = lines[Symbol.iterator]();
    for (;;) {
      const parts = [...copyChunks(take(rest, PGLITE_ROWS_PER_COPY), COPY_ROWS_PER_CHUNK)];
      if (parts.length === 0) return true;
      await connection.client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob(parts) });
    }
  }
  return false;
}

async function insertScores(tx: Db, writes: readonly PlannedWrite[], resultIds: ReadonlyMap<string, string>) {
  const lines = (function* () {
    for (const { resultId, s } of scoreRows(writes, resultIds)) yield scoreCopyLine(resultId, s);
  })();
  if (await copyInto(tx, SCORE_COLUMNS, lines)) return;
  const all = [...scoreRows(writes, resultIds)];
  for (const part of chunks(all, 20_000)) {
    await tx.execute(sql`
      insert into assessment_scores (result_id, scope, code, score, passed, reason, recommendation)
      select * from unnest(
        ${sql.param(part.map((r) => r.resultId))}::uuid[], ${sql.param(part.map((r) => r.s.scope))}::text[],
        ${sql.param(part.map((r) => r.s.code))}::text[], ${sql.param(part.map((r) => r.s.score))}::float8[],
        ${sql.param(part.map((r) => r.s.passed))}::boolean[], ${sql.param(part.map((r) => r.s.reason))}::text[],
        ${sql.param(part.map((r) => r.s.recommendation))}::text[])`);
  }
}

/** The next `n` items of an iterator (without closing it, so that the rest can be taken after). */
function* take<T>(items: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) {
    const next = items.next();
    if (next.done) return;
    yield next.value;
  }
}
