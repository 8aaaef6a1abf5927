import path from 'node:path';
import { z } from 'zod';
import { parseSecretsKey } from './secrets/secret-box.ts';
import type { S3StoreConfig } from './storage/s3-store.ts';

/** The only place that reads process.env: every setting is parsed and typed here once. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Where evidence files are kept (local disk store); default <DATA_DIR>/files. */
  FILES_DIR: z.string().min(1).optional(),
  /** Files in this S3-compatible bucket instead of FILES_DIR (the bucket must exist); needs the two keys. */
  FILES_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name (3–63 lower-case letters, digits, . and -)',
    )
    .optional(),
  /** The S3-compatible service (MinIO, Ceph, a government cloud's object storage); unset = AWS S3. */
  FILES_S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^/\s]+\/?$/, 'must be an http:// or https:// address such as http://minio:9000')
    .optional(),
  FILES_S3_REGION: z.string().min(1).default('us-east-1'),
  FILES_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  FILES_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** true: `endpoint/bucket/key` addresses; default true with FILES_S3_ENDPOINT, false on AWS. */
  FILES_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  /** Keys are kept under this prefix in the bucket (e.g. `prongsai` or `province/surat`). */
  FILES_S3_PREFIX: z
    .string()
    .regex(
      /^([A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\/?$/,
      'must be path segments such as prongsai/files',
    )
    .optional(),
  /** TTF/OTF fonts an agency adds for its documents (e.g. TH Sarabun New); default <DATA_DIR>/fonts. */
  FONTS_DIR: z.string().min(1).optional(),
  /** The largest evidence file accepted, in bytes; default 20 MiB, at most 100 MiB. */
  MAX_EVIDENCE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** A streaming replica of DATABASE_URL: public pages, dashboards and lists read from it (decision 020). */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Reads go back to the primary while the replica is further behind than this (seconds, default 5). */
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  /** true: demo agencies, accounts and the province's whole cycle; accounts: agencies and accounts only. */
  DEMO_DATA: z.enum(['true', 'false', 'accounts']).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(1).default('Prongsai <no-reply@localhost>'),
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(3),
  /** The LINE Messaging API (tests point it at a local server). */
  LINE_API_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// address such as https://api.line.me')
    .default('https://api.line.me'),
  /** true: take over a data-directory lock written on another host (nothing there uses the directory any more). */
  DATA_DIR_TAKE_OVER_LOCK: z.enum(['true', 'false']).default('false'),
  /** Bearer token for GET /metrics; unset: /metrics answers only direct connections from this machine. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The PDF renderer's Chromium (browser and child processes) is replaced above this many MiB; killed above 1.5×. */
  PDF_MEMORY_MB: z.coerce.number().int().min(128).max(65_536).default(1024),
  /** true: PDFs are rendered through the job queue by the processes with PDF_RENDER_WORKERS > 0 (decision 022). */
  PDF_RENDER_QUEUE: z.enum(['true', 'false']).default('false'),
  /** With PDF_RENDER_QUEUE: renders this process takes from the queue at a time; 0 = it renders none. */
  PDF_RENDER_WORKERS: z.coerce.number().int().min(0).max(16).default(2),
  /** 32 bytes (base64 or hex) that encrypt stored secrets (LINE tokens, identity provider secrets); required with DATABASE_URL to store any. */
  SECRETS_KEY: z.string().min(1).optional(),
  /** A background job running longer than this is taken as lost (its process died) and runs again; default per job. */
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(3).max(86_400).optional(),
});

export type Env = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** The local file store's root (absolute). */
  filesDir: string;
  /** Where files are kept: the local disk (FILES_DIR, the default) or an S3-compatible bucket. */
  fileStorage: { driver: 'local'; dir: string } | ({ driver: 's3' } & S3StoreConfig);
  /** Fonts for documents besides the bundled Sarabun (absolute). */
  fontsDir: string;
  /** Evidence uploads larger than this are refused. */
  maxEvidenceBytes: number;
  databaseUrl: string | undefined;
  /** DATABASE_REPLICA_URL and its lag bound: reads that may be a moment old go there (PostgreSQL only). */
  databaseReplica: { url: string; maxLagMs: number } | undefined;
  publicUrl: string | undefined;
  logLevel: 'silent' | 'error' | 'info' | 'debug';
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Production is NODE_ENV=production or a PostgreSQL server: no demo data there. */
  production: boolean;
  demoData: boolean;
  /** With the demo data, the province's whole yearly cycle (result to published round); not with DEMO_DATA=accounts. */
  demoCycle: boolean;
  /** Reminder e-mail goes out through this server (`smtp://user:pass@host:587`); unset = printed to the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Unit reporters are reminded this many days before a round's due date. */
  reminderDaysBefore: number;
  /** LINE_API_URL: where LINE's Messaging API answers (https://api.line.me). */
  lineApiUrl: string;
  /** Take over a data-directory lock written on another host or container (DATA_DIR_TAKE_OVER_LOCK). */
  takeOverDataDirLock: boolean;
  /** GET /metrics wants `Authorization: Bearer <this>`; unset = loopback only, not through a proxy. */
  metricsToken: string | undefined;
  /** PDF_MEMORY_MB: Chromium's memory bound for PDF rendering (docs/decisions/021-pdf-render-bounds.md). */
  pdfMemoryMb: number;
  /** PDF_RENDER_QUEUE / PDF_RENDER_WORKERS: renders through the job queue, and how many this process takes; undefined = in the request. */
  pdfRenderQueue: { workers: number } | undefined;
  /** JOB_EXPIRE_SECONDS: caps every job's expiry (a lost job runs again sooner); unset = each job's own. */
  jobExpireSeconds: number | undefined;
  /** SECRETS_KEY: the key stored secrets are sealed with; unset = a key file in DATA_DIR (embedded) or none (PostgreSQL). */
  secretsKey: Buffer | undefined;
};

