import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, asc, desc, eq, like } from 'drizzle-orm';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  type DocumentFormat,
  type DocumentKindName,
  EVIDENCE_SET,
  FORMATS_OF,
  type SubjectType,
} from '#shared/documents/contract.ts';
import type { Database } from '../db/client.ts';
import { analyses, organizations, plans, rounds } from '../db/schema/index.ts';
import { readEnv } from '../env.ts';
import { AppError } from '../http/app-error.ts';
import { findResult } from '../modules/assessments/assessments.service.ts';
import { documentPolicy } from '../modules/documents/documents.policy.ts';
import { roundKeyOf } from '../modules/documents/file-name.ts';
import { generateDocument } from '../modules/documents/generate-document.ts';
import { optionsFor } from '../modules/documents/options.service.ts';
import { pdfPrinter } from '../modules/documents/pdf/pdf-printer.ts';
import { type PdfRenderer, pdfRendererFromEnv } from '../modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../modules/documents/render-formats.ts';
import { availableFonts } from '../modules/documents/settings.service.ts';
import { documentFile } from '../modules/documents/versions.service.ts';
import { fileStoreFromConfig } from '../storage/file-store-from-config.ts';
import { CliError, cliActor, organizationByCode } from './cli-context.ts';

/**
 * `prongsai document KIND …`: the documents the UI makes (same service, renderers and stored options),
 * written into a folder. KIND is a document the agency knows by name; each maps onto document kinds of
 * the contract and the subject they are about (the year's analysis, plan, or a round of it).
 */
type CliKind = {
  kinds: readonly DocumentKindName[];
  /** What the document is about without --round, and with it (null: --round does not apply / is required). */
  subject: { plain: 'analysis' | 'plan' | null; round: boolean };
  /** The plan must be approved (a circular goes out once it is). */
  needsApproval?: boolean;
  /** The round must be closed (the memo acknowledging a round's report). */
  needsClosedRound?: boolean;
};

function cliKinds(): Record<string, CliKind> {
  const has = (k: string) => (DOCUMENT_KINDS as readonly string[]).includes(k);
  const out: Record<string, CliKind> = {};
  if (has('analysis')) out.analysis = { kinds: ['analysis'], subject: { plain: 'analysis', round: false } };
  if (has('plan')) out.plan = { kinds: ['plan'], subject: { plain: 'plan', round: false } };
  if (has('round')) out.round = { kinds: ['round'], subject: { plain: null, round: true } };
  for (const [name, entry] of Object.entries(EVIDENCE_SET)) {
    const kinds = entry.kinds.filter(has) as DocumentKindName[];
    if (kinds.length === 0) continue;
    out[name] = {
      kinds,
      subject: {
        plain: entry.subjects.includes('plan') ? 'plan' : null,
        round: entry.subjects.includes('round'),
      },
      needsApproval: name === 'circular',
      needsClosedRound: name === 'round-memo',
    };
  }
  return out;
}

export const DOCUMENT_USAGE =
  'prongsai document KIND --org CODE --year BE [--round KEY] [--format pdf|docx|xlsx] [--digits thai|arabic]\n' +
  '                  [--font NAME] [--all-units] --out DIR [--as EMAIL]\n' +
  `                  KIND: ${Object.keys(cliKinds()).join(', ')}; KEY: 6m, 12m, monthly-2570-03 …`;

/** A refusal in both languages, English first (the command line's other messages are). */
const refuse = (en: string, th: string) => new CliError(`${en}\n${th}`);

type Subject = { subjectType: SubjectType; subjectId: string };
type Org = typeof organizations.$inferSelect;

/** Why an organisation has no such document yet: the message names what is missing. */
class Missing extends Error {
  constructor(
    readonly en: string,
    readonly th: string,
  ) {
    super(en);
  }
}

