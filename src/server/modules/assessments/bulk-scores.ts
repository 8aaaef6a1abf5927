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
  for (const part of chunks(created)) {
    const rows = await queryRows<{ id: string; organization_id: string }>(
      tx,
      sql`insert into assessment_results (organization_id, fiscal_year, catalogue_revision_id, stated_level)
        select o, ${fiscalYear}::int, ${revision.id}::uuid, l
        from unnest(${sql.param(part.map((w) => w.org.id))}::uuid[], ${sql.param(part.map((w) => w.statedLevel))}::text[]) as t(o, l)
        returning id, organization_id`,
    );
    for (const r of rows) resultIds.set(r.organization_id, r.id);
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

/** COPY text of the rows, `rowsPerChunk` lines a string. */
function* copyChunks(
  rows: Iterable<{ resultId: string; s: ScoreEntry }>,
  rowsPerChunk: number,
): Generator<string> {
  let lines: string[] = [];
  for (const { resultId, s } of rows) {
    lines.push(scoreCopyLine(resultId, s));
    if (lines.length >= rowsPerChunk) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
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

async function insertScores(tx: Db, writes: readonly PlannedWrite[], resultIds: ReadonlyMap<string, string>) {
  const connection = copyConnectionOf(tx);
  if (connection?.kind === 'pg') {
    const chunks = copyChunks(scoreRows(writes, resultIds), COPY_ROWS_PER_CHUNK);
    await new Promise<void>((resolve, reject) => {
      connection.client.query(
        new CopyFromStdin(`COPY ${SCORE_COLUMNS} FROM STDIN`, chunks, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    });
    return;
  }
  if (connection?.kind === 'pglite') {
    const rows = scoreRows(writes, resultIds);
    for (;;) {
      const parts: string[] = [];
      let n = 0;
      for (const chunk of copyChunks(take(rows, PGLITE_ROWS_PER_COPY), COPY_ROWS_PER_CHUNK)) {
        parts.push(chunk);
        n++;
      }
      if (n === 0) return;
      await connection.client.query(`COPY ${SCORE_COLUMNS} FROM '/dev/blob'`, [], { blob: new Blob(parts) });
    }
  }
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
