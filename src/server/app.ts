import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Db } from './db/client.ts';
import type { ReadReplica } from './db/read-replica.ts';
import type { Env } from './env.ts';
import { authenticateFirst, noStore, warnUntrustedProxy } from './http/api-guards.ts';
import { fail } from './http/app-error.ts';
import type { AppEnv } from './http/context.ts';
import { errorHandler } from './http/error-handler.ts';
import { requestLogger } from './http/request-logger.ts';
import { csrfMiddleware, sessionMiddleware } from './http/session-middleware.ts';
import { textGuard } from './http/text-guard.ts';
import { analysisRoutes } from './modules/assessments/analyses.routes.ts';
import { assessmentRoutes } from './modules/assessments/assessments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes.ts';
import { documentRoutes } from './modules/documents/documents.routes.ts';
import { type DocumentRenderers, documentRenderersFor } from './modules/documents/render-formats.ts';
import { evidenceBodyLimit, evidenceRoutes } from './modules/evidence/evidence.routes.ts';
import { homeRoutes } from './modules/home/home.routes.ts';
import { identityAdminRoutes, oidcSignInRoutes } from './modules/identity/identity.routes.ts';
import { type IdentityDeps, identityDeps } from './modules/identity/oidc-client.ts';
import { lineRoutes } from './modules/line/line.routes.ts';
import { nationalRoutes } from './modules/national/national.routes.ts';
import { oitRoutes } from './modules/oit/oit.routes.ts';
import { type OitDepsInput, oitDeps } from './modules/oit/oit-deps.ts';
import { organizationRoutes } from './modules/organizations/organizations.routes.ts';
import { measuresLibraryRoutes } from './modules/plans/measures-library.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { reportRoutes, roundRoutes } from './modules/progress/progress.routes.ts';
import { publicationRoutes } from './modules/publications/publications.routes.ts';
import { signatureRoutes } from './modules/signatures/signatures.routes.ts';
import { verifyRoutes } from './modules/signatures/verify.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { opsRoutes } from './ops/ops.routes.ts';
import { databaseReadiness, type ReadinessCheck } from './ops/readiness.ts';
import { publicRoutes } from './public/public.routes.ts';
import { type SecretBox, secretBoxFor } from './secrets/secret-box.ts';
import type { FileStore } from './storage/file-store.ts';
import { fileStoreFromConfig } from './storage/file-store-from-config.ts';

/** Request bodies larger than this are refused before they are read; uploads get more room. */
export const BODY_LIMITS = {
  default: 256 * 1024,
  catalogue: 4 * 1024 * 1024,
  /** A font file (TH Sarabun New is ~0.5 MB a weight; some OTFs reach 20 MB) in base64. */
  fonts: 28 * 1024 * 1024,
  /** An emblem (at most 1 MiB) in base64. */
  emblem: 2 * 1024 * 1024,
  assessmentImport: 8 * 1024 * 1024,
};

export function uiDistDir() {
  return path.resolve('dist/ui');
}

function buildApi() {
  return new OpenAPIHono<AppEnv>()
    .route('/auth', authRoutes)
    .route('/auth/oidc', oidcSignInRoutes)
    .route('/identity', identityAdminRoutes)
    .route('/organizations', organizationRoutes)
    .route('/users', userRoutes)
    .route('/catalogue', catalogueRoutes)
    .route('/assessments', assessmentRoutes)
    .route('/analyses', analysisRoutes)
    .route('/plans', planRoutes)
    .route('/measures-library', measuresLibraryRoutes)
    .route('/rounds', roundRoutes)
    .route('/reports', reportRoutes)
    .route('/evidence', evidenceRoutes)
    .route('/documents', documentRoutes)
    .route('/publications', publicationRoutes)
    .route('/signatures', signatureRoutes)
    .route('/oit', oitRoutes)
    .route('/home', homeRoutes)
    .route('/national', nationalRoutes)
    .route('/audit', auditRoutes)
    .route('/line', lineRoutes);
}

export type ApiType = ReturnType<typeof buildApi>;