const PLAN_STATUS_TH: Record<string, string> = {
  draft: 'ร่าง',
  submitted: 'เสนอแล้ว รอความเห็นชอบ',
  returned: 'ส่งกลับให้แก้ไข',
  approved: 'ได้รับความเห็นชอบ',
  circulated: 'แจ้งเวียนแล้ว',
};
const ROUND_STATUS_TH: Record<string, string> = { draft: 'ยังไม่เปิด', open: 'เปิดรับรายงาน', closed: 'ปิดแล้ว' };

async function planVersions(database: Database, org: Org, year: number) {
  return database.db
    .select()
    .from(plans)
    .where(and(eq(plans.organizationId, org.id), eq(plans.fiscalYear, year)))
    .orderBy(desc(plans.versionNo));
}

async function latestPlan(database: Database, org: Org, year: number, approved: boolean) {
  const versions = await planVersions(database, org, year);
  if (versions.length === 0) {
    throw new Missing(
      `${org.code} has no ${year} plan yet`,
      `${org.nameTh} (${org.code}) ยังไม่มีแผนมาตรการปี ${year}`,
    );
  }
  if (!approved) return versions[0]!;
  const done = versions.find((v) => v.status === 'approved' || v.status === 'circulated');
  if (!done) {
    const status = versions[0]!.status;
    throw new Missing(
      `The ${year} plan of ${org.code} is not approved yet (it is ${status}): a circular goes out once the head has approved it`,
      `แผนมาตรการปี ${year} ของ${org.nameTh} (${org.code}) ยังไม่ได้รับความเห็นชอบ (สถานะ: ${PLAN_STATUS_TH[status] ?? status}) จึงยังแจ้งเวียนไม่ได้`,
    );
  }
  return done;
}

async function findRound(database: Database, org: Org, year: number, key: string, closed: boolean) {
  const versions = await planVersions(database, org, year);
  if (versions.length === 0) {
    throw new Missing(
      `${org.code} has no ${year} plan, so no round ${key}`,
      `${org.nameTh} (${org.code}) ยังไม่มีแผนมาตรการปี ${year} จึงไม่มีรอบ ${key}`,
    );
  }
  const all = (
    await Promise.all(
      versions.map((v) =>
        database.db.select().from(rounds).where(eq(rounds.planId, v.id)).orderBy(desc(rounds.createdAt)),
      ),
    )
  ).flat();
  const match = all.find((r) => roundKeyOf(r).toLowerCase() === key.toLowerCase());
  if (!match) {
    const keys = [...new Set(all.map(roundKeyOf))];
    const have = keys.length ? keys.join(', ') : 'none yet';
    throw new Missing(
      `The ${year} plan of ${org.code} has no round ${key} (rounds: ${have})`,
      `แผนมาตรการปี ${year} ของ${org.nameTh} (${org.code}) ไม่มีรอบ ${key} (รอบที่มี: ${keys.length ? keys.join(', ') : 'ยังไม่มี'})`,
    );
  }
  if (closed && match.status !== 'closed') {
    throw new Missing(
      `Round ${key} of the ${year} plan of ${org.code} is not closed yet (it is ${match.status}): the memo on a round's report is made once the round is closed`,
      `รอบ ${key} ของแผนมาตรการปี ${year} ของ${org.nameTh} (${org.code}) ยังไม่ปิด (สถานะ: ${ROUND_STATUS_TH[match.status] ?? match.status}) บันทึกข้อความรายงานผลทำได้เมื่อปิดรอบแล้ว`,
    );
  }
  return match;
}

