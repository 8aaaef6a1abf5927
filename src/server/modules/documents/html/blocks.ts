import { runsOf } from '../digits.ts';
import type { Align, Block, Cell, DocumentModel, Inline, RenderOptions, Row, Run } from '../model.ts';
import { plainDisplayText, runDisplayText } from '../typography/thai-compounds.ts';
import { barChartSvg } from './bar-chart-svg.ts';
import { escapeHtml } from './escape.ts';

type Ctx = { options: RenderOptions; d: (text: string) => string; compounds: boolean };

export type BlocksHtmlOptions = {
  /**
   * Where the emblem goes, when options.emblem is set: `official` beside the first level-1 heading
   * (บันทึกข้อความ), `report` centred above it. Without a form the emblem is left out (web pages).
   */
  form?: DocumentModel['form'];
  /**
   * Keep Thai compounds whole at line ends (U+2060 between their parts; typography/thai-compounds.ts).
   * Default: on for a printed document (a form is given), off for web pages, whose text readers search
   * and copy exactly and whose line length is the reader's window.
   */
  thaiCompounds?: boolean;
};

function runHtml(run: Run, ctx: Ctx): string {
  let html = escapeHtml(runDisplayText(run, ctx.options.digits, ctx.compounds)).replace(/\n/g, '<br>');
  if (run.link && /^https?:\/\//i.test(run.link)) html = `<a href="${escapeHtml(run.link)}">${html}</a>`;
  if (run.underline) html = `<u>${html}</u>`;
  if (run.italic) html = `<em>${html}</em>`;
  if (run.bold) html = `<strong>${html}</strong>`;
  return html;
}

const inline = (text: Inline, ctx: Ctx) =>
  runsOf(text)
    .map((r) => runHtml(r, ctx))
    .join('');

const alignClass = (align: Align | undefined) => (align ? `al-${align}` : '');

function attrs(classes: (string | false | undefined)[], style?: string): string {
  const list = classes.filter((c): c is string => typeof c === 'string' && c !== '');
  return (list.length > 0 ? ` class="${list.join(' ')}"` : '') + (style ? ` style="${style}"` : '');
}

function emblemImg(ctx: Ctx): string {
  const e = ctx.options.emblem;
  if (!e) return '';
  const src = `data:${e.mime};base64,${Buffer.from(e.bytes).toString('base64')}`;
  return `<img src="${src}" alt="" width="${e.width}" height="${e.height}">`;
}

function cellHtml(cell: Cell, align: Align | undefined, ctx: Ctx): string {
  const body = cell.numbered
    ? `<ol class="steps">${cell.lines.map((l) => `<li>${inline(l, ctx)}</li>`).join('')}</ol>`
    : cell.lines.map((l) => `<p class="line">${inline(l, ctx)}</p>`).join('');
  const span = cell.colSpan && cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '';
  const classes = [alignClass(cell.align ?? align), cell.bold && 'bold', cell.mark && `mark-${cell.mark}`];
  return `<td${span}${attrs(classes)}>${body}</td>`;
}

function rowHtml(row: Row, columns: Extract<Block, { kind: 'table' }>['columns'], ctx: Ctx): string {
  if (row.kind === 'group') {
    const cls = attrs([row.mark && `mark-${row.mark}`]);
    return `<tr class="group"><td colspan="${columns.length}"${cls}>${inline(row.text, ctx)}</td></tr>`;
  }
  let column = 0;
  const cells = row.cells.map((cell) => {
    const html = cellHtml(cell, columns[column]?.align, ctx);
    column += cell.colSpan ?? 1;
    return html;
  });
  return `<tr>${cells.join('')}</tr>`;
}

function tableHtml(block: Extract<Block, { kind: 'table' }>, ctx: Ctx): string {
  const caption = block.caption ? `<caption>${ctx.d(block.caption)}</caption>` : '';
  if (block.rows.length === 0) {
    const heading = block.caption
      ? `<p class="table-caption"><strong>${ctx.d(block.caption)}</strong></p>`
      : '';
    return `${heading}<p class="empty-table">${ctx.d(block.emptyText)}</p>`;
  }
  const total = block.columns.reduce((sum, c) => sum + Math.max(c.width, 0), 0) || block.columns.length;
  const cols = block.columns
    .map((c) => `<col style="width:${((Math.max(c.width, 0) || 1) / total) * 100}%">`)
    .join('');
  const head = block.columns.map((c) => `<th scope="col">${ctx.d(c.header)}</th>`).join('');
  const rows = block.rows.map((r) => rowHtml(r, block.columns, ctx)).join('\n');
  return (
    `<table class="ps-table">${caption}<colgroup>${cols}</colgroup>` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody></table>`
  );
}

function fieldsHtml(block: Extract<Block, { kind: 'fields' }>, ctx: Ctx): string {
  let previousLabel = '';
  const lines = block.lines.map((line) => {
    const fields = line.map((f, i) => {
      // A blank label continues the line above: keep its width so that the values line up.
      const blank = f.label.trim() === '';
      const label = blank ? previousLabel : f.label;
      if (i === 0 && !blank) previousLabel = f.label;
      const labelHtml =
        label === '' ? '' : `<span${attrs(['field-label', blank && 'spacer'])}>${ctx.d(label)}</span>`;
      return `<div class="field">${labelHtml}<span class="field-value">${inline(f.value, ctx)}</span></div>`;
    });
    return `<div class="fields-line">${fields.join('')}</div>`;
  });
  return `<div class="ps-fields">${lines.join('')}</div>`;
}

function signatureHtml(block: Extract<Block, { kind: 'signature' }>, ctx: Ctx): string {
  const caption = block.caption ? `<p class="sig-caption">${ctx.d(block.caption)}</p>` : '';
  const positions = block.positions.map((p) => `<p>${ctx.d(p)}</p>`).join('');
  const signed = block.electronic;
  const space = signed
    ? `<p class="sig-electronic">${ctx.d(signed.label)}</p>`
    : '<div class="sig-space"></div>';
  const after = signed ? signed.lines.map((l) => `<p>${inline(l, ctx)}</p>`).join('') : '';
  return (
    `<div class="ps-signature"><div class="sig">${caption}${space}` +
    `<p>(${ctx.d(block.name)})</p>${positions}${after}</div></div>`
  );
}

function blockHtml(block: Block, index: number, ctx: Ctx): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}${attrs([alignClass(block.align)])}>${inline(block.text, ctx)}</h${block.level}>`;
    case 'paragraph': {
      const style = block.spaceBefore ? `margin-top:${block.spaceBefore}pt` : undefined;
      return `<p${attrs([alignClass(block.align), block.indent && 'indent'], style)}>${inline(block.text, ctx)}</p>`;
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${inline(item, ctx)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return tableHtml(block, ctx);
    case 'fields':
      return fieldsHtml(block, ctx);
    case 'signature':
      return signatureHtml(block, ctx);
    case 'barChart': {
      const svg = barChartSvg(block, {
        digits: ctx.options.digits,
        bodySizePt: ctx.options.font.bodySizePt,
        id: `chart${index}`,
      });
      return `<figure class="ps-chart"><figcaption>${ctx.d(block.title)}</figcaption>${svg}</figure>`;
    }
    case 'legend': {
      const items = block.items.map(
        (item) => `<li><span class="swatch mark-${item.mark}"></span>${ctx.d(item.label)}</li>`,
      );
      return `<ul class="ps-legend">${items.join('')}</ul>`;
    }
    case 'pageBreak':
      return '<div class="page-break"></div>';
  }
}

/**
 * The blocks as HTML inside `<div class="ps-doc">` (styled by blocksCss): every text escaped, digits
 * converted as the options say. Used by the printed document and, later, by public web pages.
 */
export function renderBlocksHtml(
  blocks: Block[],
  options: RenderOptions,
  opts: BlocksHtmlOptions = {},
): string {
  const compounds = opts.thaiCompounds ?? opts.form !== undefined;
  const ctx: Ctx = {
    options,
    d: (text) => escapeHtml(plainDisplayText(text, options.digits, compounds)),
    compounds,
  };
  const titleAt = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const parts = blocks.map((block, i) => {
    if (i !== titleAt || block.kind !== 'heading') return blockHtml(block, i, ctx);
    if (opts.form === 'official') {
      const img = options.emblem ? `<div class="emblem">${emblemImg(ctx)}</div>` : '';
      return `<div class="memo-head">${img}<h1>${inline(block.text, ctx)}</h1></div>`;
    }
    const emblem =
      opts.form === 'report' && options.emblem ? `<div class="report-emblem">${emblemImg(ctx)}</div>` : '';
    return emblem + blockHtml(block, i, ctx);
  });
  if (titleAt === -1 && opts.form && options.emblem) {
    parts.unshift(
      `<div class="${opts.form === 'official' ? 'memo-head' : 'report-emblem'}">${emblemImg(ctx)}</div>`,
    );
  }
  const digits = options.digits === 'thai' ? ' digits-thai' : '';
  return `<div class="ps-doc${digits}">\n${parts.join('\n')}\n</div>`;
}
