import type { PGlite } from '@electric-sql/pglite';
import { and, asc, count, eq, max, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Hono } from 'hono';
import JSZip from 'jszip';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import { toThaiDigits } from '#shared/format/thai.ts';
import { type PlanContent, planContentSchema } from '#shared/plans/contract.ts';
import { indicatorScores, storeResult } from '../../../tests/support/assessment-fixtures.ts';
import { docxText } from '../../../tests/support/docx-text.ts';
import { createTestContext, json, type TestContext, type TestOrg } from '../../../tests/support/test-app.ts';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import {
  documentEmblems,
  documentFiles,
  documents,
  organizations,
  plans,
  publications as publicationsTable,
  publicSites,
} from '../db/schema/index.ts';
import type { Env } from '../env.ts';
import type { AppEnv } from '../http/context.ts';
import { createAnalysis } from '../modules/assessments/analyses.service.ts';
import { loadBundledEditions } from '../modules/catalogue/catalogue.service.ts';
import type { DocumentModel } from '../modules/documents/model.ts';
import { documentRenderersFor, type PdfPrinter } from '../modules/documents/render-formats.ts';
import { publicReads } from '../modules/publications/public-queries.ts';
import { FORMATS } from './addresses.ts';
import { type FileInfo, lastChange, latestLive, notFoundPage, versionPage } from './pages.ts';
import { publicRoutes } from './public.routes.ts';

/**
 * The public pages through the whole app, as a reader without a session sees them: a plan, a round
 * report and an analysis published through POST /api/publications, every page, download, feed, embed
 * and language; a second version and withdrawals; caching; 404s that tell nothing. Then the state walk:
 * every state a plan, round and report can be in, with unique markers in everything not public, and
 * every public URL of the organisation crawled for them.
 *
 * No Chromium here: the PDF "printer" returns the HTML it is given behind a %PDF header, so a PDF's
 * bytes hold its text and a leak into a PDF is found like one into a page.
 */
const stubPdf: PdfPrinter = {
  print: async (html) => new TextEncoder().encode(`%PDF-1.4\n%stub\n${html}\n%%EOF\n`),
};
// The smallest valid PNG: 1×1, greyscale.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000' +
    '3a7e9b550000000a49444154789c63600000000200015c0f3e5d0000000049454e44ae426082',
  'hex',
).toString('base64');
const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');

let t: TestContext;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, stubPdf),
  });
  await loadBundledEditions(t.db);
});
afterAll(() => t.close());

const anon = () => t.client();
const get = (path: string, headers: Record<string, string> = {}) =>
  anon().request('GET', path, undefined, headers);