export function createApp(deps: {
  db: Db;
  config: Env;
  fileStore?: FileStore;
  /** OIT tracker wiring; defaults: private targets refused, no automatic URLs, checker defaults. */
  oit?: OitDepsInput;
  /** How documents are rendered; PDF needs a printer (main.ts starts one), without it DOCX and XLSX still work. */
  documentRenderers?: DocumentRenderers;
  /** What GET /readyz asks (main.ts fills it); default: the database answers and its migrations are current. */
  readinessChecks?: readonly ReadinessCheck[];
  /** The streaming replica (DATABASE_REPLICA_URL, openReadReplica): `readDb` and the public pages read there. */
  reads?: ReadReplica;
  /** Where stored secrets are sealed; default from SECRETS_KEY / the data directory (secretBoxFor). */
  secretBox?: SecretBox;
  /** Identity providers (decision 025); `allowHttpIssuers` is for tests against a local provider only. */
  identity?: Partial<IdentityDeps>;
}) {
  const secretBox = deps.secretBox ?? secretBoxFor(deps.config);
  const fileStore = deps.fileStore ?? fileStoreFromConfig(deps.config);
  const documentRenderers = deps.documentRenderers ?? documentRenderersFor(deps.config, null);
  const oit = oitDeps(deps.oit);
  const identity = identityDeps(deps.identity);
  const app = new OpenAPIHono<AppEnv>();
  app.onError(errorHandler);
  app.use('*', async (c, next) => {
    c.set('db', deps.db);
    c.set('readDb', deps.db);
    c.set('config', deps.config);
    c.set('fileStore', fileStore);
    c.set('oit', oit);
    c.set('documentRenderers', documentRenderers);
    c.set('secretBox', secretBox);
    c.set('identity', identity);
    await next();
  });
  app.use('*', requestLogger);
  // With a replica: where this request's reads go (readDb), and the own-write cookie after a write.
  if (deps.reads) app.use('*', deps.reads.middleware);
  app.use('*', warnUntrustedProxy());
  app.use('/api/*', noStore);
  // Public pages (no sign-in): before secureHeaders, as they set their own headers (embeds need frame-ancestors *).
  app.route(
    '/p',
    publicRoutes({ db: deps.reads?.db ?? deps.db, fileStore, memoKey: deps.reads?.readTarget }),
  );
  // The public verification page of electronic signatures (decision 024): own headers, like /p.
  app.route('/verify', verifyRoutes({ db: deps.reads?.db ?? deps.db }));
  // Runs after secureHeaders has set its headers: a document's PDF may be shown inside our own page.
  app.use('/api/documents/*', async (c, next) => {
    await next();
    if (c.req.query('inline') !== '1') return;
    c.res.headers.set('x-frame-options', 'SAMEORIGIN');
    const csp = c.res.headers.get('content-security-policy');
    if (csp)
      c.res.headers.set(
        'content-security-policy',
        csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
      );
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  const limits = [
    { prefix: '/api/catalogue/', limit: bodyLimit({ maxSize: BODY_LIMITS.catalogue }) },
    { prefix: '/api/assessments/import', limit: bodyLimit({ maxSize: BODY_LIMITS.assessmentImport }) },
    { prefix: '/api/documents/fonts', limit: bodyLimit({ maxSize: BODY_LIMITS.fonts }) },
    { prefix: '/api/documents/settings/', limit: bodyLimit({ maxSize: BODY_LIMITS.emblem }) },
    {
      prefix: '/api/evidence/slots/',
      limit: bodyLimit({ maxSize: evidenceBodyLimit(deps.config.maxEvidenceBytes) }),
    },
  ];
  const defaultLimit = bodyLimit({ maxSize: BODY_LIMITS.default });
  app.use('/api/*', (c, next) =>
    (limits.find((l) => c.req.path.startsWith(l.prefix))?.limit ?? defaultLimit)(c, next),
  );
  app.use('/api/*', sessionMiddleware, authenticateFirst, csrfMiddleware);
  // Text the database cannot store (NUL, lone surrogates) is refused here, for every route at once.
  app.use('/api/*', textGuard);
  app.get('/api/health', (c) => c.json({ ok: true }));
  // /healthz, /readyz, /metrics: outside /api (no sign-in, no CSRF), for load balancers and Prometheus.
  const readiness = deps.readinessChecks ?? databaseReadiness(deps.db);
  app.route('/', opsRoutes({ readiness: () => readiness }));

  const api = buildApi();
  app.route('/api', api);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Prongsai API',
      version: '0.1.0',
      description: 'โปร่งใส — the ITA integrity and transparency cycle for Thai public agencies.',
    },
  });
  app.all('/api/*', () => {
    throw fail.notFound({ th: 'บริการที่เรียก', en: 'API route' });
  });

  const dist = uiDistDir();
  if (fs.existsSync(dist)) app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), dist) }));
  app.get('*', async (c) => {
    const index = path.join(dist, 'index.html');
    if (!fs.existsSync(index)) {
      return c.text('The UI is not built: run `npm run build:ui` (npm start does it).', 503);
    }
    return c.html(fs.readFileSync(index, 'utf8'));
  });
  return app;
}
