import fs from 'node:fs';
import path from 'node:path';
import { listEditionCodes } from '../../src/server/modules/assessments/import/edition-codes.ts';
import { bundledCatalogueDir } from '../../src/server/modules/catalogue/catalogue.service.ts';
import type { Edition } from '../../src/shared/catalogue/edition.schema.ts';
import { evaluateLevel } from '../../src/shared/catalogue/level.ts';
import { parseEdition } from '../../src/shared/catalogue/parse-edition.ts';

/** mulberry32: a small seeded PRNG, so that every run generates the same national dataset. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4-shaped UUID drawn from the PRNG (deterministic, unlike crypto.randomUUID). */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The bundled editions parsed from `catalogue/*.yaml` as the server loads them, without a database. */
export function bundledEdition(fiscalYear: number): Edition {
  const files = fs
    .readdirSync(bundledCatalogueDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const known: Edition[] = [];
  for (const file of files) {
    const result = parseEdition(fs.readFileSync(path.join(bundledCatalogueDir, file), 'utf8'), {
      knownEditions: known,
    });
    if (!result.ok) throw new Error(`catalogue/${file} does not parse`);
    if (result.edition.fiscal_year === fiscalYear) return result.edition;
    known.push(result.edition);
  }
  throw new Error(`no bundled edition for ${fiscalYear}`);
}

export type SyntheticOrg = {
  id: string;
  parentId: string | null;
  path: string;
  code: string;
  kind: 'province' | 'regional_unit';
  nameTh: string;
};

/**
 * `count` organisations: `provinces` province roots, the rest units spread over them round-robin
 * (codes `P01`, `P01-U00001`). Ids come from the PRNG.
 */
export function syntheticOrganisations(count: number, provinces: number, random: () => number) {
  const roots: SyntheticOrg[] = [];
  for (let p = 1; p <= Math.min(provinces, count); p++) {
    const id = seededUuid(random);
    const code = `P${String(p).padStart(2, '0')}`;
    roots.push({ id, parentId: null, path: `/${id}/`, code, kind: 'province', nameTh: `จังหวัดสมมุติ ${p}` });
  }
  const units: SyntheticOrg[] = [];
  for (let u = 1; roots.length + units.length < count; u++) {
    const parent = roots[(u - 1) % roots.length]!;
    const id = seededUuid(random);
    units.push({
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      code: `${parent.code}-U${String(u).padStart(5, '0')}`,
      kind: 'regional_unit',
      nameTh: `หน่วยงานสมมุติ ${u} (${parent.code})`,
    });
  }
  return [...roots, ...units];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cell = (x: number | null) => (x === null ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * One organisation's row of the wide national file, consistent the way NACC reports are (so the
 * parser raises no warnings): IIT/EIT questions are survey percentages, an indicator the mean of its
 * questions, OIT items 0 or 100, a sub-indicator the mean of its items, an instrument the mean of its
 * indicators, the total the instruments weighted by the edition, the level the one those scores give.
 * About 0.5 % of IIT/EIT questions are "not assessed" (`-`).
 */
function organisationRow(edition: Edition, random: () => number): (number | null)[] & { level?: string } {
  const quality = 65 + random() * 34;
  const scores = new Map<string, number | null>();
  for (const q of edition.questions) {
    if (q.instrument === 'OIT') {
      scores.set(`question:${q.code}`, random() < quality / 100 + 0.05 ? 100 : 0);
    } else if (random() < 0.005) {
      scores.set(`question:${q.code}`, null);
    } else {
      scores.set(
        `question:${q.code}`,
        round2(Math.min(100, Math.max(30, quality + (random() - 0.5) * 24 + (random() - 0.5) * 8))),
      );
    }
  }
  const given = (codes: string[]) =>
    codes.map((c) => scores.get(`question:${c}`)).filter((s): s is number => s !== null && s !== undefined);
  for (const sub of edition.sub_indicators) {
    const items = given(edition.questions.filter((q) => q.sub_indicator === sub.code).map((q) => q.code));
    scores.set(`sub_indicator:${sub.code}`, items.length ? round2(mean(items)) : null);
  }
  for (const ind of edition.indicators) {
    const subs = edition.sub_indicators
      .filter((s) => s.indicator === ind.number)
      .map((s) => scores.get(`sub_indicator:${s.code}`))
      .filter((s): s is number => s !== null && s !== undefined);
    const questions = given(edition.questions.filter((q) => q.indicator === ind.number).map((q) => q.code));
    const parts = subs.length ? subs : questions;
    scores.set(`indicator:${ind.number}`, parts.length ? round2(mean(parts)) : null);
  }
  const byInstrument: Record<string, number> = {};
  for (const ins of edition.instruments) {
    const parts = edition.indicators
      .filter((i) => i.instrument === ins.code)
      .map((i) => scores.get(`indicator:${i.number}`))
      .filter((s): s is number => s !== null && s !== undefined);
    const score = round2(mean(parts));
    byInstrument[ins.code] = score;
    scores.set(`instrument:${ins.code}`, score);
  }
  const weights = edition.instruments.map((i) => i.weight_percent ?? 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const total =
    weightSum > 0
      ? round2(
          edition.instruments.reduce((a, i, k) => a + weights[k]! * byInstrument[i.code]!, 0) / weightSum,
        )
      : round2(mean(Object.values(byInstrument)));
  scores.set('total:ITA', total);
  const level = evaluateLevel(edition, { total, byInstrument });
  const row: (number | null)[] & { level?: string } = listEditionCodes(edition).map(
    (c) => scores.get(`${c.scope}:${c.code}`) ?? null,
  );
  row.level = edition.levels.levels.find((l) => l.code === level)?.name_th ?? '';
  return row;
}

export type NationalFile = {
  /** CSV files in the wide format (UTF-8 with a BOM, CRLF), each at most `maxBytes`. */
  chunks: { fileName: string; bytes: Uint8Array; organisations: number }[];
  /** The size the whole national file would have as one file. */
  totalBytes: number;
  /** Score cells written (cells holding a value, `-` included): the rows the import stores. */
  cells: number;
};

/**
 * The wide national upload form: `organization_code, fiscal_year`, one column per code of the edition
 * (headers as the wide template prints them: `ITA`, `IIT`, `ตัวชี้วัดที่ 1`, `ตัวชี้วัดย่อยที่ 9.1`,
 * `i1`, `O1`), `level`; one row per organisation. Split greedily into as few files under `maxBytes`
 * as possible when the whole file is larger.
 */
export function nationalWideCsv(
  edition: Edition,
  orgs: readonly SyntheticOrg[],
  random: () => number,
  maxBytes: number,
): NationalFile {
  const encoder = new TextEncoder();
  const codes = listEditionCodes(edition);
  const header = `\uFEFF${['organization_code', 'fiscal_year', ...codes.map((c) => c.label), 'level'].join(',')}\r\n`;
  const headerBytes = encoder.encode(header).byteLength;
  const lines: string[] = [];
  let cells = 0;
  for (const org of orgs) {
    const row = organisationRow(edition, random);
    cells += row.length;
    lines.push(`${[org.code, edition.fiscal_year, ...row.map(cell), row.level].join(',')}\r\n`);
  }
  const chunks: NationalFile['chunks'] = [];
  let current: string[] = [];
  let size = headerBytes;
  const flush = () => {
    const bytes = encoder.encode(header + current.join(''));
    chunks.push({
      fileName: `ita-${edition.fiscal_year}-national-part${chunks.length + 1}.csv`,
      bytes,
      organisations: current.length,
    });
    current = [];
    size = headerBytes;
  };
  let totalBytes = headerBytes;
  for (const line of lines) {
    const n = encoder.encode(line).byteLength;
    totalBytes += n;
    if (current.length > 0 && size + n > maxBytes) flush();
    current.push(line);
    size += n;
  }
  if (current.length > 0) flush();
  return { chunks, totalBytes, cells };
}
