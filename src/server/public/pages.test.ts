import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../modules/documents/model.ts';
import { webBlocks } from './content.ts';
import { jsonFeed } from './feed.ts';
import { addressLabel, dateTime, fileSize, roundLabel } from './i18n.ts';
import {
  indexPage,
  lastChange,
  latestLive,
  notFoundPage,
  type PageContext,
  type VersionInfo,
  versionPage,
} from './pages.ts';

const EVIL = `<script>alert("x")</script> & 'quote'`;
const site = {
  slug: 'tak',
  nameTh: `จังหวัดตาก ${EVIL}`,
  nameEn: 'Tak Province',
  emblem: { width: 40, height: 48 },
};
const ctx = (over: Partial<PageContext> = {}): PageContext => ({
  lang: 'th',
  embed: false,
  origin: 'https://ita.example.go.th',
  site,
  ...over,
});

const model: DocumentModel = {
  kind: 'plan',
  title: 'แผน 2568',
  orientation: 'landscape',
  form: 'report',
  blocks: [
    { kind: 'heading', level: 1, text: 'แผน 2568', align: 'center' },
    { kind: 'heading', level: 2, text: 'จังหวัดตาก', align: 'center' },
    { kind: 'paragraph', text: `ย่อหน้า ${EVIL} ปี 2568` },
    {
      kind: 'table',
      columns: [
        { header: 'มาตรการ', width: 2 },
        { header: 'ขั้นตอน', width: 3 },
      ],
      rows: [
        { kind: 'group', text: '(1) ประเด็น' },
        {
          kind: 'cells',
          cells: [{ lines: [`มาตรการ ${EVIL}`] }, { lines: ['ขั้น 1', 'ขั้น 2'], numbered: true }],
        },
      ],
      emptyText: '-',
    },
    { kind: 'heading', level: 1, text: 'ภาคผนวก' },
    { kind: 'heading', level: 3, text: 'หมายเหตุ' },
  ],
};

const version = (n: number, over: Partial<VersionInfo> = {}): VersionInfo => ({
  id: `id-${n}`,
  fiscalYear: 2568,
  kind: 'plan',
  pathKey: 'plan',
  versionNo: n,
  title: `แผน 2568 ${EVIL}`,
  changeSummary: n === 1 ? 'เผยแพร่ครั้งแรก' : `ตาราง “มาตรการ”: แก้ไข 1 แถว ${EVIL}`,
  publishedAt: new Date(Date.UTC(2025, 0, n, 3, 0)),
  documentId: `doc-${n}`,
  withdrawn: null,
  digits: 'thai',
  ...over,
});

const page = (over: Partial<Parameters<typeof versionPage>[1]> = {}, c = ctx()) => {
  const versions = over.versions ?? [version(1), version(2)];
  return versionPage(c, {
    fiscalYear: 2568,
    pathKey: 'plan',
    versions,
    shown: versions.at(-1)!,
    model,
    versioned: false,
    files: [
      { format: 'pdf', bytes: 230_000 },
      { format: 'docx', bytes: 1_500 },
    ],
    ...over,
  });
};