const html = async (path: string, status = 200) => {
  const r = await get(path);
  const body = await r.text();
  expect(r.status, `${path}: ${body.slice(0, 300)}`).toBe(status);
  return body;
};
const squash = (s: string) => s.replace(/\s+/g, '');
const headingLevels = (page: string) => [...page.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

/** The test database through a second drizzle that counts the statements it sends (prepared ones too). */
function statementCounter(): { db: Db; count(): number } {
  let n = 0;
  const logger = { logQuery: () => void n++ };
  const client = (t.db as unknown as { $client: unknown }).$client;
  const db =
    t.database.kind === 'pglite'
      ? drizzlePglite(client as PGlite, { schema, logger })
      : drizzlePg(client as pg.Pool, { schema, logger });
  return { db: db as unknown as Db, count: () => n };
}

/**
 * A page as the public router rendered it before its one-statement read (kept here as the reference):
 * the site, its change stamp, every version at the address with its content, the shown version's
 * files, each read on its own, then the same pure renderer.
 */
async function pageByFourReads(
  db: Db,
  slug: string,
  a: { fiscalYear: number; pathKey: string; versionNo: number | null },
  view: { lang: 'th' | 'en'; embed: boolean },
) {
  const [site] = await db
    .select({ site: publicSites, org: organizations, emblem: documentEmblems })
    .from(publicSites)
    .innerJoin(organizations, eq(organizations.id, publicSites.organizationId))
    .leftJoin(documentEmblems, eq(documentEmblems.organizationId, publicSites.organizationId))
    .where(eq(publicSites.slug, slug));
  const orgId = site!.org.id;
  const published = db
    .select({ documentId: publicationsTable.documentId })
    .from(publicationsTable)
    .where(eq(publicationsTable.organizationId, orgId));
  const [stampRow] = await db
    .select({
      versions: count(),
      withdrawn: count(publicationsTable.withdrawnAt),
      published: max(publicationsTable.publishedAt),
      withdrawnAt: max(publicationsTable.withdrawnAt),
      fileStamp: sql<string>`(select count(*) || '/' || coalesce(max(extract(epoch from ${documentFiles.createdAt})), 0) from ${documentFiles} where ${documentFiles.documentId} in (${published}))`,
    })
    .from(publicationsTable)
    .where(eq(publicationsTable.organizationId, orgId));
  const [fileCount = '0', fileEpoch = '0'] = String(stampRow?.fileStamp ?? '0/0').split('/');
  const latest = Math.max(
    ...[stampRow?.published, stampRow?.withdrawnAt]
      .map((d) => (d ? new Date(d).getTime() : 0))
      .concat(Number(fileEpoch) * 1000),
  );
  const stamp = {
    key: `${stampRow?.versions ?? 0}.${stampRow?.withdrawn ?? 0}.${fileCount}`,
    lastModified: latest > 0 ? new Date(latest) : null,
  };
  const rows = await db
    .select({ p: publicationsTable, options: documents.options })
    .from(publicationsTable)
    .innerJoin(documents, eq(documents.id, publicationsTable.documentId))
    .where(
      and(
        eq(publicationsTable.organizationId, orgId),
        eq(publicationsTable.fiscalYear, a.fiscalYear),
        eq(publicationsTable.pathKey, a.pathKey),
      ),
    )
    .orderBy(asc(publicationsTable.versionNo));
  const versions = rows.map(({ p, options }) => {
    const withdrawn = p.withdrawnAt ? { at: p.withdrawnAt, reason: p.withdrawReason ?? '' } : null;
    return {
      info: {
        id: p.id,
        fiscalYear: p.fiscalYear,
        kind: p.kind,
        pathKey: p.pathKey,
        versionNo: p.versionNo,
        title: p.title,
        changeSummary: p.changeSummary,
        publishedAt: p.publishedAt,
        documentId: p.documentId,
        withdrawn,
        digits:
          (options as { digits?: unknown } | null)?.digits === 'arabic'
            ? ('arabic' as const)
            : ('thai' as const),
      },
      model: withdrawn ? null : (p.model as DocumentModel),
    };
  });
  const infos = versions.map((v) => v.info);
  const shown = a.versionNo === null ? latestLive(infos) : infos.find((v) => v.versionNo === a.versionNo);
  if (!shown) return { stamp, html: null };
  const files: FileInfo[] = [];
  let lastModified = lastChange(infos);
  if (!shown.withdrawn) {
    const stored = await db
      .select()
      .from(documentFiles)
      .where(eq(documentFiles.documentId, shown.documentId));
    for (const format of FORMATS) {
      const file = stored.find((f) => f.format === format);
      if (!file) continue;
      files.push({ format, bytes: file.bytes });
      if (file.createdAt > lastModified) lastModified = file.createdAt;
    }
  }
  const html = versionPage(
    {
      ...view,
      origin: 'http://localhost',
      site: {
        slug: site!.site.slug,
        nameTh: site!.org.nameTh,
        nameEn: site!.org.nameEn,
        emblem: site!.emblem ? { width: site!.emblem.width, height: site!.emblem.height } : null,
      },
    },
    {
      fiscalYear: a.fiscalYear,
      pathKey: a.pathKey,
      versions: infos,
      shown,
      model: versions.find((v) => v.info.id === shown.id)!.model,
      versioned: a.versionNo !== null,
      files,
    },
  );
  return { stamp, html, status: shown.withdrawn ? 410 : 200, lastModified };
}

function planContent(
  title: string,
  unitIds: string[],
  measures: { title: string; steps: string[] }[],
  extra: Partial<PlanContent> = {},
): PlanContent {
  return planContentSchema.parse({
    title,
    analysisSummary: 'สรุปผลการวิเคราะห์ผลการประเมิน ITA ที่เป็นฐานของมาตรการ',
    monitoringSection: 'ฝ่ายเลขานุการติดตามและรายงานผลรอบ ๖ และ ๑๒ เดือน',
    issues: [
      {
        id: 'i1',
        title: 'การเปิดเผยข้อมูลและการป้องกันการทุจริต',
        stance: 'urgent',
        measures: measures.map((m, i) => ({
          id: `m${i + 1}`,
          kind: 'measure',
          title: m.title,
          steps: m.steps.map((text, k) => ({ id: `m${i + 1}s${k + 1}`, text })),
          responsible: { unitIds, external: [] },
          timeframe: { start: '2567-10', end: '2568-09' },
          monitoring: 'รายงานผลทุกไตรมาส',
        })),
      },
    ],
    ...extra,
  });
}

type People = { secretariat: Client; executive: Client; admin: Client };

/** A plan entered, submitted (the admin overrides the completeness check) and approved through the API. */
async function approvedPlan(org: TestOrg, who: People, fiscalYear: number, content: PlanContent) {
  const created = await json(
    await who.secretariat.post('/api/plans', { organizationId: org.id, fiscalYear }),
  );
  return approveContent(created.id, who, content);
}

async function approveContent(planId: string, who: People, content: PlanContent) {
  const current = await json(await who.secretariat.get(`/api/plans/${planId}`));
  const saved = await who.secretariat.request('PUT', `/api/plans/${planId}`, {
    rowVersion: current.rowVersion,
    content,
  });
  expect(saved.status, await saved.clone().text()).toBe(200);
  const submitted = await who.admin.post(`/api/plans/${planId}/submit`, {
    rowVersion: (await json(saved)).rowVersion,
    overrideReason: 'ทดสอบหน้าสาธารณะ',
  });
  expect(submitted.status, await submitted.clone().text()).toBe(200);
  const approved = await who.executive.post(`/api/plans/${planId}/decision`, {
    decision: 'approve',
    rowVersion: (await json(submitted)).rowVersion,
    memoNumber: 'ตก 0017/123',
    memoDate: '2024-11-05',
  });
  expect(approved.status, await approved.clone().text()).toBe(200);
  return json(approved);
}

async function publish(client: Client, kind: string, subjectId: string) {
  const r = await client.post('/api/publications', { kind, subjectId });
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

async function roundOf(client: Client, body: object) {
  const created = await client.post('/api/rounds', body);
  expect(created.status, await created.clone().text()).toBe(201);
  return json(created);
}

async function openRound(client: Client, round: { id: string; rowVersion: number }) {
  const r = await client.post(`/api/rounds/${round.id}/open`, { rowVersion: round.rowVersion });
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

async function closeRound(client: Client, roundId: string) {
  const round = await json(await client.get(`/api/rounds/${roundId}`));
  const r = await client.post(`/api/rounds/${roundId}/close`, { rowVersion: round.rowVersion });
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

const report = (result: string, extra: object = {}) => ({
  result,
  progress: 'in_progress',
  percent: 50,
  problems: '',
  suggestions: '',
  ...extra,
});

async function submitReport(reporter: Client, slot: { id: string; rowVersion: number }, body: object) {
  const r = await reporter.post(`/api/reports/${slot.id}/submit`, { rowVersion: slot.rowVersion, ...body });
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

async function review(secretariat: Client, slot: { id: string; rowVersion: number }, body: object) {
  const r = await secretariat.post(`/api/reports/${slot.id}/review`, {
    rowVersion: slot.rowVersion,
    ...body,
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

/** Every visible text of a download: DOCX body text and every XML part, XLSX parts, PDF (stub) and HTML as is. */
async function readable(bytes: Uint8Array, type: string): Promise<string> {
  if (type.includes('officedocument')) {
    const zip = await JSZip.loadAsync(bytes);
    const parts = await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name))
        .map((f) => f.async('string')),
    );
    const body = type.includes('wordprocessing') ? await docxText(bytes) : '';
    return `${body}\n${parts.join('\n')}`;
  }
  if (type.startsWith('image/') || type.startsWith('font/')) return '';
  return new TextDecoder().decode(bytes);
}

type Fetched = { path: string; status: number; type: string; text: string };

/**
 * Every public URL of a site a reader can reach: from the index and the feed, each page's links
 * (history, downloads, emblem, the other language), and each page again in English, embedded and both.
 */
async function crawl(slug: string, extra: string[] = []): Promise<Fetched[]> {
  const queue = [`/p/${slug}`, `/p/${slug}?lang=en`, `/p/${slug}?embed=1`, `/p/${slug}/feed.json`, ...extra];
  const seen = new Set<string>();
  const out: Fetched[] = [];
  const add = (link: string, from: string) => {
    const url = new URL(link.replaceAll('&amp;', '&'), `http://localhost${from}`);
    if (url.origin !== 'http://localhost' || !url.pathname.startsWith(`/p/${slug}`)) return;
    queue.push(url.pathname + url.search);
    if (url.search === '' && !/\.(pdf|docx|xlsx)$|\/emblem$|\/feed\.json$/.test(url.pathname)) {
      queue.push(`${url.pathname}?lang=en`, `${url.pathname}?embed=1`, `${url.pathname}?lang=en&embed=1`);
    }
  };
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const r = await get(path);
    const type = r.headers.get('content-type') ?? '';
    const text = await readable(new Uint8Array(await r.arrayBuffer()), type);
    out.push({ path, status: r.status, type, text });
    if (type.startsWith('text/html'))
      for (const m of text.matchAll(/(?:href|src)="([^"]+)"/g)) add(m[1]!, path);
    if (type.startsWith('application/feed+json')) {
      for (const item of JSON.parse(text).items) {
        add(item.url, path);
        add(item._prongsai.latest_url, path);
      }
    }
  }
  return out;
}

describe('public pages of a plan, a round report and an analysis', () => {
  const SLUG = 'demo-public';
  let org: TestOrg;
  let who: People;
  let reporters: Client[];
  let planId: string;
  let roundId: string;
  const MEASURES = [
    { title: 'จัดอบรมเสริมสร้างวัฒนธรรมองค์กรสุจริต', steps: ['จัดทำหลักสูตรอบรม 1 หลักสูตร', 'จัดอบรมเจ้าหน้าที่ทุกระดับ'] },
    {
      title: 'เผยแพร่ข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์',
      steps: ['รวบรวมประกาศจัดซื้อจัดจ้างรายเดือน', 'เผยแพร่ภายในวันที่ 10 ของเดือนถัดไป'],
    },
    { title: 'เปิดช่องทางรับเรื่องร้องเรียนการทุจริต', steps: ['จัดทำแบบฟอร์มออนไลน์', 'รายงานผลการจัดการเรื่องร้องเรียน'] },
  ];
  const TITLE = 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2568';
  const plan = (path = '') => `/p/${SLUG}/2568/plan${path}`;
  const publications: Record<string, { id: string }> = {};

  beforeAll(async () => {
    org = await t.org(null, { nameTh: 'จังหวัดตัวอย่างโปร่งใส' });
    const units = [
      await t.org(org, { nameTh: 'สำนักงานจังหวัด' }),
      await t.org(org, { nameTh: 'ที่ทำการปกครองจังหวัด' }),
    ];
    who = {
      secretariat: await t.signedIn([{ role: 'secretariat', on: org }]),
      executive: await t.signedIn([{ role: 'executive', on: org }]),
      admin: await t.signedIn([{ role: 'admin', on: org }]),
    };
    reporters = await Promise.all(units.map((u) => t.signedIn([{ role: 'unit_reporter', on: u }])));
    expect((await who.secretariat.put(`/api/publications/sites/${org.id}`, { slug: SLUG })).status).toBe(200);
    expect(
      (await who.secretariat.put(`/api/documents/settings/${org.id}/emblem`, { contentBase64: PNG })).status,
    ).toBe(204);
    const approved = await approvedPlan(
      org,
      who,
      2568,
      planContent(
        TITLE,
        units.map((u) => u.id),
        MEASURES,
      ),
    );
    planId = approved.id;
    publications.plan1 = (await publish(who.secretariat, 'plan', planId)).publication;
    const circulated = await who.secretariat.post(`/api/plans/${planId}/circulate`, {
      rowVersion: approved.rowVersion,
    });
    expect(circulated.status).toBe(200);
    const round = await openRound(
      who.secretariat,
      await roundOf(who.secretariat, { planId, kind: '6m', dueDate: '2025-04-05' }),
    );
    roundId = round.id;
    for (const [u, reporter] of reporters.entries()) {
      for (const slot of await json(await reporter.get('/api/reports/mine'))) {
        const done = await submitReport(
          reporter,
          slot,
          report(`ผลการดำเนินงานของหน่วยที่ ${u + 1} ตาม${slot.measureTitle}`, {
            progress: 'done',
            percent: 100,
          }),
        );
        if (u === 0) await review(who.secretariat, done, { decision: 'accept' });
      }
    }
    await closeRound(who.secretariat, roundId);
    publications.round1 = (await publish(who.secretariat, 'round', roundId)).publication;
    const result = await storeResult(t.db, org.id, 2567, indicatorScores([55, 92]));
    const analysis = await createAnalysis(t.db, await t.actorFor(who.admin.id), result.id, {
      settings: analysisSettingsSchema.parse({}),
      title: 'การวิเคราะห์ผลการประเมิน ITA ประจำปี 2567',
    });
    publications.analysis1 = (await publish(who.secretariat, 'analysis', analysis.id)).publication;
  });

  it('lists everything published by fiscal year, newest first, with the emblem, without signing in', async () => {
    const page = await html(`/p/${SLUG}`);
    expect(page).toContain('<html lang="th">');
    expect(page).toContain('จังหวัดตัวอย่างโปร่งใส');
    expect(page).toContain(`<img src="/p/${SLUG}/emblem" alt="" width="1" height="1">`);
    expect(headingLevels(page)).toEqual([1, 2, 2]);
    expect(page.indexOf('id="fy-2568"')).toBeLessThan(page.indexOf('id="fy-2567"'));
    expect(page).toContain('ปีงบประมาณ พ.ศ. ๒๕๖๘');
    for (const path of ['2568/plan', '2568/round/6m', '2567/analysis'])
      expect(page).toContain(`href="/p/${SLUG}/${path}"`);
    expect(page.indexOf(`/p/${SLUG}/2568/plan"`)).toBeLessThan(page.indexOf(`/p/${SLUG}/2568/round/6m"`));
    expect(page).toContain(toThaiDigits(TITLE));
    expect(page).toContain('<th scope="col">ฉบับล่าสุด</th>');
    expect(page).not.toContain('<script');
    const emblem = await get(`/p/${SLUG}/emblem`);
    expect(emblem.status).toBe(200);
    expect(emblem.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await emblem.arrayBuffer()).toString('base64')).toBe(PNG);
  });

  it('shows the plan: measures and steps, version and date, which version, downloads, history, embed code', async () => {
    const page = await html(plan());
    for (const m of MEASURES) {
      expect(page).toContain(toThaiDigits(m.title));
      for (const s of m.steps) expect(page).toContain(toThaiDigits(s));
    }
    expect(page).toContain(`<h1>${toThaiDigits(TITLE)}</h1>`);
    expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
    const levels = headingLevels(page);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeLessThanOrEqual(levels[i - 1]! + 1);
    expect(page).toMatch(/ฉบับที่ ๑ · เผยแพร่เมื่อ [๐-๙]+ [ก-๙]+ ๒๕[๐-๙]{2} เวลา [๐-๙]{2}:[๐-๙]{2} น\./);
    expect(page).toContain('ที่อยู่นี้แสดงฉบับล่าสุดเสมอ ขณะนี้คือฉบับที่ ๑');
    expect(page).toContain(`<a class="url" href="${plan('/v1')}">http://localhost${plan('/v1')}</a>`);
    for (const f of ['pdf', 'docx', 'xlsx']) expect(page).toContain(`href="${plan(`/plan.${f}`)}"`);
    expect(page).toMatch(/Word \(DOCX\)<\/a> <span class="size">\([๐-๙]+ KB\)<\/span>/);
    expect(page).toContain('<h2 id="history">ประวัติการเปลี่ยนแปลง</h2>');
    expect(page).toContain('เผยแพร่ครั้งแรก');
    expect(page).toContain(
      `&lt;iframe src=&quot;http://localhost${plan()}?embed=1&quot; title=&quot;${toThaiDigits(TITLE)}&quot;`,
    );
    expect(page).toContain('<textarea id="embed-snippet" readonly');
    expect(page).toContain('<thead><tr><th scope="col">มาตรการ/โครงการ/กิจกรรม</th>');
    expect(page).toContain('<div class="table-scroll" role="region" tabindex="0"');
    expect(page).toContain('<a class="skip" href="#content">ข้ามไปยังเนื้อหา</a>');
    expect(page).toContain('<main id="content">');
    expect(page).toMatch(/<link rel="stylesheet" href="\/p\/assets\/site\.[0-9a-f]{12}\.css">/);
    expect(page).not.toContain('<script');
    expect(page).not.toContain('base64,'); // no inlined fonts or images
    expect(page.length).toBeLessThan(60_000);
    const css = await get(page.match(/href="(\/p\/assets\/site\.[0-9a-f]+\.css)"/)![1]!);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const cssText = await css.text();
    expect(cssText).toContain('@media print');
    const font = cssText.match(/url\((\/p\/assets\/sarabun-thai-400\.[0-9a-f]+\.woff2)\)/)![1]!;
    const woff2 = await get(font);
    expect(woff2.headers.get('content-type')).toBe('font/woff2');
    expect(new TextDecoder().decode(new Uint8Array(await woff2.arrayBuffer()).subarray(0, 4))).toBe('wOF2');
  });

  it('renders a page without its cache in one statement: site, stamp, versions, content and files', async () => {
    const counting = statementCounter();
    const uncached = new Hono<AppEnv>().route(
      '/p',
      publicRoutes({ db: counting.db, fileStore: t.fileStore, cache: { enabled: false } }),
    );
    for (const path of [plan(), plan('/v1'), plan('?lang=en'), plan()]) {
      const before = counting.count();
      const page = await (await uncached.request(`http://localhost${path}`)).text();
      for (const f of ['pdf', 'docx', 'xlsx']) expect(page).toContain(`/plan.${f}"`);
      // Four before (site, change stamp, versions with their content, files); six with a read a format.
      expect(counting.count() - before, path).toBe(1);
    }
    // With the page cache, a page not cached yet of a site not in the memo: one statement too.
    const cached = new Hono<AppEnv>().route('/p', publicRoutes({ db: counting.db, fileStore: t.fileStore }));
    const before = counting.count();
    expect((await cached.request(`http://localhost${plan()}`)).status).toBe(200);
    expect(counting.count() - before).toBe(1);
  });

  it('serves the files of the version with their type, Thai file name and caching', async () => {
    const docs = await json(await who.secretariat.get(`/api/documents?subjectId=${planId}`));
    const internal = docs.find((d: { kind: string }) => d.kind === 'plan');
    for (const [format, type] of [
      ['pdf', 'application/pdf'],
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const expected = new Uint8Array(
        await (
          await who.secretariat.get(internal.files.find((f: { format: string }) => f.format === format).url)
        ).arrayBuffer(),
      );
      for (const path of [plan(`/plan.${format}`), plan(`/v1/plan.${format}`)]) {
        const r = await get(path);
        expect(r.status, path).toBe(200);
        expect(r.headers.get('content-type')).toBe(type);
        expect(new Uint8Array(await r.arrayBuffer())).toEqual(expected);
        const disposition = r.headers.get('content-disposition')!;
        expect(disposition).toMatch(
          new RegExp(`^attachment; filename="plan-2568-${SLUG}-v1\\.${format}"; filename\\*=UTF-8''`),
        );
        // What it is, the year, the organisation and the published version (not the 200+-byte title).
        expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
          `แผนมาตรการ-2568-จังหวัดตัวอย่างโปร่งใส-v1.${format}`,
        );
        expect(r.headers.get('x-content-type-options')).toBe('nosniff');
        expect(r.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
        expect(r.headers.get('last-modified')).toMatch(/GMT$/);
        expect(r.headers.get('cache-control')).toBe(
          path.includes('/v1/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        );
      }
    }
    const docx = new Uint8Array(await (await get(plan('/plan.docx'))).arrayBuffer());
    const text = await docxText(docx);
    for (const m of MEASURES) expect(squash(text)).toContain(squash(toThaiDigits(m.title)));
  });

  it('shows the round report and the analysis', async () => {
    const round = await html(`/p/${SLUG}/2568/round/6m`);
    expect(round).toContain('รายงานผลการดำเนินงานตามมาตรการ รอบ ๖ เดือน');
    expect(round).toContain(toThaiDigits(`ผลการดำเนินงานของหน่วยที่ 1 ตาม${MEASURES[0]!.title}`));
    expect(round).toContain(toThaiDigits(`ผลการดำเนินงานของหน่วยที่ 2 ตาม${MEASURES[2]!.title}`));
    const roundDocx = await docxText(
      new Uint8Array(await (await get(`/p/${SLUG}/2568/round/6m/round-6m.docx`)).arrayBuffer()),
    );
    expect(roundDocx).toContain(toThaiDigits('ผลการดำเนินงานของหน่วยที่ 1'));
    const analysis = await html(`/p/${SLUG}/2567/analysis`);
    expect(analysis).toMatch(
      /<h1>รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส[^<]*ประจำปีงบประมาณ พ\.ศ\. ๒๕๖๗<\/h1>/,
    );
    expect(analysis).toContain('การวิเคราะห์ผลการประเมิน ITA');
    expect(analysis).toContain('ปีงบประมาณ พ.ศ. ๒๕๖๗');
    expect((await get(`/p/${SLUG}/2567/analysis/v1/analysis.xlsx`)).status).toBe(200);
  });

  it('answers 304 to If-None-Match and If-Modified-Since, for pages and files', async () => {
    for (const path of [
      plan(),
      plan('/v1'),
      `/p/${SLUG}`,
      `/p/${SLUG}/feed.json`,
      plan('/v1/plan.pdf'),
      plan('/plan.docx'),
    ]) {
      const first = await get(path);
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(new Date(lastModified).getTime()).toBeGreaterThan(Date.now() - 3_600_000);
      const again = await get(path);
      expect(again.headers.get('etag')).toBe(etag);
      const cached = await get(path, { 'if-none-match': etag });
      expect(cached.status, path).toBe(304);
      expect(await cached.text()).toBe('');
      expect(cached.headers.get('etag')).toBe(etag);
      expect((await get(path, { 'if-none-match': `W/"other", ${etag}` })).status).toBe(304);
      expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(304);
      expect((await get(path, { 'if-none-match': '"something-else"' })).status).toBe(200);
      expect(
        (await get(path, { 'if-modified-since': new Date(Date.now() - 7_200_000).toUTCString() })).status,
      ).toBe(200);
    }
    const head = await anon().request('HEAD', plan());
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toMatch(/^"/);
    expect(await head.text()).toBe('');
  });

  it('sets strict security headers, and frame-ancestors * only on the embed version', async () => {
    const normal = await get(plan());
    const csp = normal.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(normal.headers.get('x-frame-options')).toBe('DENY');
    expect(normal.headers.get('referrer-policy')).toBeTruthy();
    expect(normal.headers.get('cache-control')).toBe('public, max-age=300');
    const embed = await get(plan('?embed=1'));
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('content-security-policy')).not.toContain("frame-ancestors 'none'");
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const page = await embed.text();
    expect(page).toContain('<base target="_top">');
    expect(page).toContain('<body class="embed">');
    expect(page).not.toContain('site-header');
    expect(page).not.toContain('<textarea');
    expect(page).toContain(toThaiDigits(MEASURES[1]!.steps[1]!));
    expect(page).toContain(`<a href="${plan()}">เปิดหน้าเต็มพร้อมประวัติการเปลี่ยนแปลง</a>`);
    expect((await get(`/p/${SLUG}?embed=1`)).headers.get('content-security-policy')).toContain(
      'frame-ancestors *',
    );
    // The rest of the app keeps the global headers.
    expect((await get('/api/health')).headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    );
  });

  it('switches the words around the content to English with ?lang=en', async () => {
    const page = await html(plan('?lang=en'));
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Version 1 · published');
    expect(page).toMatch(/\d{1,2} [A-Z][a-z]+ 25\d\d BE, \d\d:\d\d \(Bangkok time\)/);
    expect(page).toContain('<h2 id="downloads">Downloads</h2>');
    expect(page).toContain('Version history');
    expect(page).toContain(`<h1 lang="th">${toThaiDigits(TITLE)}</h1>`);
    expect(page).toContain('<article class="document" lang="th">');
    expect(page).toContain(toThaiDigits(MEASURES[0]!.steps[0]!));
    expect(page).toContain(`<a href="${plan()}" lang="th" hreflang="th">ภาษาไทย</a>`);
    expect(page).toContain(`href="${plan('/v1?lang=en')}"`);
    expect(await html(plan())).toContain(`<a href="${plan('?lang=en')}" lang="en" hreflang="en">English</a>`);
    expect(await html(`/p/${SLUG}?lang=en`)).toContain('Fiscal year B.E. 2568 (2025)');
  });

  it('lists every published version in the JSON feed with absolute addresses', async () => {
    const r = await get(`/p/${SLUG}/feed.json`);
    expect(r.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = await r.json();
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.home_page_url).toBe(`http://localhost/p/${SLUG}`);
    expect(feed.items.map((i: { url: string }) => i.url).sort()).toEqual(
      [
        `http://localhost/p/${SLUG}/2567/analysis/v1`,
        `http://localhost${plan('/v1')}`,
        `http://localhost/p/${SLUG}/2568/round/6m/v1`,
      ].sort(),
    );
    // Behind a proxy, PUBLIC_URL gives the addresses, whatever Host the request came with.
    const behind = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('config', { publicUrl: 'https://ita.example.go.th/' } as Env);
        await next();
      })
      .route('/p', publicRoutes({ db: t.db, fileStore: t.fileStore }));
    const proxied = await (await behind.request(`http://10.0.0.5:8080/p/${SLUG}/feed.json`)).json();
    expect(proxied.home_page_url).toBe(`https://ita.example.go.th/p/${SLUG}`);
    expect(await (await behind.request(`http://10.0.0.5:8080${plan()}`)).text()).toContain(
      `&lt;iframe src=&quot;https://ita.example.go.th${plan()}?embed=1&quot;`,
    );
    for (const item of feed.items) {
      expect(item.summary).toBe('เผยแพร่ครั้งแรก');
      expect(item.content_text).toBe('เผยแพร่ครั้งแรก');
      expect(new Date(item.date_published).toISOString()).toBe(item.date_published);
    }
  });

  it('moves the address to version 2 once a new plan version is approved and published; /v1 stays', async () => {
    const before = await get(plan());
    const etag = before.headers.get('etag')!;
    // Another process on the same database: its own page cache, the change stamp read on every request.
    const elsewhere = new Hono().route(
      '/p',
      publicRoutes({ db: t.db, fileStore: t.fileStore, cache: { siteTtlMs: 0 } }),
    );
    const there = async () => (await elsewhere.request(`http://localhost${plan()}`)).text();
    expect(await there()).toContain('ฉบับที่ ๑ · เผยแพร่เมื่อ');
    const v2 = await json(await who.secretariat.post(`/api/plans/${planId}/versions`));
    const content = structuredClone(v2.content) as PlanContent;
    content.issues[0]!.measures[0]!.steps[0]!.text = 'จัดทำหลักสูตรอบรมออนไลน์ 2 หลักสูตร';
    await approveContent(v2.id, who, content);
    const published = await publish(who.secretariat, 'plan', v2.id);
    expect(published).toMatchObject({ created: true, publication: { versionNo: 2, url: plan('/v2') } });
    publications.plan2 = published.publication;
    expect(published.publication.changeSummary).toContain('แก้ไข 1 แถว');

    const latest = await html(plan());
    expect(latest).toContain('ฉบับที่ ๒ · เผยแพร่เมื่อ');
    expect(await there()).toBe(latest);
    expect(latest).toContain('ขณะนี้คือฉบับที่ ๒');
    expect(latest).toContain(toThaiDigits('จัดทำหลักสูตรอบรมออนไลน์ 2 หลักสูตร'));
    expect(latest).not.toContain(toThaiDigits('จัดทำหลักสูตรอบรม 1 หลักสูตร'));
    expect(latest).toContain(toThaiDigits(published.publication.changeSummary));
    expect(latest.indexOf(`href="${plan('/v2')}"`)).toBeLessThan(latest.indexOf(`href="${plan('/v1')}"`));
    expect((await get(plan(), { 'if-none-match': etag })).status).toBe(200);

    const v1 = await html(plan('/v1'));
    expect(v1).toContain('ฉบับที่ ๑ · เผยแพร่เมื่อ');
    expect(v1).toContain(toThaiDigits('จัดทำหลักสูตรอบรม 1 หลักสูตร'));
    expect(v1).toContain('มีฉบับที่ใหม่กว่านี้ (ฉบับที่ ๒)');
    expect(v1).toContain(`href="${plan('/v1/plan.docx')}"`);
    expect(await docxText(new Uint8Array(await (await get(plan('/plan.docx'))).arrayBuffer()))).toContain(
      toThaiDigits('จัดทำหลักสูตรอบรมออนไลน์ 2 หลักสูตร'),
    );
    expect(await docxText(new Uint8Array(await (await get(plan('/v1/plan.docx'))).arrayBuffer()))).toContain(
      toThaiDigits('จัดทำหลักสูตรอบรม 1 หลักสูตร'),
    );
    expect(await html(`/p/${SLUG}`)).toContain('<td>ฉบับที่ ๒</td>');
  });

  it('shows a withdrawn version as a notice (410, not 404) without its content or files', async () => {
    const reason = 'ตารางมาตรการคลาดเคลื่อน อยู่ระหว่างแก้ไข';
    const r = await who.secretariat.post(`/api/publications/${publications.plan2!.id}/withdraw`, { reason });
    expect(r.status, await r.clone().text()).toBe(200);

    const notice = await get(plan('/v2'));
    expect(notice.status).toBe(410);
    expect(notice.headers.get('cache-control')).toBe('public, max-age=300');
    const page = await notice.text();
    expect(page).toContain('ถอนการเผยแพร่เมื่อ');
    expect(page).toContain(reason);
    expect(page).not.toContain(toThaiDigits('จัดทำหลักสูตรอบรมออนไลน์ 2 หลักสูตร'));
    expect(page).not.toContain('id="downloads"');
    expect(page).not.toContain('class="ps-doc');
    const file = await get(plan('/v2/plan.docx'));
    expect(file.status).toBe(410);
    expect(file.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await file.text()).toContain(reason);

    const latest = await html(plan());
    expect(latest).toContain('ฉบับที่ ๑ · เผยแพร่เมื่อ');
    expect(latest).toContain('ฉบับที่ใหม่กว่าถูกถอนการเผยแพร่');
    expect(latest).toContain(toThaiDigits('จัดทำหลักสูตรอบรม 1 หลักสูตร'));
    expect(latest).toContain(reason); // in the history
    expect(await docxText(new Uint8Array(await (await get(plan('/plan.docx'))).arrayBuffer()))).toContain(
      toThaiDigits('จัดทำหลักสูตรอบรม 1 หลักสูตร'),
    );
    const feed = await (await get(`/p/${SLUG}/feed.json`)).json();
    const item = feed.items.find((i: { url: string }) => i.url.endsWith('/plan/v2'));
    expect(item.title).toMatch(/^\[ถอนการเผยแพร่\]/);
    expect(item.summary).toContain(reason);
    expect(item.date_modified).toBeTruthy();

    await who.secretariat.post(`/api/publications/${publications.round1!.id}/withdraw`, {
      reason: 'รายงานไม่ครบทุกหน่วยงาน',
    });
    const round = await get(`/p/${SLUG}/2568/round/6m`);
    expect(round.status).toBe(410);
    expect(await round.text()).toContain('รายงานไม่ครบทุกหน่วยงาน');
    expect((await get(`/p/${SLUG}/2568/round/6m/round-6m.pdf`)).status).toBe(410);
    const index = await html(`/p/${SLUG}`);
    expect(index).toMatch(/round\/6m"[\s\S]*?<span class="status-withdrawn">ถอนการเผยแพร่แล้ว<\/span>/);
  });

  it('answers 404 with one page that tells nothing, for anything not published', async () => {
    const other = await t.org(null, { nameTh: 'หน่วยงานที่มีแต่ร่าง' });
    const sec = await t.signedIn([{ role: 'secretariat', on: other }]);
    expect((await sec.put(`/api/publications/sites/${other.id}`, { slug: 'drafts-only' })).status).toBe(200);
    await sec.post('/api/plans', { organizationId: other.id, fiscalYear: 2568 });
    const paths = [
      '/p',
      '/p/',
      '/p/ab',
      '/p/DEMO-PUBLIC',
      '/p/unknown-site',
      '/p/unknown-site/2568/plan',
      '/p/drafts-only/2568/plan',
      '/p/drafts-only/2568/plan/v1',
      `/p/${SLUG}/2599/plan`,
      `/p/${SLUG}/25x8/plan`,
      `/p/${SLUG}/2568/planx`,
      `/p/${SLUG}/2568/analysis`,
      `/p/${SLUG}/2568/round/12m`,
      `/p/${SLUG}/2568/round`,
      `/p/${SLUG}/2568/memo`,
      `/p/${SLUG}/2568/plan/v9`,
      `/p/${SLUG}/2568/plan/v0`,
      `/p/${SLUG}/2568/plan/vx`,
      `/p/${SLUG}/2568/plan/v1/v1`,
      `/p/${SLUG}/2568/plan/plan.exe`,
      `/p/${SLUG}/2568/plan/v1/plan.txt`,
      `/p/${SLUG}/2568/plan/v1/other.pdf`,
      `/p/${SLUG}/2568/plan/v1/plan.pdf/more`,
      `/p/${SLUG}/2568/plan/v9/plan.pdf`,
      `/p/${SLUG}/2568/plan%2Fv1`,
      `/p/${SLUG}/2568/plan/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/p/${SLUG}/2568/..%2f2568/plan`,
      `/p/${SLUG}/2568/plan/..%5cplan.pdf`,
      `/p/${SLUG}/2568/plan/%2e%2e%2fv1`,
      `/p/${SLUG}/emblem.png`,
      `/p/assets/site.0123456789ab.css`,
    ];
    for (const path of paths) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(await r.text(), path).toBe(notFoundPage());
    }
    const post = await anon().request('POST', `/p/${SLUG}`, {});
    expect(post.status).toBe(404);
    expect(notFoundPage()).not.toMatch(/draft|ร่าง/i);
    // An organisation without an emblem has no emblem address.
    expect((await get('/p/drafts-only/emblem')).status).toBe(404);
  });

  it('renders every page byte for byte as the four separate reads did, stamp and headers included', async () => {
    const uncached = new Hono<AppEnv>().route(
      '/p',
      publicRoutes({ db: t.db, fileStore: t.fileStore, cache: { enabled: false } }),
    );
    // Every kind of page there is by now: a live version with an older one, the latest address whose
    // newest version is withdrawn, the withdrawn version, a withdrawn round, an analysis; unknown ones.
    const addresses = [
      { fiscalYear: 2568, pathKey: 'plan', versionNo: null },
      { fiscalYear: 2568, pathKey: 'plan', versionNo: 1 },
      { fiscalYear: 2568, pathKey: 'plan', versionNo: 2 },
      { fiscalYear: 2568, pathKey: 'round/6m', versionNo: null },
      { fiscalYear: 2568, pathKey: 'round/6m', versionNo: 1 },
      { fiscalYear: 2567, pathKey: 'analysis', versionNo: null },
      { fiscalYear: 2568, pathKey: 'plan', versionNo: 3 },
      { fiscalYear: 2566, pathKey: 'plan', versionNo: null },
    ];
    let compared = 0;
    for (const a of addresses) {
      for (const view of [
        { lang: 'th' as const, embed: false },
        { lang: 'en' as const, embed: false },
        { lang: 'th' as const, embed: true },
      ]) {
        const path = `/p/${SLUG}/${a.fiscalYear}/${a.pathKey}${a.versionNo ? `/v${a.versionNo}` : ''}?lang=${view.lang}${view.embed ? '&embed=1' : ''}`;
        const expected = await pageByFourReads(t.db, SLUG, a, view);
        const r = await uncached.request(`http://localhost${path}`);
        const body = await r.text();
        if (expected.html === null) {
          expect(r.status, path).toBe(404);
          continue;
        }
        expect(r.status, path).toBe(expected.status);
        expect(body, path).toBe(expected.html);
        expect(r.headers.get('last-modified'), path).toBe(expected.lastModified!.toUTCString());
        compared++;
      }
    }
    expect(compared).toBe(18);
    // The site read's stamp (the memo's, which keys the cache) is the one the separate query gave.
    const { stamp } = await pageByFourReads(t.db, SLUG, addresses[0]!, { lang: 'th', embed: false });
    expect((await publicReads(t.db).site(SLUG))?.stamp).toEqual(stamp);
    expect(stamp.key).toMatch(/^4\.2\.\d+$/);
  });
});

describe('the state walk: no public address shows anything of a state that is not public', () => {
  const SLUG = 'state-walk';
  const SECRETS: string[] = [];
  const PUBLICS: string[] = [];
  /** Letters and hyphens only: digit conversion and HTML escaping leave them as they are. */
  const secret = (name: string) => {
    const marker = `ZQSECRET-${name}`;
    SECRETS.push(marker);
    return marker;
  };
  const pub = (name: string) => {
    const marker = `ZQPUBLIC-${name}`;
    PUBLICS.push(marker);
    return marker;
  };
  let org: TestOrg;
  let unit: TestOrg;
  let who: People;
  let reporter: Client;
  const refusals: { what: string; status: number; code: string; th: string; en: string }[] = [];
  const guessed: string[] = [];
  const pages: string[] = [];
  let crawled: Fetched[];

  const measures = (mark: (name: string) => string, tag: string) =>
    ['A', 'B', 'C', 'D', 'E'].map((m) => ({
      title: `${mark(`${tag}-MEASURE-${m}`)} มาตรการ`,
      steps: [`${mark(`${tag}-STEP-${m}`)} ขั้นตอน`],
    }));

  async function refuse(what: string, kind: string, subjectId: string) {
    const r = await who.secretariat.post('/api/publications', { kind, subjectId });
    const body = await json(r);
    refusals.push({
      what,
      status: r.status,
      code: body.error?.code,
      th: body.error?.message_th,
      en: body.error?.message_en,
    });
  }

  async function storedPlan(
    fiscalYear: number,
    status: string,
    content: PlanContent,
    extra: Partial<typeof plans.$inferInsert> = {},
  ) {
    const [row] = await t.db
      .insert(plans)
      .values({ organizationId: org.id, fiscalYear, status, content, ...extra })
      .returning();
    return row!;
  }

  /**
   * The round's five reports, one in each state: pending; draft (saved with problems, suggestions, a
   * link and an evidence file, never submitted); submitted; returned with a review comment and edited
   * again; accepted. Only submitted and accepted reports of a closed round are public.
   */
  async function fillRound(roundId: string, tag: string, closes: boolean) {
    const shown = closes ? pub : secret;
    const slots = (await json(await reporter.get('/api/reports/mine')))
      .filter((s: { roundId: string }) => s.roundId === roundId)
      .sort((a: { measureId: string }, b: { measureId: string }) => a.measureId.localeCompare(b.measureId));
    expect(slots).toHaveLength(5);
    const [, draft, submitted, returned, accepted] = slots;
    const saved = await reporter.request('PUT', `/api/reports/${draft.id}`, {
      rowVersion: draft.rowVersion,
      ...report(secret(`${tag}-DRAFT-RESULT`), {
        problems: secret(`${tag}-DRAFT-PROBLEM`),
        suggestions: secret(`${tag}-DRAFT-SUGGESTION`),
        links: [
          {
            url: `https://example.go.th/${secret(`${tag}-DRAFT-LINK-URL`)}`,
            label: secret(`${tag}-DRAFT-LINK`),
          },
        ],
      }),
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const upload = async (slotId: string, name: string) => {
      const r = await reporter.post(`/api/evidence/slots/${slotId}`, {
        fileName: `${name}.pdf`,
        contentBase64: EVIDENCE_PDF,
      });
      expect(r.status, await r.clone().text()).toBe(201);
    };
    await upload(draft.id, secret(`${tag}-DRAFT-EVIDENCE`));
    await submitReport(
      reporter,
      submitted,
      report(shown(`${tag}-SUBMITTED-RESULT`), { problems: shown(`${tag}-SUBMITTED-PROBLEM`) }),
    );
    const sent = await submitReport(
      reporter,
      returned,
      report(secret(`${tag}-RETURNED-RESULT`), { suggestions: secret(`${tag}-RETURNED-SUGGESTION`) }),
    );
    const back = await review(who.secretariat, sent, {
      decision: 'return',
      comment: secret(`${tag}-REVIEW-COMMENT`),
    });
    const redrafted = await reporter.request('PUT', `/api/reports/${returned.id}`, {
      rowVersion: back.rowVersion,
      ...report(secret(`${tag}-RETURNED-REDRAFT`)),
    });
    expect(redrafted.status, await redrafted.clone().text()).toBe(200);
    expect((await json(redrafted)).state).toBe('returned');
    await upload(accepted.id, shown(`${tag}-ACCEPTED-EVIDENCE`));
    const done = await submitReport(
      reporter,
      { id: accepted.id, rowVersion: accepted.rowVersion },
      report(shown(`${tag}-ACCEPTED-RESULT`), {
        progress: 'done',
        percent: 100,
        links: [{ url: 'https://example.go.th/ita', label: shown(`${tag}-ACCEPTED-LINK`) }],
      }),
    );
    await review(who.secretariat, done, { decision: 'accept' });
  }

  beforeAll(async () => {
    org = await t.org(null, { nameTh: 'จังหวัดเดินสถานะ' });
    unit = await t.org(org, { nameTh: 'สำนักงานจังหวัดเดินสถานะ' });
    who = {
      secretariat: await t.signedIn([{ role: 'secretariat', on: org }]),
      executive: await t.signedIn([{ role: 'executive', on: org }]),
      admin: await t.signedIn([{ role: 'admin', on: org }]),
    };
    reporter = await t.signedIn([{ role: 'unit_reporter', on: unit }]);
    expect((await who.secretariat.put(`/api/publications/sites/${org.id}`, { slug: SLUG })).status).toBe(200);

    // Plan 2568, approved through the API and published, then circulated (published again: no change).
    const p1 = await approvedPlan(
      org,
      who,
      2568,
      planContent(pub('PLAN-TITLE'), [unit.id], measures(pub, 'PLAN')),
    );
    await publish(who.secretariat, 'plan', p1.id);
    const circulated = await json(
      await who.secretariat.post(`/api/plans/${p1.id}/circulate`, { rowVersion: p1.rowVersion }),
    );
    expect(circulated.status).toBe('circulated');
    expect((await publish(who.secretariat, 'plan', p1.id)).publication.versionNo).toBe(1);

    // Its next version through the API: draft, submitted, returned; refused in each.
    const v2 = await json(await who.secretariat.post(`/api/plans/${p1.id}/versions`));
    const saved = await json(
      await who.secretariat.request('PUT', `/api/plans/${v2.id}`, {
        rowVersion: v2.rowVersion,
        content: planContent(secret('DRAFT-PLAN-TITLE'), [unit.id], measures(secret, 'DRAFT')),
      }),
    );
    await refuse('plan 2568 v2 draft', 'plan', v2.id);
    const memo = await who.secretariat.request('PUT', `/api/documents/drafts/memo/plan/${v2.id}`, {
      rowVersion: 0,
      draft: {
        kind: 'memo',
        content: {
          department: 'สำนักงานจังหวัด',
          subject: secret('MEMO-SUBJECT'),
          to: 'ผู้ว่าราชการจังหวัด',
          background: secret('MEMO-BACKGROUND'),
          facts: 'ข้อเท็จจริง',
          considerations: 'ข้อพิจารณา',
          proposal: 'ข้อเสนอ',
        },
      },
    });
    expect(memo.status, await memo.clone().text()).toBe(200);
    for (const kind of ['plan', 'memo']) {
      const made = await who.secretariat.post('/api/documents', {
        kind,
        subjectType: 'plan',
        subjectId: v2.id,
      });
      expect(made.status, await made.clone().text()).toBe(200); // internal documents of the draft
    }
    const submitting = await who.admin.post(`/api/plans/${v2.id}/submit`, {
      rowVersion: saved.rowVersion,
      overrideReason: 'ทดสอบหน้าสาธารณะ',
    });
    expect(submitting.status, await submitting.clone().text()).toBe(200);
    const submitted = await json(submitting);
    expect(submitted.status).toBe('submitted');
    await refuse('plan 2568 v2 submitted', 'plan', v2.id);
    const returned = await json(
      await who.executive.post(`/api/plans/${v2.id}/decision`, {
        decision: 'return',
        rowVersion: submitted.rowVersion,
        comment: secret('PLAN-RETURN-COMMENT'),
      }),
    );
    expect(returned.status).toBe('returned');
    await refuse('plan 2568 v2 returned', 'plan', v2.id);

    // Plans stored in every other state, a fiscal year each.
    const draft = await storedPlan(
      2569,
      'draft',
      planContent(secret('STORED-DRAFT-TITLE'), [unit.id], measures(secret, 'STORED-DRAFT')),
    );
    await refuse('plan 2569 draft', 'plan', draft.id);
    const sent = await storedPlan(
      2570,
      'submitted',
      planContent(secret('SUBMITTED-TITLE'), [unit.id], measures(secret, 'SUBMITTED')),
    );
    await refuse('plan 2570 submitted', 'plan', sent.id);
    const back = await storedPlan(
      2574,
      'returned',
      planContent(secret('RETURNED-TITLE'), [unit.id], measures(secret, 'RETURNED')),
      { returnComment: secret('STORED-RETURN-COMMENT') },
    );
    await refuse('plan 2574 returned', 'plan', back.id);
    const old = await storedPlan(
      2571,
      'superseded',
      planContent(secret('SUPERSEDED-TITLE'), [unit.id], measures(secret, 'SUPERSEDED')),
    );
    await refuse('plan 2571 superseded', 'plan', old.id);
    const current = await storedPlan(
      2571,
      'approved',
      planContent(pub('APPROVED-TITLE'), [unit.id], measures(pub, 'APPROVED')),
      { versionNo: 2, previousVersionId: old.id },
    );
    await publish(who.secretariat, 'plan', current.id);
    const unpublished = await storedPlan(
      2573,
      'approved',
      planContent(secret('APPROVED-UNPUBLISHED-TITLE'), [unit.id], measures(secret, 'APPROVED-UNPUBLISHED')),
    );
    expect(unpublished.status).toBe('approved'); // publishable, never published: not public either
    // Circulated, published, then withdrawn: the title stays on the notice, the content goes.
    const gone = await storedPlan(
      2572,
      'circulated',
      planContent('แผนที่ถอนการเผยแพร่', [unit.id], measures(secret, 'WITHDRAWN')),
    );
    const goneVersion = await publish(who.secretariat, 'plan', gone.id);
    const withdrawn = await who.secretariat.post(`/api/publications/${goneVersion.publication.id}/withdraw`, {
      reason: 'เผยแพร่ผิดปีงบประมาณ',
    });
    expect(withdrawn.status).toBe(200);

    // Rounds of plan 2568: 6 months with every report state, closed and published.
    const r6 = await openRound(
      who.secretariat,
      await roundOf(who.secretariat, { planId: p1.id, kind: '6m', dueDate: '2025-04-05' }),
    );
    await fillRound(r6.id, 'SIXM', true);
    await closeRound(who.secretariat, r6.id);
    await publish(who.secretariat, 'round', r6.id);
    const roundMemo = await who.secretariat.request('PUT', `/api/documents/drafts/memo/round/${r6.id}`, {
      rowVersion: 0,
      draft: {
        kind: 'memo',
        content: {
          department: 'สำนักงานจังหวัด',
          subject: 'รายงานผลรอบ ๖ เดือน',
          to: 'ผู้ว่าราชการจังหวัด',
          background: 'เรื่องเดิม',
          facts: secret('ROUND-MEMO-FACTS'),
          considerations: 'ข้อพิจารณา',
          proposal: 'ข้อเสนอ',
        },
      },
    });
    expect(roundMemo.status, await roundMemo.clone().text()).toBe(200);
    // A monthly round left open with every report state: refused.
    const monthly = await openRound(
      who.secretariat,
      await roundOf(who.secretariat, {
        planId: p1.id,
        kind: 'monthly',
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        dueDate: '2025-02-05',
      }),
    );
    await fillRound(monthly.id, 'OPEN', false);
    await refuse('round monthly open', 'round', monthly.id);
    // A 12-month round still in draft: refused.
    const r12 = await roundOf(who.secretariat, {
      planId: p1.id,
      kind: '12m',
      labelTh: secret('DRAFT-ROUND-LABEL'),
      dueDate: '2025-10-05',
    });
    await refuse('round 12m draft', 'round', r12.id);

    // An analysis: published, then edited (the published version keeps what it showed).
    const result = await storeResult(t.db, org.id, 2567, indicatorScores([60, 85]));
    const analysis = await createAnalysis(t.db, await t.actorFor(who.admin.id), result.id, {
      settings: analysisSettingsSchema.parse({}),
    });
    const edited = await who.secretariat.patch(`/api/analyses/${analysis.id}`, {
      version: analysis.version,
      limitations: pub('ANALYSIS-LIMITATION'),
    });
    expect(edited.status, await edited.clone().text()).toBe(200);
    await publish(who.secretariat, 'analysis', analysis.id);
    const later = await who.secretariat.patch(`/api/analyses/${analysis.id}`, {
      version: (await json(edited)).version,
      limitations: secret('ANALYSIS-EDITED-AFTER-PUBLISHING'),
    });
    expect(later.status, await later.clone().text()).toBe(200);

    // Every address the site has given out, each file of each version, and addresses one might guess.
    const site = await json(await who.secretariat.get(`/api/publications/sites/${org.id}`));
    pages.push(...site.publications.flatMap((p: { url: string; latestUrl: string }) => [p.url, p.latestUrl]));
    const given: string[] = site.publications.flatMap(
      (p: { url: string; latestUrl: string; pathKey: string }) => {
        const base = p.pathKey.replaceAll('/', '-');
        return [p.url, p.latestUrl].flatMap((u) => [
          u,
          ...['pdf', 'docx', 'xlsx'].map((f) => `${u}/${base}.${f}`),
        ]);
      },
    );
    guessed.push(
      ...[2569, 2570, 2573, 2574].map((y) => `/p/${SLUG}/${y}/plan`),
      `/p/${SLUG}/2568/plan/v2`,
      `/p/${SLUG}/2571/plan/v2`,
      `/p/${SLUG}/2568/round/monthly-2025-01`,
      `/p/${SLUG}/2568/round/monthly-2568-01`,
      `/p/${SLUG}/2568/round/12m`,
      `/p/${SLUG}/2568/round/12m/v1/round-12m.pdf`,
    );
    crawled = await crawl(SLUG, [...given, ...guessed]);
  });

  it('refuses to publish a plan not approved and a round not closed, and says why', () => {
    expect(refusals.map((r) => [r.what, r.status, r.code])).toEqual([
      ['plan 2568 v2 draft', 409, 'plan_not_approved'],
      ['plan 2568 v2 submitted', 409, 'plan_not_approved'],
      ['plan 2568 v2 returned', 409, 'plan_not_approved'],
      ['plan 2569 draft', 409, 'plan_not_approved'],
      ['plan 2570 submitted', 409, 'plan_not_approved'],
      ['plan 2574 returned', 409, 'plan_not_approved'],
      ['plan 2571 superseded', 409, 'plan_not_approved'],
      ['round monthly open', 409, 'round_not_closed'],
      ['round 12m draft', 409, 'round_not_closed'],
    ]);
    const plan = refusals.find((r) => r.what === 'plan 2568 v2 returned')!;
    expect(plan.th).toBe('เผยแพร่ได้เฉพาะแผนที่ได้รับความเห็นชอบแล้ว (แผนนี้มีสถานะ returned)');
    expect(plan.en).toBe('Only an approved plan can be published (this one is returned)');
    const round = refusals.find((r) => r.what === 'round monthly open')!;
    expect(round.th).toBe('เผยแพร่รายงานได้เมื่อปิดรอบการรายงานแล้ว (รอบนี้ยังเปิดอยู่หรือยังไม่เริ่ม)');
    expect(round.en).toBe(
      'A round report can be published once the round is closed (this round is still open or not started)',
    );
  });

  it('reaches every page, version, download, feed, embed and language, and none is a 404 once given out', () => {
    const byKind = (re: RegExp) => crawled.filter((f) => re.test(f.path));
    const paths = new Set(crawled.map((f) => f.path));
    for (const page of pages) {
      for (const variant of ['', '?lang=en', '?embed=1', '?lang=en&embed=1']) {
        expect(paths.has(`${page}${variant}`), `${page}${variant} crawled`).toBe(true);
      }
    }
    expect(pages.length).toBe(10); // 5 versions published (one withdrawn): each at /v1 and its latest address
    expect(crawled.length).toBeGreaterThan(80);
    expect(byKind(/\.docx$/).length).toBeGreaterThanOrEqual(10);
    expect(byKind(/\.xlsx$/).length).toBeGreaterThanOrEqual(10);
    expect(byKind(/\.pdf$/).length).toBeGreaterThanOrEqual(10);
    for (const f of crawled) {
      const expected = guessed.includes(f.path) ? [404] : [200, 410];
      expect(expected, `${f.path} answered ${f.status}`).toContain(f.status);
    }
    expect(crawled.filter((f) => f.status === 410).length).toBeGreaterThan(0); // the withdrawn plan
  });

  it('finds no marker of a non-public state at any public address', () => {
    expect(SECRETS.length).toBeGreaterThan(60);
    const leaks = SECRETS.flatMap((marker) =>
      crawled.filter((f) => f.text.includes(marker)).map((f) => `${marker} at ${f.path}`),
    );
    expect(leaks).toEqual([]);
  });

  it('finds what was published, in pages and in files (the walk would see a leak)', () => {
    for (const marker of PUBLICS) {
      const at = crawled.filter((f) => f.text.includes(marker)).map((f) => f.path);
      expect(
        at.some((p) => !/\.(pdf|docx|xlsx)$/.test(p)),
        `${marker} on a page`,
      ).toBe(true);
      expect(
        at.some((p) => p.endsWith('.docx')),
        `${marker} in a DOCX`,
      ).toBe(true);
    }
  });
});
