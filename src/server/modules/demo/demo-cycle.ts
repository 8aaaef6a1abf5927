import { and, asc, eq } from 'drizzle-orm';
import { analysisSettingsSchema } from '#shared/assessments/analysis.ts';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { DocumentProfile } from '#shared/documents/contract.ts';
import { type PlanContent, planContentSchema } from '#shared/plans/contract.ts';
import type { Db } from '../../db/client.ts';
import { organizations, plans, reportSlots, rounds, users } from '../../db/schema/index.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { createAnalysis } from '../assessments/analyses.service.ts';
import { saveResult } from '../assessments/assessments.service.ts';
import type { DocumentRenderers } from '../documents/render-formats.ts';
import { saveProfile } from '../documents/settings.service.ts';
import { circulatePlan, decidePlan, submitPlan } from '../plans/plan-workflow.service.ts';
import { createPlan, savePlan } from '../plans/plans.service.ts';
import { reviewReport, saveReport } from '../progress/reports.service.ts';
import { closeRound, createRound, openRound } from '../progress/rounds.service.ts';
import { publish } from '../publications/publish.service.ts';
import { actorOf } from '../users/grants.ts';
import { DEMO_USERS } from './demo-data.ts';

const DEMO_SECRETARIAT = DEMO_USERS.find((u) => u.role === 'secretariat' && u.on === 'DEMO-PROV')!.email;

/**
 * The demo province's whole yearly cycle, made through the modules' own services as people would make
 * it: the ITA 2569 result (indicator scores; OIT items with two failed and one not assessed, `-`), its
 * analysis at 85, the 2570 plan drafted from it with measures of the regional units, approved with a
 * memo number and circulated, the 6-month round with five of six units' reports accepted and closed.
 * publishDemo() then publishes the plan and the round report (rendering documents: once the app is up).
 */
export const DEMO_CYCLE = { resultYear: 2569, planYear: 2570, roundKind: '6m' as const };

const scored = (scope: 'total' | 'instrument' | 'indicator', code: string, score: number): ScoreEntry => ({
  scope,
  code,
  score,
  passed: null,
  reason: null,
  recommendation: null,
});
const indicator = (code: string, score: number) => scored('indicator', code, score);
const item = (code: string, passed: boolean | null, reason: string | null = null): ScoreEntry => ({
  scope: 'question',
  code,
  score: passed === null ? null : passed ? 100 : 0,
  passed,
  reason,
  recommendation: null,
});

const FAILED_ITEMS: Record<string, string> = {
  o14: 'ไม่ครบองค์ประกอบตามที่กำหนด (ไม่มีข้อมูลการประเมินผลการปฏิบัติราชการรอบที่ ๒)',
  o25: 'ไม่มีการเผยแพร่มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานที่ผู้บริหารเห็นชอบ',
};
/** o12 was not assessed that year (`-` in NACC's table): it is neither passed nor failed. */
const NOT_ASSESSED = new Set(['o12']);

/** IIT 1–5, EIT 6–8, OIT 9–10 (the OIT indicators from the items: 16/17 and 6/7 passed). */
export const DEMO_SCORES: ScoreEntry[] = [
  // As NACC's table states them: each instrument the mean of its indicators, the total IIT 30 % +
  // EIT 30 % + OIT 40 %.
  scored('total', 'ITA', 87.03),
  scored('instrument', 'IIT', 85.29),
  scored('instrument', 'EIT', 84.93),
  scored('instrument', 'OIT', 89.92),
  indicator('1', 93.41),
  indicator('2', 82.67),
  indicator('3', 87.15),
  indicator('4', 78.92),
  indicator('5', 84.3),
  indicator('6', 91.06),
  indicator('7', 83.48),
  indicator('8', 80.25),
  indicator('9', 94.12),
  indicator('10', 85.71),
  ...Array.from({ length: 26 }, (_, i) => {
    const code = `o${i + 1}`;
    if (NOT_ASSESSED.has(code)) return item(code, null);
    return item(code, !(code in FAILED_ITEMS), FAILED_ITEMS[code] ?? null);
  }),
];

type UnitRef = { id: string; code: string };

type Report = { result: string; percent: number; link?: string; paper?: boolean };

/**
 * The measure for each weak indicator (by its number), the units that carry it (by demo code) and what
 * each unit reported in the 6-month round. DEMO-PROV-06 reports nothing: the report shows it missing.
 */
const MEASURES: Record<
  string,
  { title: string; units: string[]; steps: string[]; target: string; reports: Record<string, Report> }
