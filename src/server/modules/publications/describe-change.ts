import { runsOf } from '../documents/digits.ts';
import type { Block, Cell, DocumentModel, Inline, Row } from '../documents/model.ts';

/**
 * What changed between two published versions, in words a reader of the public page understands:
 * rows added, changed and removed in each table (named by the heading above it, rows by their first
 * cell) and paragraphs rewritten. Works on any document model, so plans, analyses and round reports
 * all get the same kind of history.
 */
const text = (inline: Inline) =>
  runsOf(inline)
    .map((r) => r.text)
    .join('');
const cellText = (c: Cell) => c.lines.map(text).join('\n');
const rowKey = (r: Row) => (r.kind === 'group' ? `# ${text(r.text)}` : cellText(r.cells[0] ?? { lines: [] }));
const rowBody = (r: Row) => (r.kind === 'group' ? text(r.text) : r.cells.map(cellText).join('\u0000'));
const quote = (s: string) => `“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”`;

type Table = { name: string; rows: Map<string, string> };

function tablesOf(model: DocumentModel): Table[] {
  const tables: Table[] = [];
  let heading = '';
  for (const b of model.blocks) {
    if (b.kind === 'heading') heading = text(b.text);
    if (b.kind === 'table') {
      const rows = new Map<string, string>();
      for (const r of b.rows) rows.set(rowKey(r), rowBody(r));
      tables.push({ name: b.caption ?? heading, rows });
    }
  }
  return tables;
}

function paragraphsOf(model: DocumentModel): string[] {
  return model.blocks.flatMap((b: Block) =>
    b.kind === 'paragraph' || b.kind === 'heading'
      ? [text(b.text)]
      : b.kind === 'list'
        ? b.items.map(text)
        : [],
  );
}

function describeTable(name: string, before: Map<string, string>, after: Map<string, string>): string | null {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  const parts = [
    added.length ? `เพิ่ม ${added.length} แถว (${added.slice(0, 3).map(quote).join(', ')})` : '',
    changed.length ? `แก้ไข ${changed.length} แถว (${changed.slice(0, 3).map(quote).join(', ')})` : '',
    removed.length ? `ลบ ${removed.length} แถว (${removed.slice(0, 3).map(quote).join(', ')})` : '',
  ].filter((p) => p !== '');
  return parts.length ? `ตาราง ${quote(name)}: ${parts.join(', ')}` : null;
}

export function describeChange(previous: DocumentModel | null, next: DocumentModel): string {
  if (!previous) return 'เผยแพร่ครั้งแรก';
  const before = tablesOf(previous);
  const after = tablesOf(next);
  const lines: string[] = [];
  after.forEach((t, i) => {
    const old = before.find((b) => b.name === t.name) ?? before[i];
    const line = describeTable(t.name, old?.rows ?? new Map(), t.rows);
    if (line) lines.push(line);
  });
  const oldParagraphs = new Set(paragraphsOf(previous));
  const rewritten = paragraphsOf(next).filter((p) => !oldParagraphs.has(p)).length;
  if (rewritten > 0) lines.push(`ข้อความแก้ไขหรือเพิ่ม ${rewritten} ย่อหน้า`);
  return lines.length ? lines.join('; ') : 'เนื้อหาไม่เปลี่ยน (จัดทำเอกสารใหม่)';
}