/** The subject a KIND is about for one organisation and year, or Missing naming what is not there yet. */
async function subjectFor(
  database: Database,
  org: Org,
  year: number,
  kind: CliKind,
  roundKey: string | undefined,
): Promise<Subject> {
  if (roundKey !== undefined) {
    const round = await findRound(database, org, year, roundKey, kind.needsClosedRound === true);
    return { subjectType: 'round', subjectId: round.id };
  }
  if (kind.subject.plain === 'analysis') {
    const result = await findResult(database.db, org.id, year);
    if (!result) {
      throw new Missing(
        `${org.code} has no ITA ${year} result: import it first (prongsai import-assessment)`,
        `${org.nameTh} (${org.code}) ยังไม่มีผลการประเมิน ITA ปี ${year} ให้นำเข้าผลก่อน`,
      );
    }
    const [analysis] = await database.db
      .select({ id: analyses.id })
      .from(analyses)
      .where(eq(analyses.resultId, result.id))
      .orderBy(desc(analyses.computedAt))
      .limit(1);
    if (!analysis) {
      throw new Missing(
        `The ITA ${year} result of ${org.code} has not been analysed yet: analyse it first (Results → Analyse)`,
        `ผลการประเมิน ITA ปี ${year} ของ${org.nameTh} (${org.code}) ยังไม่ได้วิเคราะห์ ให้วิเคราะห์ผลก่อน`,
      );
    }
    return { subjectType: 'analysis', subjectId: analysis.id };
  }
  const plan = await latestPlan(database, org, year, kind.needsApproval === true);
  return { subjectType: 'plan', subjectId: plan.id };
}

/** Creates DIR when needed and checks a file can be written there, before anything is generated. */
function writableFolder(dir: string): string {
  const full = path.resolve(dir);
  try {
    fs.mkdirSync(full, { recursive: true });
    fs.accessSync(full, fs.constants.W_OK);
    if (!fs.statSync(full).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw refuse(
      `--out ${dir}: cannot write files there (${why})`,
      `--out ${dir}: เขียนไฟล์ลงโฟลเดอร์นี้ไม่ได้ (${why})`,
    );
  }
  return full;
}

type Made = { org: Org; file: string; bytes: number };

/** Writes through a temporary name, so a folder never holds half a file. */
function writeFile(file: string, bytes: Uint8Array) {
  const temporary = `${file}.${process.pid}.part`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        org: { type: 'string' },
        year: { type: 'string' },
        round: { type: 'string' },
        format: { type: 'string' },
        digits: { type: 'string' },
        font: { type: 'string' },
        'all-units': { type: 'boolean', default: false },
        children: { type: 'boolean', default: false },
        out: { type: 'string' },
        as: { type: 'string' },
      },
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw refuse(`${why}\nusage: ${DOCUMENT_USAGE}`, 'ตัวเลือกไม่ถูกต้อง');
  }
}