> = {
  '2': {
    title: 'เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีและรายงานผลการใช้จ่ายงบประมาณรายไตรมาส',
    units: ['DEMO-PROV-01', 'DEMO-PROV-02'],
    steps: ['จัดทำแผนการใช้จ่ายงบประมาณประจำปี', 'รายงานผลการใช้จ่ายงบประมาณทุกไตรมาสและเผยแพร่บนเว็บไซต์'],
    target: 'รายงานผลครบทุกไตรมาส',
    reports: {
      'DEMO-PROV-01': {
        result: 'เผยแพร่แผนการใช้จ่ายงบประมาณ และรายงานผลไตรมาสที่ ๑ บนเว็บไซต์แล้ว',
        percent: 50,
        link: 'https://example.go.th/demo/budget-q1',
      },
      'DEMO-PROV-02': { result: 'จัดทำแผนการใช้จ่ายงบประมาณแล้ว อยู่ระหว่างรวบรวมผลไตรมาสที่ ๑', percent: 40 },
    },
  },
  '4': {
    title: 'จัดทำทะเบียนการยืมใช้ทรัพย์สินของราชการและตรวจสอบการยืมคืนทุกไตรมาส',
    units: ['DEMO-PROV-05'],
    steps: ['จัดทำทะเบียนการยืมใช้ทรัพย์สิน', 'ตรวจสอบการยืมคืนทุกไตรมาส'],
    target: 'ทะเบียนเป็นปัจจุบันทุกไตรมาส',
    reports: {
      'DEMO-PROV-05': {
        result: 'จัดทำทะเบียนการยืมใช้ทรัพย์สินแล้ว ตรวจสอบไตรมาสที่ ๑ ไม่พบการยืมเกินกำหนด',
        percent: 50,
        link: 'https://example.go.th/demo/asset-register',
      },
    },
  },
  '5': {
    title: 'ประชุมชี้แจงแนวทางการปฏิบัติหน้าที่และการป้องกันผลประโยชน์ทับซ้อนแก่บุคลากรทุกระดับ',
    units: ['DEMO-PROV-01', 'DEMO-PROV-06'],
    steps: [
      'จัดทำเอกสารแนวทางการปฏิบัติหน้าที่',
      'จัดประชุมชี้แจงบุคลากรอย่างน้อยปีละ ๒ ครั้ง',
      'ประเมินความเข้าใจของผู้เข้าร่วมและรายงานผู้บริหาร',
    ],
    target: 'บุคลากรเข้าร่วมไม่น้อยกว่าร้อยละ ๘๐',
    reports: {
      'DEMO-PROV-01': {
        result: 'จัดประชุมชี้แจงบุคลากร ครั้งที่ ๑ เมื่อวันที่ ๑๕ ธันวาคม ๒๕๖๙ มีผู้เข้าร่วม ๑๒๔ คน',
        percent: 50,
        paper: true,
      },
    },
  },
  '7': {
    title: 'เผยแพร่ขั้นตอนและระยะเวลาการให้บริการประชาชนทางเว็บไซต์และ ณ จุดให้บริการ',
    units: ['DEMO-PROV-03', 'DEMO-PROV-04'],
    steps: ['ทบทวนคู่มือการให้บริการ', 'เผยแพร่คู่มือบนเว็บไซต์ของหน่วยงาน'],
    target: 'คู่มือการให้บริการครบทุกงานบริการ',
    reports: {
      'DEMO-PROV-03': {
        result: 'ปรับปรุงคู่มือการให้บริการ ๑๒ งานบริการ และเผยแพร่บนเว็บไซต์แล้ว',
        percent: 100,
        link: 'https://example.go.th/demo/service-manual',
      },
      'DEMO-PROV-04': { result: 'ทบทวนคู่มือการให้บริการแล้ว อยู่ระหว่างจัดทำรูปเล่ม', percent: 60 },
    },
  },
  '8': {
    title: 'เปิดช่องทางรับฟังความคิดเห็นของผู้รับบริการและนำผลมาปรับปรุงการทำงาน',
    units: ['DEMO-PROV-02', 'DEMO-PROV-06'],
    steps: ['เปิดช่องทางรับฟังความคิดเห็นทางเว็บไซต์และ ณ จุดให้บริการ', 'สรุปความคิดเห็นและเสนอแนวทางปรับปรุงทุกไตรมาส'],
    target: 'สรุปความคิดเห็นเสนอผู้บริหารทุกไตรมาส',
    reports: {
      'DEMO-PROV-02': {
        result: 'เปิดแบบรับฟังความคิดเห็นทางเว็บไซต์แล้ว ได้รับความคิดเห็น ๓๘ รายการ',
        percent: 50,
        link: 'https://example.go.th/demo/feedback',
      },
    },
  },
};

