import pg from 'pg';

type CopyConnection = {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
};

const CHUNK_BYTES = 64 * 1024;

/**
 * `COPY … FROM STDIN` through plain `pg`, without pg-copy-streams: a `pg.Query` whose answer to the
 * server's CopyInResponse is the data as CopyData messages, then CopyDone. The query's ordinary
 * CommandComplete / ReadyForQuery handling then resolves it. The data is held in memory (a
 * benchmark's few tens of MB), sent in 64 KB messages.
 */
class CopyFromStdin extends pg.Query {
  constructor(
    text: string,
    private readonly data: Buffer,
    callback: (error: Error | undefined, result: unknown) => void,
  ) {
    super(text);
    (this as unknown as { callback: typeof callback }).callback = callback;
  }

  handleCopyInResponse(connection: CopyConnection) {
    for (let offset = 0; offset < this.data.byteLength; offset += CHUNK_BYTES) {
      connection.sendCopyFromChunk(this.data.subarray(offset, offset + CHUNK_BYTES));
    }
    connection.endCopyFrom();
  }
}

/** Runs `COPY <target> FROM STDIN` with `data` in PostgreSQL's text format; resolves with the row count. */
export function copyFromStdin(client: pg.Client, target: string, data: string | Buffer): Promise<number> {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return new Promise((resolve, reject) => {
    const query = new CopyFromStdin(`COPY ${target} FROM STDIN`, buffer, (error, result) => {
      if (error) reject(error);
      else resolve((result as { rowCount: number | null }).rowCount ?? 0);
    });
    client.query(query);
  });
}

/** A value in PostgreSQL's COPY text format: `\N` for NULL, backslash, tab and line breaks escaped. */
export function copyText(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows as COPY text: columns separated by tabs, one row a line. */
export function copyRows(rows: Iterable<readonly (string | number | boolean | null)[]>): string {
  const out: string[] = [];
  for (const row of rows) out.push(`${row.map(copyText).join('\t')}\n`);
  return out.join('');
}