const levels = (html: string) => [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

describe('version page', () => {
  it('shows the content with the digits the agency chose for the document', () => {
    const article = (html: string) => html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    const thai = article(page());
    expect(thai).toContain('ขั้น ๑');
    const versions = [version(1, { digits: 'arabic' })];
    const arabic = article(page({ versions, shown: versions[0]! }));
    expect(arabic).toContain('ขั้น 1');
    expect(arabic).not.toContain('ขั้น ๑');
  });

  it('escapes every text and carries no script', () => {
    const html = page();
    expect(html).not.toContain('<script');
    expect(html).not.toContain(`"x"`);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;');
    expect(html).not.toMatch(/ on\w+=/);
  });

  it('has one h1 (the title), headings in order, header cells, scrolling tables, a skip link and lang', () => {
    const html = page();
    const h = levels(html);
    expect(h.filter((l) => l === 1)).toHaveLength(1);
    expect(h[0]).toBe(1);
    for (let i = 1; i < h.length; i++) expect(h[i]!).toBeLessThanOrEqual(h[i - 1]! + 1);
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('<a class="skip" href="#content">');
    expect(html).toContain('<thead><tr><th scope="col">มาตรการ</th><th scope="col">ขั้นตอน</th></tr></thead>');
    expect(html).toMatch(
      /<div class="table-scroll" role="region" tabindex="0" aria-label="[^"]+"><table class="ps-table">/,
    );
    expect(html).toContain('<th scope="col">ฉบับ</th>');
    expect(html).toContain('<th scope="row"><a href="/p/tak/2568/plan/v2">ฉบับที่ ๒</a> (ฉบับที่แสดงอยู่)</th>');
    expect(html).toContain('<h2>ภาคผนวก</h2>');
    expect(html).toContain('<style>@media print { @page { size: A4 landscape; } }</style>');
  });

  it('says which version the latest address shows, with its permanent address; /v1 points to the newer one', () => {
    const latest = page();
    expect(latest).toContain('ขณะนี้คือฉบับที่ ๒');
    expect(latest).toContain(
      '<a class="url" href="/p/tak/2568/plan/v2">https://ita.example.go.th/p/tak/2568/plan/v2</a>',
    );
    expect(latest).toContain(
      '<a href="/p/tak/2568/plan/plan.pdf">PDF</a> <span class="size">(๒๒๕ KB)</span>',
    );
    const v1 = page({ shown: version(1), versioned: true });
    expect(v1).toContain('มีฉบับที่ใหม่กว่านี้ (ฉบับที่ ๒)');
    expect(v1).toContain('href="/p/tak/2568/plan/v1/plan.docx"');
    expect(v1).toContain('<a href="/p/tak/2568/plan/v1" aria-current="page">ฉบับที่ ๑</a>');
    expect(v1).toContain('&lt;iframe src=&quot;https://ita.example.go.th/p/tak/2568/plan/v1?embed=1&quot;');
  });

  it('shows a withdrawn version as a notice: no content, no downloads', () => {
    const withdrawn = version(2, {
      withdrawn: { at: new Date('2025-02-01T02:00:00Z'), reason: `ผิดฉบับ ${EVIL}` },
    });
    const html = page({
      versions: [version(1), withdrawn],
      shown: withdrawn,
      model: null,
      versioned: true,
      files: [],
    });
    expect(html).toContain(
      '<div class="withdrawn-notice" role="note"><p><strong>ถอนการเผยแพร่เมื่อ ๑ กุมภาพันธ์ ๒๕๖๘ เวลา ๐๙:๐๐ น.:</strong> ผิดฉบับ &lt;script&gt;',
    );
    expect(html).not.toContain('ps-doc');
    expect(html).not.toContain('id="downloads"');
    expect(latestLive([version(1), withdrawn])!.versionNo).toBe(1);
    expect(latestLive([withdrawn])!.versionNo).toBe(2);
    expect(lastChange([version(1), withdrawn])).toEqual(new Date('2025-02-01T02:00:00Z'));
  });

  it('in English: the words around the content, Thai content marked lang="th"', () => {
    const html = page({}, ctx({ lang: 'en' }));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<span class="name">Tak Province</span><span class="name-2" lang="th">');
    expect(html).toContain('Version 2 · published 2 January 2568 BE, 10:00 (Bangkok time)');
    expect(html).toContain('<article class="document" lang="th">');
    expect(html).toContain('<a href="/p/tak/2568/plan" lang="th" hreflang="th">ภาษาไทย</a>');
    expect(html).toContain('href="/p/tak?lang=en"');
  });

  it('embedded: no site chrome, links open in the embedding window, a link to the full page', () => {
    const html = page({}, ctx({ embed: true }));
    expect(html).toContain('<base target="_top">');
    expect(html).not.toContain('class="skip"');
    expect(html).not.toContain('site-header');
    expect(html).not.toContain('embed-code');
    expect(html).not.toContain('id="history"');
    expect(html).toContain('<a href="/p/tak/2568/plan">เปิดหน้าเต็มพร้อมประวัติการเปลี่ยนแปลง</a>');
  });
});