const indicatorOf = (title: string) => title.match(/ตัวชี้วัดที่\s*(\d+)/)?.[1] ?? '';

function planContent(base: PlanContent, units: Map<string, UnitRef>, year: number): PlanContent {
  const timeframe = { start: `${year - 1}-10`, end: `${year}-09` };
  const issues = base.issues
    .filter((issue) => MEASURES[indicatorOf(issue.title)])
    .map((issue) => {
      const n = indicatorOf(issue.title);
      const m = MEASURES[n]!;
      return {
        ...issue,
        measures: [
          {
            id: `demo-m${n}`,
            kind: 'measure' as const,
            title: m.title,
            pointIds: issue.points.map((p) => p.id),
            steps: m.steps.map((text, s) => ({
              id: `demo-m${n}-s${s + 1}`,
              text,
              responsible: null,
              timeframe: null,
            })),
            responsible: { unitIds: m.units.map((code) => units.get(code)!.id), external: [] },
            timeframe,
            monitoring: 'รายงานผลการดำเนินงานทุกรอบ ๖ เดือน ต่อคณะทำงานขับเคลื่อน ITA จังหวัด',
            codes: issue.codes,
            budget: null,
            target: m.target,
            outputIndicator: '',
            libraryId: null,
          },
        ],
      };
    });
  return planContentSchema.parse({
    ...base,
    introduction:
      'จังหวัดตัวอย่างได้นำผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ มาวิเคราะห์เพื่อกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน',
    analysisSummary:
      'ผลการประเมินมีตัวชี้วัดที่ต้องแก้ไขเร่งด่วน ได้แก่ การใช้งบประมาณ การใช้ทรัพย์สินของราชการ การแก้ไขปัญหาการทุจริต ประสิทธิภาพการสื่อสาร และการปรับปรุงการทำงาน',
    monitoringSection:
      'ให้หน่วยงานผู้รับผิดชอบรายงานผลการดำเนินงานทุกรอบ ๖ เดือน ผ่านสำนักงานจังหวัดตัวอย่าง เพื่อสรุปเสนอผู้ว่าราชการจังหวัด',
    preparedBy: 'กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด สำนักงานจังหวัดตัวอย่าง',
    issues,
  });
}

export type DemoPeople = {
  secretariat: { id: string; email: string; displayName: string };
  executive: { id: string; email: string; displayName: string };
  /** A reporter of each unit that reports, by the unit's code. */
  reporters: Map<string, { id: string; email: string; displayName: string }>;
};

/** Runs the cycle for the demo province (its id and its units by code). */
/** The demo province's document profile (invented names and numbers). */
const DEMO_PROFILE: DocumentProfile = {
  department: 'สำนักงานจังหวัดตัวอย่าง กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด',
  phone: '0 5551 1234',
  email: 'ita@example.go.th',
  address: ['ศาลากลางจังหวัดตัวอย่าง', 'ถนนตัวอย่าง ตำบลในเมือง', 'อำเภอเมือง จังหวัดตัวอย่าง 10000'],
  numberPrefix: 'ตย 0017.2',
  to: 'ผู้ว่าราชการจังหวัดตัวอย่าง',
  signer: { name: 'นางสาวสมใจ ใจดี', positions: ['หัวหน้าสำนักงานจังหวัดตัวอย่าง'] },
  head: { name: 'นายสมชาย ตัวอย่าง', positions: ['ผู้ว่าราชการจังหวัดตัวอย่าง'] },
};

