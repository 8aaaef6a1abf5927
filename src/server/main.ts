import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { backgroundErrorReporter, toleratingDatabaseOutage } from './db/background-errors.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { openReadReplica } from './db/read-replica.ts';
import { EnvError, readEnv } from './env.ts';
import { appJobs } from './jobs/app-jobs.ts';
import { startJobQueue } from './jobs/job-queue.ts';
import { configureLogger, log } from './log.ts';
import { needsFirstAdmin } from './modules/auth/auth.service.ts';
import { loadBundledEditions } from './modules/catalogue/catalogue.service.ts';
import { publishDemo } from './modules/demo/demo-cycle.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './modules/demo/demo-data.ts';
import { seedDemo } from './modules/demo/seed-demo.ts';
import { pdfPrinter } from './modules/documents/pdf/pdf-printer.ts';
import { pdfRendererFromEnv } from './modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from './modules/documents/render-formats.ts';
import { pdfRenderJob, queuedPdfPrinter, renderSweepJob } from './modules/documents/render-queue.ts';
import { LineChannel } from './modules/line/line-channel.ts';
import type { OitDepsInput } from './modules/oit/oit-deps.ts';
import { publicationAutoUrls } from './modules/publications/oit-auto-url.ts';
import { emailChannelFromEnv } from './modules/reminders/email-channel.ts';
import { collectProcessMetrics, registerPoolMetrics, registerQueueDepth } from './ops/metrics.ts';
import { databaseReadiness, type ReadinessCheck } from './ops/readiness.ts';
import { gracefulShutdown } from './ops/shutdown.ts';
import { secretBoxFor } from './secrets/secret-box.ts';
import { fileStoreFromConfig } from './storage/file-store-from-config.ts';