describe('index page', () => {
  it('groups by fiscal year, newest first; the latest live version of each address; withdrawn ones say so', () => {
    const html = indexPage(ctx(), [
      version(1, { fiscalYear: 2567, pathKey: 'analysis', title: 'วิเคราะห์' }),
      version(1, {
        pathKey: 'round/6m',
        title: 'รอบ 6',
        withdrawn: { at: new Date('2025-03-01'), reason: 'x' },
      }),
      version(1),
      version(2, { withdrawn: { at: new Date('2025-03-01'), reason: 'x' } }),
    ]);
    expect(html.indexOf('id="fy-2568"')).toBeLessThan(html.indexOf('id="fy-2567"'));
    expect(html.indexOf('href="/p/tak/2568/plan"')).toBeLessThan(html.indexOf('href="/p/tak/2568/round/6m"'));
    expect(html).toMatch(/href="\/p\/tak\/2568\/plan"[\s\S]*?<td>ฉบับที่ ๑<\/td><td>๑ ม\.ค\. ๒๕๖๘<\/td>/);
    expect(html).toMatch(/round\/6m"[\s\S]*?<span class="status-withdrawn">ถอนการเผยแพร่แล้ว<\/span>/);
    expect(levels(html)).toEqual([1, 2, 2]);
    expect(html).not.toContain('<script');
    expect(indexPage(ctx(), [])).toContain('ยังไม่มีเอกสารที่เผยแพร่');
  });
});

describe('pieces', () => {
  it('leaves out the model’s title heading and makes other level-1 headings level 2', () => {
    const blocks = webBlocks(model.blocks, 'แผน 2568');
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.kind === 'heading' && b.level)).toEqual([
      2, 2, 3,
    ]);
    expect(webBlocks(model.blocks, 'อย่างอื่น')[0]).toMatchObject({
      kind: 'heading',
      level: 2,
      text: 'แผน 2568',
    });
  });

  it('names rounds, sizes and dates in both languages', () => {
    expect(roundLabel('6m', 'th')).toBe('รอบ ๖ เดือน');
    expect(roundLabel('monthly-2025-01', 'th')).toBe('ประจำเดือนมกราคม ๒๕๖๘');
    expect(roundLabel('monthly-2568-01', 'en')).toBe('Monthly round, January 2025');
    expect(roundLabel('weird', 'en')).toBe('weird');
    expect(addressLabel('round/12m', 'en')).toBe('Progress report: 12-month round');
    expect(fileSize(1_500, 'th')).toBe('๑ KB');
    expect(fileSize(3 * 1024 * 1024, 'en')).toBe('3.0 MB');
    expect(dateTime(new Date('2025-03-05T07:09:00Z'), 'th')).toBe('๕ มีนาคม ๒๕๖๘ เวลา ๑๔:๐๙ น.');
  });

  it('the 404 page is the same for everything and says nothing about what exists', () => {
    const html = notFoundPage();
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('<p lang="en">');
    expect(html).not.toMatch(/ร่าง|draft/i);
  });

  it('writes a JSON Feed 1.1 with absolute addresses; withdrawn items say so', () => {
    const feed = jsonFeed('https://ita.example.go.th', site, [
      version(1),
      version(2, { withdrawn: { at: new Date('2025-03-01T00:00:00Z'), reason: 'ผิดฉบับ' } }),
    ]);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://ita.example.go.th/p/tak/feed.json');
    expect(feed.icon).toBe('https://ita.example.go.th/p/tak/emblem');
    expect(feed.items.map((i) => i.id)).toEqual([
      'https://ita.example.go.th/p/tak/2568/plan/v2',
      'https://ita.example.go.th/p/tak/2568/plan/v1',
    ]);
    expect(feed.items[0]).toMatchObject({
      title: expect.stringMatching(/^\[ถอนการเผยแพร่\] /),
      summary: expect.stringContaining('ผิดฉบับ'),
      date_modified: '2025-03-01T00:00:00.000Z',
    });
    expect(feed.items[1]).toMatchObject({
      summary: 'เผยแพร่ครั้งแรก',
      date_published: '2025-01-01T03:00:00.000Z',
    });
  });
});