export class EnvError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable (`DATABASE_URL=`) means unset, as shells and .env files write it.
  const given = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid configuration / การตั้งค่าไม่ถูกต้อง:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production' || e.DATABASE_URL !== undefined;
  const dataDir = path.resolve(e.DATA_DIR);
  const filesDir = e.FILES_DIR === undefined ? path.join(dataDir, 'files') : path.resolve(e.FILES_DIR);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    filesDir,
    fileStorage: fileStorageOf(e, filesDir),
    fontsDir: e.FONTS_DIR === undefined ? path.join(dataDir, 'fonts') : path.resolve(e.FONTS_DIR),
    maxEvidenceBytes: e.MAX_EVIDENCE_BYTES,
    databaseUrl: e.DATABASE_URL,
    databaseReplica: databaseReplicaOf(e),
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === 'true',
    production,
    demoData: production ? false : e.DEMO_DATA !== 'false',
    demoCycle: !production && (e.DEMO_DATA ?? 'true') === 'true',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    reminderDaysBefore: e.REMINDER_DAYS_BEFORE,
    lineApiUrl: e.LINE_API_URL.replace(/\/+$/, ''),
    takeOverDataDirLock: e.DATA_DIR_TAKE_OVER_LOCK === 'true',
    metricsToken: e.METRICS_TOKEN,
    pdfMemoryMb: e.PDF_MEMORY_MB,
    jobExpireSeconds: e.JOB_EXPIRE_SECONDS,
    pdfRenderQueue: e.PDF_RENDER_QUEUE === 'true' ? { workers: e.PDF_RENDER_WORKERS } : undefined,
    secretsKey: secretsKeyOf(e.SECRETS_KEY),
  };
}

function secretsKeyOf(value: string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  try {
    return parseSecretsKey(value);
  } catch (error) {
    throw new EnvError(`Invalid configuration / การตั้งค่าไม่ถูกต้อง:\n  SECRETS_KEY: ${(error as Error).message}`);
  }
}

function databaseReplicaOf(e: z.infer<typeof envSchema>): Env['databaseReplica'] {
  if (e.DATABASE_REPLICA_URL === undefined) return undefined;
  if (e.DATABASE_URL === undefined)
    throw new EnvError(
      'Invalid configuration / การตั้งค่าไม่ถูกต้อง:\n  DATABASE_REPLICA_URL: needs DATABASE_URL, the PostgreSQL server it replicates (the embedded database has no replica) / ต้องตั้ง DATABASE_URL ของเซิร์ฟเวอร์หลักด้วย (ฐานข้อมูลแบบฝังไม่มีสำเนา)',
    );
  return { url: e.DATABASE_REPLICA_URL, maxLagMs: e.DATABASE_REPLICA_MAX_LAG_SECONDS * 1000 };
}

function fileStorageOf(e: z.infer<typeof envSchema>, dir: string): Env['fileStorage'] {
  const s3Settings = Object.keys(e).filter((k) => k.startsWith('FILES_S3_') && k !== 'FILES_S3_REGION');
  if (e.FILES_S3_BUCKET === undefined) {
    if (s3Settings.length > 0)
      throw new EnvError(
        `Invalid configuration / การตั้งค่าไม่ถูกต้อง:\n  FILES_S3_BUCKET: required with ${s3Settings.join(', ')} / ต้องระบุชื่อ bucket เมื่อตั้งค่า ${s3Settings.join(', ')}`,
      );
    return { driver: 'local', dir };
  }
  const { FILES_S3_ACCESS_KEY_ID: accessKeyId, FILES_S3_SECRET_ACCESS_KEY: secretAccessKey } = e;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = [
      ...(accessKeyId === undefined ? ['FILES_S3_ACCESS_KEY_ID'] : []),
      ...(secretAccessKey === undefined ? ['FILES_S3_SECRET_ACCESS_KEY'] : []),
    ];
    throw new EnvError(
      `Invalid configuration / การตั้งค่าไม่ถูกต้อง:\n${missing.map((k) => `  ${k}: required with FILES_S3_BUCKET / ต้องระบุเมื่อใช้ FILES_S3_BUCKET`).join('\n')}`,
    );
  }
  const prefix = e.FILES_S3_PREFIX === undefined ? '' : e.FILES_S3_PREFIX.replace(/\/?$/, '/');
  return {
    driver: 's3',
    bucket: e.FILES_S3_BUCKET,
    endpoint: e.FILES_S3_ENDPOINT,
    region: e.FILES_S3_REGION,
    accessKeyId,
    secretAccessKey,
    forcePathStyle:
      (e.FILES_S3_FORCE_PATH_STYLE ?? (e.FILES_S3_ENDPOINT === undefined ? 'false' : 'true')) === 'true',
    prefix,
  };
}
