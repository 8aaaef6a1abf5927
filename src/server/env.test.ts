import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from './env.ts';

describe('configuration', () => {
  it('defaults to the embedded database with demo data in development', () => {
    const env = readEnv({});
    expect(env).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      production: false,
      demoData: true,
    });
    expect(env.dataDir.endsWith('/data')).toBe(true);
  });

  it('never seeds demo data in production, whatever DEMO_DATA says', () => {
    expect(readEnv({ NODE_ENV: 'production', DEMO_DATA: 'true' }).demoData).toBe(false);
    expect(readEnv({ DATABASE_URL: 'postgres://u:p@db/prongsai', DEMO_DATA: 'true' }).demoData).toBe(false);
  });

  it('reads DATABASE_REPLICA_URL with its lag bound, only beside DATABASE_URL', () => {
    expect(readEnv({}).databaseReplica).toBeUndefined();
    expect(readEnv({ DATABASE_URL: 'postgres://u:p@db/prongsai' }).databaseReplica).toBeUndefined();
    expect(
      readEnv({
        DATABASE_URL: 'postgres://u:p@db/prongsai',
        DATABASE_REPLICA_URL: 'postgres://u:p@replica/prongsai',
      }).databaseReplica,
    ).toEqual({ url: 'postgres://u:p@replica/prongsai', maxLagMs: 5000 });
    expect(
      readEnv({
        DATABASE_URL: 'postgres://u:p@db/prongsai',
        DATABASE_REPLICA_URL: 'postgresql://u:p@replica/prongsai',
        DATABASE_REPLICA_MAX_LAG_SECONDS: '30',
      }).databaseReplica?.maxLagMs,
    ).toBe(30_000);
    // On the embedded database there is nothing to replicate: a clear refusal, not a silent ignore.
    expect(() => readEnv({ DATABASE_REPLICA_URL: 'postgres://u:p@replica/prongsai' })).toThrow(
      /DATABASE_REPLICA_URL: needs DATABASE_URL/,
    );
    expect(() =>
      readEnv({ DATABASE_URL: 'postgres://u:p@db/prongsai', DATABASE_REPLICA_URL: 'mysql://replica' }),
    ).toThrow(/DATABASE_REPLICA_URL: must start with postgres:\/\//);
    expect(() =>
      readEnv({
        DATABASE_URL: 'postgres://u:p@db/prongsai',
        DATABASE_REPLICA_URL: 'postgres://u:p@replica/prongsai',
        DATABASE_REPLICA_MAX_LAG_SECONDS: '0',
      }),
    ).toThrow(/DATABASE_REPLICA_MAX_LAG_SECONDS/);
  });

  it('names every bad setting', () => {
    expect(() => readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(EnvError);
    try {
      readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('DATABASE_URL');
    }
  });

  it('reads JOB_EXPIRE_SECONDS (unset: each job its own expiry), at least 3 seconds', () => {
    expect(readEnv({}).jobExpireSeconds).toBeUndefined();
    expect(readEnv({ JOB_EXPIRE_SECONDS: '20' }).jobExpireSeconds).toBe(20);
    expect(() => readEnv({ JOB_EXPIRE_SECONDS: '1' })).toThrow(/JOB_EXPIRE_SECONDS/);
  });

  it('reads PDF_MEMORY_MB, 1024 by default, from 128 MiB', () => {
    expect(readEnv({}).pdfMemoryMb).toBe(1024);
    expect(readEnv({ PDF_MEMORY_MB: '2048' }).pdfMemoryMb).toBe(2048);
    expect(() => readEnv({ PDF_MEMORY_MB: '64' })).toThrow(/PDF_MEMORY_MB/);
    expect(() => readEnv({ PDF_MEMORY_MB: 'lots' })).toThrow(/PDF_MEMORY_MB/);
  });

  it('renders PDFs in the request unless PDF_RENDER_QUEUE=true, then takes PDF_RENDER_WORKERS (default 2)', () => {
    expect(readEnv({}).pdfRenderQueue).toBeUndefined();
    expect(readEnv({ PDF_RENDER_QUEUE: 'true' }).pdfRenderQueue).toEqual({ workers: 2 });
    expect(readEnv({ PDF_RENDER_QUEUE: 'true', PDF_RENDER_WORKERS: '0' }).pdfRenderQueue).toEqual({
      workers: 0,
    });
    expect(() => readEnv({ PDF_RENDER_WORKERS: '-1' })).toThrow(/PDF_RENDER_WORKERS/);
  });

  it('keeps evidence files under DATA_DIR unless FILES_DIR says otherwise, up to 20 MiB by default', () => {
    const env = readEnv({ DATA_DIR: '/srv/prongsai' });
    expect(env.filesDir).toBe('/srv/prongsai/files');
    expect(env.maxEvidenceBytes).toBe(20 * 1024 * 1024);
    const custom = readEnv({
      DATA_DIR: '/srv/prongsai',
      FILES_DIR: '/mnt/evidence',
      MAX_EVIDENCE_BYTES: '5000000',
    });
    expect(custom).toMatchObject({ filesDir: '/mnt/evidence', maxEvidenceBytes: 5_000_000 });
    expect(() => readEnv({ MAX_EVIDENCE_BYTES: 'lots' })).toThrow(/MAX_EVIDENCE_BYTES/);
    expect(() => readEnv({ MAX_EVIDENCE_BYTES: String(2 ** 31) })).toThrow(/MAX_EVIDENCE_BYTES/);
  });
});