export async function seedDemoCycle(
  db: Db,
  province: { id: string },
  units: Map<string, UnitRef>,
  people: DemoPeople,
) {
  const { resultYear, planYear, roundKind } = DEMO_CYCLE;
  const secretariat = await actorOf(db, people.secretariat);
  const executive = await actorOf(db, people.executive);
  // What the province's documents say about it: the secretariat's unit, its address and number prefix,
  // the officer who signs for the unit and the governor who decides.
  await saveProfile(db, secretariat, province.id, DEMO_PROFILE);

  const result = await saveResult(db, secretariat, {
    organizationId: province.id,
    fiscalYear: resultYear,
    statedLevel: null,
    scores: DEMO_SCORES,
  });
  // Judged by indicator, as this province chose: its plan answers the five weak indicators; the two
  // OIT items it failed stand in the report's OIT section (the default would list them as findings too).
  const analysis = await createAnalysis(db, secretariat, result.id, {
    settings: analysisSettingsSchema.parse({ urgentBelow: 85, judge: 'indicators' }),
  });

  const drafted = await createPlan(db, secretariat, {
    organizationId: province.id,
    fiscalYear: planYear,
    analysisId: analysis.id,
    issuesFrom: 'groups',
    copyFromPreviousYear: false,
  });
  const saved = await savePlan(db, secretariat, drafted.id, {
    rowVersion: drafted.rowVersion,
    content: planContent(drafted.content, units, planYear),
  });
  const submitted = await submitPlan(db, secretariat, saved.id, { rowVersion: saved.rowVersion });
  const approved = await decidePlan(db, executive, submitted.id, {
    decision: 'approve',
    rowVersion: submitted.rowVersion,
    memoNumber: 'ตย 0017.2/1234',
    memoDate: `${planYear - 544}-10-20`,
  });
  const circulated = await circulatePlan(db, secretariat, approved.id, { rowVersion: approved.rowVersion });

  const round = await createRound(db, secretariat, {
    planId: circulated.id,
    kind: roundKind,
    dueDate: `${planYear - 543}-04-10`,
  });
  const opened = await openRound(db, secretariat, round.id, round.rowVersion);
  const slots = await db
    .select()
    .from(reportSlots)
    .where(eq(reportSlots.roundId, round.id))
    .orderBy(asc(reportSlots.measureId));
  for (const slot of slots) {
    const code = [...units.values()].find((u) => u.id === slot.unitId)?.code ?? '';
    const report = MEASURES[slot.measureId.replace('demo-m', '')]?.reports[code];
    const reporter = people.reporters.get(code);
    if (!report || !reporter) continue;
    const sent = await saveReport(
      db,
      await actorOf(db, reporter),
      slot.id,
      {
        rowVersion: slot.rowVersion,
        result: report.result,
        progress: report.percent === 100 ? 'done' : 'in_progress',
        percent: report.percent,
        cancelReason: null,
        problems: report.percent < 50 ? 'บุคลากรมีภารกิจประจำมาก ทำให้ดำเนินการล่าช้า' : '',
        suggestions: '',
        activityStart: `${planYear - 544}-11-01`,
        activityEnd: null,
        links: report.link ? [{ url: report.link, label: '' }] : [],
        paperRefs: report.paper
          ? [
              {
                kind: 'หนังสือเชิญประชุม',
                number: 'ตย 0017.2/ว 456',
                date: `${planYear - 544}-12-01`,
                title: 'ประชุมชี้แจงแนวทางการปฏิบัติหน้าที่',
              },
            ]
          : [],
      },
      true,
    );
    await reviewReport(db, secretariat, slot.id, { decision: 'accept', rowVersion: sent.rowVersion });
  }
  const closed = await closeRound(db, secretariat, round.id, opened.rowVersion);

  return { planId: circulated.id, roundId: closed.id, analysisId: analysis.id };
}

/**
 * Publishes the demo plan and round report as the demo secretariat would (renders their DOCX, PDF and
 * XLSX): run once the app is up, so that a first start does not wait for the documents and Chromium.
 * Publishing again what is already published changes nothing. Returns how many were published.
 */
export async function publishDemo(db: Db, store: FileStore, renderers: DocumentRenderers) {
  const [secretariat] = await db.select().from(users).where(eq(users.email, DEMO_SECRETARIAT));
  if (!secretariat) return 0;
  const actor = await actorOf(db, secretariat);
  const grant = actor.grants.find((g) => g.role === 'secretariat');
  if (!grant) return 0;
  const [province] = await db
    .select()
    .from(organizations)
    .where(eq(organizations.path, grant.organizationPath!));
  const [plan] = await db
    .select()
    .from(plans)
    .where(
      and(
        eq(plans.organizationId, province!.id),
        eq(plans.fiscalYear, DEMO_CYCLE.planYear),
        eq(plans.status, 'circulated'),
      ),
    );
  if (!plan) return 0;
  const [round] = await db
    .select()
    .from(rounds)
    .where(
      and(eq(rounds.planId, plan.id), eq(rounds.kind, DEMO_CYCLE.roundKind), eq(rounds.status, 'closed')),
    );
  let made = 0;
  if ((await publish(db, store, renderers, actor, { kind: 'plan', subjectId: plan.id })).created) made += 1;
  if (round && (await publish(db, store, renderers, actor, { kind: 'round', subjectId: round.id })).created) {
    made += 1;
  }
  return made;
}