async function main() {
  const config = readEnv();
  configureLogger(config.logLevel);
  const database = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    takeOverDataDirLock: config.takeOverDataDirLock,
  });
  await loadBundledEditions(database.db);
  // Public pages, dashboards and lists read from DATABASE_REPLICA_URL when set (decision 020); closed with the database.
  const reads = config.databaseReplica ? openReadReplica(database, config.databaseReplica) : undefined;
  // FILES_DIR on this machine, or the S3-compatible bucket every process shares (FILES_S3_BUCKET).
  const fileStore = fileStoreFromConfig(config);
  // Stored secrets (LINE tokens, identity provider client secrets) are sealed with SECRETS_KEY or the data directory's key file.
  const secretBox = secretBoxFor(config);
  // The demo cycle's plan and round are published (documents rendered) once the app is up.
  const seeded = config.demoData ? await seedDemo(database.db, { cycle: config.demoCycle }) : false;
  // The OIT tracker's wiring, shared by the routes and the nightly check: private link targets are
  // refused (the default); `autoUrl` (the public addresses of the documents Prongsai produces) goes here.
  const oit: OitDepsInput = {
    autoUrl: publicationAutoUrls(config.publicUrl ?? `http://localhost:${config.port}`),
  };
  // One warm Chromium for every PDF, launched on the first one (CHROMIUM_PATH, system, or npm).
  const pdf = pdfRendererFromEnv();
  // /metrics: Node's process metrics, and the pool's use on a PostgreSQL server (PGlite has no pool).
  collectProcessMetrics();
  if (database.poolStats) registerPoolMetrics(() => database.poolStats?.());
  // Reminders, session pruning, the orphan sweep and the nightly OIT check run through one job queue in
  // the database: with several processes each job is taken by one of them, and a job whose process dies
  // runs again after it expires (decision 022).
  const channel = emailChannelFromEnv(config);
  // LINE: each agency's own Official Account sends its reminders (LINE_API_URL, tokens sealed in the database).
  const line = new LineChannel({ db: database.db, secretBox, apiUrl: config.lineApiUrl });
  process.on('unhandledRejection', toleratingDatabaseOutage());
  const queue = await startJobQueue({
    database,
    jobs: [
      ...appJobs({ db: database.db, fileStore, channel, line, config, oit }),
      // PDF_RENDER_QUEUE=true: renders go through the queue; this process takes PDF_RENDER_WORKERS at a time.
      ...(config.pdfRenderQueue
        ? [
            pdfRenderJob({
              store: fileStore,
              printer: pdfPrinter(pdf),
              workers: config.pdfRenderQueue.workers,
            }),
            renderSweepJob(fileStore),
          ]
        : []),
    ],
    expireCapSeconds: config.jobExpireSeconds,
  });
  const documentRenderers = documentRenderersFor(
    config,
    config.pdfRenderQueue ? queuedPdfPrinter({ queue, store: fileStore }) : pdfPrinter(pdf),
  );
  registerQueueDepth(() => queue.depth());
  // /readyz asks these; from the first SIGTERM/SIGINT it answers 503 so a load balancer stops sending.
  let shutdown: { stopping(): boolean } | undefined;
  const readinessChecks: ReadinessCheck[] = [
    ...databaseReadiness(database.db),
    { name: 'queue', check: () => queue.ping() },
    {
      name: 'shutdown',
      async check() {
        if (shutdown?.stopping()) throw new Error('the process is shutting down');
      },
    },
  ];
  const app = createApp({
    db: database.db,
    config,
    fileStore,
    oit,
    documentRenderers,
    readinessChecks,
    reads,
    secretBox,
  });
  // The start-up banner is for a person at a terminal (the address, the demo sign-ins, how to create the
  // first administrator): plain lines in development; in production, JSON lines like every other one,
  // so a log collector parses them all (the wording is the same).
  const say = config.production ? (line: string) => log().info(line) : (line: string) => console.log(line);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, async (info) => {
    const url =
      config.publicUrl ?? `http://${info.address === '::' ? 'localhost' : info.address}:${info.port}`;
    say(`Prongsai (โปร่งใส) is running at ${url}`);
    say(
      database.kind === 'pglite'
        ? `Database: embedded PostgreSQL (PGlite) in ${config.dataDir}`
        : 'Database: PostgreSQL server (DATABASE_URL)',
    );
    say(
      config.smtpUrl
        ? 'Reminders: e-mail through SMTP_URL'
        : 'Reminders: SMTP_URL is not set, e-mails are printed here',
    );
    if (seeded) say('Demo data created: จังหวัดตัวอย่าง (6 units) and เทศบาลตัวอย่าง (4 divisions).');
    if (seeded && config.demoCycle) {
      say(
        'Demo cycle: จังหวัดตัวอย่าง has its ITA 2569 result and analysis, the 2570 plan approved and circulated, the 6-month round closed; both are being published.',
      );
      publishDemo(database.db, fileStore, documentRenderers).catch(
        backgroundErrorReporter('Demo publication / เผยแพร่ข้อมูลตัวอย่าง'),
      );
    }
    if (config.demoData) {
      say(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
      for (const u of DEMO_USERS) say(`  ${u.role.padEnd(13)} ${u.email}`);
    } else if (await needsFirstAdmin(database.db)) {
      say(
        'No administrator yet: run `npm run prongsai -- create-admin --email … --name …` (password on standard input),',
      );
      say(`or open ${url}/setup to create the first one (possible only once).`);
    }
  });
  // Requests in flight finish (at most 10 s), then the queue stops taking jobs and hands back those still
  // running after 10 s (they retry on another process or after the restart); Chromium and the database close.
  const graceful = gracefulShutdown({
    server: server as Server,
    release: () =>
      queue
        .stop()
        .finally(() => Promise.allSettled([channel.close?.(), pdf.close()]))
        .finally(() => database.close()),
  });
  shutdown = graceful;
  process.on('SIGINT', graceful.onSignal);
  process.on('SIGTERM', graceful.onSignal);
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof EnvError) {
    console.error(error.message);
  } else {
    log().error(
      { err: error },
      `Prongsai did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  process.exit(1);
});