/** Makes the documents and writes them into --out; prints one line per file, and what was not made. */
export async function documentCommand(
  database: Database,
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const { values, positionals } = parse(argv);
  const known = cliKinds();
  const [name, ...extra] = positionals;
  if (!name) throw refuse(`KIND is missing\nusage: ${DOCUMENT_USAGE}`, 'ไม่ได้ระบุประเภทเอกสาร (KIND)');
  if (extra.length > 0)
    throw refuse(`Unexpected arguments: ${extra.join(' ')}`, `มีค่าเกิน: ${extra.join(' ')}`);
  const kind = known[name];
  if (!kind) {
    throw refuse(
      `KIND: unknown document "${name}" (known: ${Object.keys(known).join(', ')})`,
      `KIND: ไม่รู้จักเอกสาร "${name}" (ที่มี: ${Object.keys(known).join(', ')})`,
    );
  }
  if (!values.org) throw refuse('--org CODE is required', 'ต้องระบุ --org รหัสหน่วยงาน');
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2500 || year > 2700) {
    throw refuse(
      `--year must be a Buddhist-era year such as 2570 (got ${values.year ?? 'nothing'})`,
      `--year ต้องเป็นปีพุทธศักราช เช่น 2570 (ได้รับ ${values.year ?? 'ค่าว่าง'})`,
    );
  }
  const formats = values.format
    ? ([values.format] as string[])
    : [...new Set(kind.kinds.flatMap((k) => FORMATS_OF[k]))];
  for (const f of formats) {
    if (!(DOCUMENT_FORMATS as readonly string[]).includes(f)) {
      throw refuse(
        `--format ${f}: unknown format (pdf, docx or xlsx)`,
        `--format ${f}: ไม่รู้จักรูปแบบไฟล์นี้ (pdf, docx หรือ xlsx)`,
      );
    }
    if (!kind.kinds.some((k) => FORMATS_OF[k].includes(f as DocumentFormat))) {
      const has = [...new Set(kind.kinds.flatMap((k) => FORMATS_OF[k]))].join(', ');
      throw refuse(
        `--format ${f}: a ${name} is not made as ${f} (only ${has})`,
        `--format ${f}: เอกสาร ${name} ไม่มีรูปแบบ ${f} (มีเฉพาะ ${has})`,
      );
    }
  }
  if (values.digits !== undefined && values.digits !== 'thai' && values.digits !== 'arabic') {
    throw refuse(
      `--digits ${values.digits}: use thai or arabic`,
      `--digits ${values.digits}: ใช้ได้เฉพาะ thai (เลขไทย) หรือ arabic (เลขอารบิก)`,
    );
  }
  if (values.round !== undefined && !kind.subject.round) {
    throw refuse(
      `--round does not apply to ${name} (it is about the year's ${kind.subject.plain})`,
      `เอกสาร ${name} ไม่ใช้ --round`,
    );
  }
  if (values.round === undefined && kind.subject.plain === null) {
    throw refuse(
      `--round KEY is required for ${name} (e.g. --round 6m)`,
      `เอกสาร ${name} ต้องระบุ --round เช่น --round 6m`,
    );
  }
  const config = readEnv(env);
  if (values.font !== undefined && values.font !== 'bundled') {
    const { fonts } = await availableFonts(config.fontsDir);
    if (!fonts.some((f) => f.source === 'folder' && f.family === values.font)) {
      const names = ['bundled', ...fonts.filter((f) => f.source === 'folder').map((f) => f.family)];
      throw refuse(
        `--font ${values.font}: not installed (available: ${names.join(', ')})`,
        `--font ${values.font}: ไม่มีแบบอักษรนี้ (ที่ใช้ได้: ${names.join(', ')})`,
      );
    }
  }
  if (!values.out) throw refuse('--out DIR is required', 'ต้องระบุ --out โฟลเดอร์ที่จะเขียนไฟล์');
  const outDir = writableFolder(values.out);

  const actor = await cliActor(database, values.as);
  const root = await organizationByCode(database, values.org);
  const many = values['all-units'] || values.children;
  const orgs = many
    ? await database.db
        .select()
        .from(organizations)
        .where(like(organizations.path, `${root.path}%`))
        .orderBy(asc(organizations.path))
    : [root];

  // Every organisation's subject first: with one organisation, anything missing stops here, before a
  // document is generated or a file written.
  const todo: { org: Org; subject: Subject }[] = [];
  const skipped: string[] = [];
  for (const org of orgs) {
    if (!org.active && org.id !== root.id) continue;
    if (!documentPolicy.edit(actor, org.path)) {
      const why = refuse(
        `${actor.email} may not make documents of ${org.code} (secretariat or admin there)`,
        `${actor.email} ไม่มีสิทธิ์จัดทำเอกสารของ${org.nameTh} (${org.code})`,
      );
      if (!many) throw why;
      skipped.push(`  ${org.code}: ${why.message.replace('\n', ' / ')}`);
      continue;
    }
    try {
      todo.push({ org, subject: await subjectFor(database, org, year, kind, values.round) });
    } catch (error) {
      if (!(error instanceof Missing)) throw error;
      if (!many) throw refuse(error.en, error.th);
      skipped.push(`  ${org.code}: ${error.en} / ${error.th}`);
    }
  }
  if (todo.length === 0) {
    throw refuse(
      `No organisation under ${root.code} has what a ${name} of ${year} needs:\n${skipped.join('\n')}`,
      `ไม่มีหน่วยงานใดภายใต้ ${root.code} มีข้อมูลพอจัดทำเอกสาร ${name} ปี ${year}`,
    );
  }

  const store = fileStoreFromConfig(config);
  const renderer: PdfRenderer | null = formats.includes('pdf') ? pdfRendererFromEnv(env) : null;
  const renderers = documentRenderersFor(config, renderer ? pdfPrinter(renderer) : null);
  const publicBaseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const files: { org: Org; file: string; bytes: Uint8Array }[] = [];
  const notes: string[] = [];
  const unused: { org: Org; text: string }[] = [];
  try {
    for (const { org, subject } of todo) {
      for (const docKind of kind.kinds) {
        if (!FORMATS_OF[docKind].some((f) => formats.includes(f))) continue;
        const stored = await optionsFor(database.db, org.id, docKind);
        const override = values.digits !== undefined || values.font !== undefined;
        const request = {
          kind: docKind,
          ...subject,
          options: override
            ? {
                ...stored,
                digits: (values.digits as 'thai' | 'arabic' | undefined) ?? stored.digits,
                font: values.font ?? stored.font,
              }
            : undefined,
          // A choice made on the command line is for this run: it does not change the stored options.
          remember: false,
          publicBaseUrl,
          // A signed version prints its verification address only under the real PUBLIC_URL (never localhost).
          verifyBaseUrl: config.publicUrl ?? null,
        };
        let made: Awaited<ReturnType<typeof generateDocument>>;
        try {
          made = await generateDocument(database.db, store, renderers, actor, request);
        } catch (error) {
          // A kind of a set that does not apply (a circular with no addressee of that form) is told, not fatal.
          if (error instanceof AppError && error.status < 500 && kind.kinds.length > 1) {
            unused.push({ org, text: `  ${org.code} ${docKind}: ${error.messageEn} / ${error.messageTh}` });
            continue;
          }
          throw error;
        }
        for (const m of made.missing) {
          if (formats.includes(m.format)) {
            notes.push(
              `  ${org.code} ${docKind}: ${m.format.toUpperCase()} not made: ${m.message_en} / ${m.message_th}`,
            );
          }
        }
        for (const f of made.document.files) {
          if (!formats.includes(f.format)) continue;
          const file = await documentFile(database.db, store, actor, made.document.id, f.format);
          files.push({ org, file: path.join(outDir, file.fileNames.name), bytes: file.bytes });
        }
      }
    }
  } finally {
    await renderer?.close();
  }
  // A form of a set that another form of the same set covered for that organisation (an internal memo
  // when every addressee gets the external letter) was not needed; with none made, it is why.
  const madeFor = new Set(files.map((f) => f.org.code));
  const notNeeded = unused.filter((u) => madeFor.has(u.org.code)).map((u) => u.text);
  notes.push(...unused.filter((u) => !madeFor.has(u.org.code)).map((u) => u.text));
  if (files.length === 0) {
    throw refuse(`Nothing was made:\n${notes.join('\n')}`, 'ไม่มีไฟล์ใดจัดทำได้ (ดูเหตุผลข้างบน)');
  }
  const written: Made[] = [];
  const taken = new Set<string>();
  for (const f of files) {
    let file = f.file;
    if (taken.has(file)) file = file.replace(/(\.\w+)$/, `-${f.org.code}$1`);
    taken.add(file);
    writeFile(file, f.bytes);
    written.push({ org: f.org, file, bytes: f.bytes.byteLength });
  }
  const lines = written.map((w) => `${w.file}\t${w.bytes} bytes`);
  if (notes.length) lines.push('Not made / ไม่ได้จัดทำ:', ...notes);
  if (notNeeded.length) lines.push('Not needed (no addressee of that form) / ไม่ต้องจัดทำ:', ...notNeeded);
  if (skipped.length) lines.push('Skipped / ข้ามไป:', ...skipped);
  return lines.join('\n');
}
