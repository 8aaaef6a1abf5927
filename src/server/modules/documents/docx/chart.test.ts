import { describe, expect, it } from 'vitest';
import { docxText, docxXml } from '#tests/support/docx-text.ts';
import { bundledSarabun } from '../fonts/document-fonts.ts';
import type { DocumentModel } from '../model.ts';
import { renderDocx } from './render-docx.ts';

const chart: DocumentModel = {
  kind: 'analysis',
  title: 'คะแนน',
  orientation: 'portrait',
  form: 'report',
  blocks: [
    {
      kind: 'barChart',
      title: 'คะแนนรายตัวชี้วัด',
      max: 100,
      bars: [
        { label: 'ตัวชี้วัดที่ 1', value: 60, mark: 'urgent' },
        { label: 'ตัวชี้วัดที่ 2', value: 92 },
        { label: 'ตัวชี้วัดที่ 3', value: null },
      ],
      lines: [{ value: 85, label: 'เกณฑ์ 85.00' }],
    },
  ],
};

describe('DOCX bar chart', () => {
  it('draws the threshold as a dashed line in every row, says its label once, and stays on one page', async () => {
    const bytes = await renderDocx(chart, { digits: 'thai', font: bundledSarabun(), emblem: null });
    const xml = await docxXml(bytes);
    const body = xml.slice(xml.indexOf('<w:body>'));
    // One dashed segment border per bar row, the unassessed bar included: one continuous line.
    expect(body.match(/<w:left w:val="dashed"/g)).toHaveLength(3);
    const text = await docxText(bytes);
    expect(text).toContain('เกณฑ์ ๘๕.๐๐');
    expect(text).not.toMatch(/๘๕\.๐๐\s+๘๕\.๐๐/);
    // Rows never split, and every paragraph of the chart is kept with the next (the caption included).
    const table = body.slice(0, body.lastIndexOf('</w:tbl>'));
    const rows = table.match(/<w:tr>/g) ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(table.match(/<w:cantSplit\/>/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    const paragraphs = [...table.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => m[1]!);
    const loose = paragraphs.filter((p) => !p.includes('<w:keepNext/>'));
    expect(loose).toEqual([]);
  });
});
