import { applyDigits } from '../digits.ts';
import type { Block, Digits, Mark } from '../model.ts';
import { MARK_COLOURS } from './document-css.ts';
import { escapeHtml } from './escape.ts';

export type BarChartBlock = Extract<Block, { kind: 'barChart' }>;

/**
 * A horizontal bar chart as inline SVG. User units are points at the design width of 16 cm (the text
 * width of a portrait A4 page); the CSS lets it shrink on narrower screens. SVG text does not wrap, so
 * long labels are wrapped here at Thai word boundaries (Intl.Segmenter) from an estimate of the width.
 */
const WIDTH = 453.5;

/** Combining marks (Thai vowels above and below, tone marks) and zero-width characters. */
const ZERO_WIDTH = /^(?:\p{M}|[\u200B-\u200D])$/u;

/** A generous estimate of the text's width in em for Sarabun-like fonts (better wrapped than cut). */
export function estimateWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (ZERO_WIDTH.test(ch)) continue;
    if (ch === ' ') width += 0.28;
    // Thai digits are wide (about 0.72 em in Sarabun): measured where a value label was cut off.
    else if (/[\u0E50-\u0E59]/.test(ch)) width += 0.75;
    else if (/[\u0E00-\u0E7F]/.test(ch)) width += 0.6;
    else if (/[A-Z]/.test(ch)) width += 0.66;
    else if (/[.,:;'()|!-]/.test(ch)) width += 0.32;
    else width += 0.56;
  }
  return width;
}

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Lines of at most `maxEm`, broken between words (inside a word only when it alone is too wide). */
export function wrapText(text: string, maxEm: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (piece: string) => {
    if (line !== '' && estimateWidthEm(line + piece) > maxEm) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line += piece;
    }
  };
  for (const { segment } of words.segment(text)) {
    if (estimateWidthEm(segment) <= maxEm) push(segment);
    else for (const g of graphemes.segment(segment)) push(g.segment);
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length === 0 ? [''] : lines;
}

const num = (n: number) => Number(n.toFixed(2));

/** Clear space kept between a value label and a threshold line, in points. */
const LINE_CLEARANCE = 2;

/**
 * Where a label of `width` that would start at `x` starts so that no vertical line crosses it: past
 * each line it would touch (measured with estimateWidthEm, which errs wide).
 */
export function clearOfLines(x: number, width: number, lineXs: number[]): number {
  let start = x;
  for (const lineX of [...lineXs].sort((a, b) => a - b)) {
    if (lineX + LINE_CLEARANCE > start && lineX - LINE_CLEARANCE < start + width)
      start = lineX + LINE_CLEARANCE + 1;
  }
  return num(start);
}

/**
 * A bar in its mark's colour; `develop` is hatched and `strength` has a white centre line, so that
 * the marks differ without colour too. Drawn with lines, not an SVG <pattern>, which Chromium would
 * print as a bitmap.
 */
function barShape(mark: Mark, x: number, y: number, width: number, height: number, clipId: string): string {
  const rect = `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${MARK_COLOURS[mark].strong}"/>`;
  if (mark === 'strength') {
    const cy = num(y + height / 2);
    return `${rect}<line x1="${x}" y1="${cy}" x2="${num(x + width)}" y2="${cy}" stroke="#fff" stroke-width="1.5"/>`;
  }
  if (mark !== 'develop' || width <= 0) return rect;
  const hatch: string[] = [];
  for (let k = x - height; k < x + width; k += 5) {
    hatch.push(`M${num(k)},${num(y + height)}L${num(k + height)},${y}`);
  }
  return (
    `${rect}<clipPath id="${clipId}"><rect x="${x}" y="${y}" width="${width}" height="${height}"/></clipPath>` +
    `<path clip-path="url(#${clipId})" d="${hatch.join('')}" stroke="#fff" stroke-width="1.4"/>`
  );
}

export function barChartSvg(
  chart: BarChartBlock,
  opts: { digits: Digits; bodySizePt: number; id: string },
): string {
  const d = (text: string) => escapeHtml(applyDigits(text, opts.digits));
  const fs = num(opts.bodySizePt * 0.8);
  const lineH = num(fs * 1.3);
  const labelW = WIDTH * 0.38;
  const plotX0 = labelW + 6;
  // Room at the right for the widest value label ("100.00" in the chosen digits), so none is cut off.
  const plotX1 = num(
    WIDTH - estimateWidthEm(applyDigits((chart.max > 0 ? chart.max : 100).toFixed(2), opts.digits)) * fs - 8,
  );
  const max = chart.max > 0 ? chart.max : 100;
  const xOf = (value: number) => num(plotX0 + (Math.min(Math.max(value, 0), max) / max) * (plotX1 - plotX0));
  const barH = num(fs * 0.95);

  const topH = num(chart.lines.length * lineH + (chart.lines.length > 0 ? 4 : 0));
  const rows = chart.bars.map((bar) => {
    const lines = wrapText(applyDigits(bar.label, opts.digits), labelW / fs);
    return { bar, lines, height: num(Math.max(lines.length * lineH, barH) + 6) };
  });
  const rowsH = rows.reduce((sum, r) => sum + r.height, 0);
  const axisY = num(topH + rowsH);
  const height = num(axisY + lineH + 6);

  const parts: string[] = [];

  const step = max / 5;
  for (let i = 0; i <= 5; i++) {
    const x = xOf(step * i);
    parts.push(`<line x1="${x}" y1="${topH}" x2="${x}" y2="${axisY}" stroke="#d0d0d0" stroke-width="0.5"/>`);
    parts.push(
      `<text x="${x}" y="${num(axisY + lineH * 0.75)}" text-anchor="middle" font-size="${fs}">` +
        `${d(String(num(step * i)))}</text>`,
    );
  }
  parts.push(
    `<line x1="${plotX0}" y1="${axisY}" x2="${plotX1}" y2="${axisY}" stroke="#000" stroke-width="0.75"/>`,
  );
  parts.push(
    `<line x1="${plotX0}" y1="${topH}" x2="${plotX0}" y2="${axisY}" stroke="#000" stroke-width="0.75"/>`,
  );

  const lineXs = chart.lines.map((line) => xOf(line.value));
  let y = topH;
  for (const { bar, lines, height: rowH } of rows) {
    const mid = num(y + rowH / 2);
    const firstLine = num(mid - ((lines.length - 1) * lineH) / 2);
    const tspans = lines
      .map((l, i) => `<tspan x="0" y="${num(firstLine + i * lineH)}">${escapeHtml(l)}</tspan>`)
      .join('');
    parts.push(`<text font-size="${fs}" dominant-baseline="central">${tspans}</text>`);
    if (bar.value === null) {
      const x = clearOfLines(plotX0 + 4, estimateWidthEm('ไม่ได้ประเมิน') * fs, lineXs);
      parts.push(
        `<text x="${x}" y="${mid}" font-size="${fs}" dominant-baseline="central" ` +
          `font-style="italic" fill="#555">ไม่ได้ประเมิน</text>`,
      );
    } else {
      const mark = bar.mark ?? 'ok';
      const x1 = xOf(bar.value);
      parts.push(
        barShape(mark, plotX0, num(mid - barH / 2), num(x1 - plotX0), barH, `${opts.id}-${parts.length}`),
      );
      const weight = mark === 'urgent' ? ' font-weight="bold"' : '';
      const label = applyDigits(bar.value.toFixed(2), opts.digits);
      // A bold label is a little wider than the estimate for regular text.
      const labelW = estimateWidthEm(label) * fs * (mark === 'urgent' ? 1.08 : 1);
      parts.push(
        `<text x="${clearOfLines(x1 + 3, labelW, lineXs)}" y="${mid}" font-size="${fs}" dominant-baseline="central"${weight}>` +
          `${escapeHtml(label)}</text>`,
      );
    }
    y += rowH;
  }

  chart.lines.forEach((line, i) => {
    const x = xOf(line.value);
    parts.push(
      `<line x1="${x}" y1="${num(topH - 2)}" x2="${x}" y2="${axisY}" stroke="#000" stroke-width="1" stroke-dasharray="4 3"/>`,
    );
    const label = applyDigits(line.label, opts.digits);
    const half = (estimateWidthEm(label) * fs) / 2;
    const anchor = x + half > WIDTH ? 'end' : x - half < 0 ? 'start' : 'middle';
    parts.push(
      `<text x="${x}" y="${num((i + 0.5) * lineH)}" font-size="${fs}" text-anchor="${anchor}" ` +
        `dominant-baseline="central">${escapeHtml(label)}</text>`,
    );
  });

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}pt" ` +
    `height="${height}pt" role="img" aria-label="${escapeHtml(applyDigits(chart.title, opts.digits))}">` +
    `${parts.join('')}</svg>`
  );
}
