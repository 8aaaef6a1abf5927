import type { CircularContent, DocumentProfile, MemoContent } from '#shared/documents/contract.ts';
import type { OrganizationKind } from '#shared/organizations/contract.ts';
import { departmentLine } from '../profile.ts';
import { totalSentence } from './analysis-summary.ts';
import { letterAddressee } from './external-letter.ts';
import { statesFiscalYear, withoutFiscalYear } from './fiscal-year.ts';
import type { PlanDocumentView } from './plan-document.ts';
import type { RoundReportView } from './round-report.ts';

/**
 * First drafts of the memo and circular text, written from the data and the organisation's document
 * profile; the secretariat edits them before generating, and the edited text is what is kept. An
 * official text speaks as the agency: it never names the software it was made with.
 */

/** Who a circular goes to, and in which form: the agency's own units get a memo, other agencies a letter. */
export type Addressee = { name: string; form: 'memo' | 'letter' };

/**
 * The form of a circular to a unit of the organisation tree: divisions and offices (and units of no
 * stated kind) are the agency's own and get a memo; regional units (which belong to ministries),
 * departments, provinces and local governments are other agencies and get an external letter, as do
 * bodies named outside the tree (`null`).
 */
export function addresseeForm(kind: OrganizationKind | null): Addressee['form'] {
  return kind === 'division' || kind === 'office' || kind === 'other' ? 'memo' : 'letter';
}

const measureCount = (v: PlanView) => v.content.issues.reduce((n, i) => n + i.measures.length, 0);

type PlanView = Omit<PlanDocumentView, 'signer'>;

/** The units and outside bodies a plan names, by id (units) or by name (outside bodies), in plan order. */
export function responsibleOfPlan(v: PlanView): { unitIds: string[]; external: string[] } {
  const all = v.content.issues.flatMap((i) =>
    i.measures.flatMap((m) => [
      m.responsible,
      ...m.steps.flatMap((s) => (s.responsible ? [s.responsible] : [])),
    ]),
  );
  return {
    unitIds: [...new Set(all.flatMap((r) => r.unitIds))],
    external: [...new Set(all.flatMap((r) => r.external.map((e) => e.trim()).filter((e) => e !== '')))],
  };
}

/** A round's title part: its label, without the fiscal year when the plan's title already states it. */
export function roundPart(planTitle: string, roundLabel: string, fiscalYear: number): string {
  return statesFiscalYear(planTitle, fiscalYear) ? withoutFiscalYear(roundLabel, fiscalYear) : roundLabel;
}

const numbered = (items: string[]) => items.map((item, i) => `${i + 1}. ${item}`).join('\n\n');

/** เรียน of the internal memo: the one unit's head, or the units as a group with their list. */
function memoAddressee(names: string[]): string {
  if (names.length === 1) return `หัวหน้า${names[0]}`;
  return 'หัวหน้าหน่วยงานที่รับผิดชอบ (ตามรายชื่อแนบท้าย)';
}

/** The recipients of each form, and the เรียน of each, from the addressees. */
function circularAddressees(addressees: Addressee[]) {
  const recipients = addressees.filter((a) => a.form === 'memo').map((a) => a.name);
  const letterRecipients = addressees.filter((a) => a.form === 'letter').map((a) => a.name);
  return {
    to: recipients.length === 0 ? '' : memoAddressee(recipients),
    recipients,
    letterTo: letterRecipients.length === 0 ? '' : letterAddressee(letterRecipients),
    letterRecipients,
  };
}

/** The plan decisions the head is asked for: approve it, and permit publishing it on the website. */
export const PLAN_DECISIONS = ['เห็นชอบ', 'อนุญาตให้เผยแพร่บนเว็บไซต์ของหน่วยงาน'];
/** The round memo's: acknowledge the report, agree with what is proposed, permit publishing it. */
export const ROUND_DECISIONS = ['ทราบ', 'เห็นชอบตามเสนอ', 'อนุญาตให้เผยแพร่บนเว็บไซต์ของหน่วยงาน'];

/** The approval memo: the head approves the plan and permits publishing it on the agency's website. */
export function draftPlanMemo(v: PlanView, profile: DocumentProfile): MemoContent {
  const org = v.header.organizationNameTh;
  const title = v.content.title;
  const result = v.analysis ? `${totalSentence(v.analysis)} ` : '';
  return {
    department: departmentLine(profile),
    subject: `ขอความเห็นชอบ${title} และขออนุญาตเผยแพร่บนเว็บไซต์ของหน่วยงาน`,
    to: profile.to,
    background: `สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของ${org} ${result}และกำหนดให้หน่วยงานวิเคราะห์ผลการประเมินเพื่อกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน`,
    facts: `${org} ได้วิเคราะห์ผลการประเมินดังกล่าวและจัดทำ${title} จำนวน ${v.content.issues.length} ประเด็น ${measureCount(v)} มาตรการ โดยกำหนดขั้นตอนการดำเนินการ ผู้รับผิดชอบ ระยะเวลาดำเนินการ และการติดตามประเมินผล รายละเอียดตามเอกสารแนบ`,
    considerations:
      'หลักเกณฑ์การประเมิน ITA กำหนดให้หน่วยงานมีมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานที่ผู้บริหารให้ความเห็นชอบ และเผยแพร่ต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน จึงเห็นควรเสนอมาตรการดังกล่าวเพื่อพิจารณาให้ความเห็นชอบ และอนุญาตให้เผยแพร่บนเว็บไซต์ของหน่วยงาน',
    proposal: numbered([
      `เห็นชอบ${title}`,
      `อนุญาตให้เผยแพร่${title} บนเว็บไซต์ของ${org} ให้สาธารณชนทราบ`,
      'แจ้งเวียนหน่วยงานที่รับผิดชอบเพื่อดำเนินการตามมาตรการ และรายงานผลการดำเนินงานตามรอบการรายงานที่กำหนด',
    ]),
    closing: 'จึงเรียนมาเพื่อโปรดพิจารณา',
    decisions: PLAN_DECISIONS,
  };
}

/** The circular of an approved plan: one text, sent as a memo to own units and as a letter to others. */
export function draftPlanCircular(
  v: PlanView,
  profile: DocumentProfile,
  addressees: Addressee[],
): CircularContent {
  const org = v.header.organizationNameTh;
  const title = v.content.title;
  const approval = v.approval ? ` ซึ่งได้รับความเห็นชอบแล้วตามบันทึกข้อความ ที่ ${v.approval.memoNumber}` : '';
  const reportTo = profile.department.trim() === '' ? org : profile.department.trim();
  return {
    department: departmentLine(profile),
    subject: `แจ้งเวียน${title}`,
    attachments: [title],
    body: `ด้วย${org} ได้จัดทำ${title}${approval} เพื่อเป็นแนวทางในการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n\nจึงขอแจ้งเวียนให้หน่วยงานที่รับผิดชอบดำเนินการตามมาตรการในส่วนที่เกี่ยวข้อง และรายงานผลการดำเนินงานพร้อมหลักฐานต่อ${reportTo} ตามรอบการรายงานที่กำหนด`,
    closing: 'จึงเรียนมาเพื่อโปรดทราบและดำเนินการในส่วนที่เกี่ยวข้อง',
    reference: '',
    ...circularAddressees(addressees),
  };
}

/**
 * The round memo: the secretariat reports the round's results and the head acknowledges them and
 * directs what follows (units to finish what is not done, the report published). The fiscal year is
 * stated once in the subject.
 */
export function draftRoundMemo(v: RoundReportView, profile: DocumentProfile): MemoContent {
  const org = v.header.organizationNameTh;
  const c = v.counts;
  const round = roundPart(v.planTitle, v.roundLabel, v.header.fiscalYear);
  const open = c.inProgress + c.notStarted;
  const problems = v.problems.length;
  return {
    department: departmentLine(profile),
    subject: `รายงานผลการดำเนินงานตาม${v.planTitle} ${round}`,
    to: profile.to,
    background: `${org} ได้จัดทำ${v.planTitle} และแจ้งเวียนให้หน่วยงานที่รับผิดชอบดำเนินการตามมาตรการ และรายงานผลการดำเนินงานตามรอบที่กำหนด`,
    facts: [
      `หน่วยงานที่รับผิดชอบได้รายงานผลการดำเนินงาน${round} จากมาตรการทั้งหมด ${c.measures} มาตรการ ดำเนินการแล้วเสร็จ ${c.done} มาตรการ อยู่ระหว่างดำเนินการ ${c.inProgress} มาตรการ ยังไม่ได้ดำเนินการ ${c.notStarted} มาตรการ${c.cancelled > 0 ? ` ยกเลิก ${c.cancelled} มาตรการ` : ''}`,
      problems > 0
        ? `หน่วยงานรายงานปัญหา อุปสรรค ${problems} เรื่อง รายละเอียดตามรายงานที่แนบ`
        : 'ไม่มีหน่วยงานรายงานปัญหา อุปสรรค รายละเอียดตามรายงานที่แนบ',
    ].join('\n\n'),
    considerations:
      open > 0
        ? `เพื่อให้การดำเนินการตามมาตรการบรรลุผลภายในปีงบประมาณ เห็นควรให้หน่วยงานที่รับผิดชอบมาตรการที่ยังไม่แล้วเสร็จ ${open} มาตรการ เร่งรัดการดำเนินการและรายงานผลในรอบการรายงานถัดไป และเผยแพร่รายงานผลการดำเนินงานให้สาธารณชนทราบตามหลักเกณฑ์การประเมิน ITA`
        : 'มาตรการดำเนินการแล้วเสร็จตามที่กำหนด เห็นควรเผยแพร่รายงานผลการดำเนินงานให้สาธารณชนทราบตามหลักเกณฑ์การประเมิน ITA',
    proposal: numbered([
      `ทราบผลการดำเนินงาน${round}`,
      open > 0
        ? 'แจ้งเวียนหน่วยงานที่รับผิดชอบทราบ และเร่งรัดมาตรการที่ยังไม่แล้วเสร็จให้เป็นไปตามระยะเวลาที่กำหนด'
        : 'แจ้งเวียนหน่วยงานที่รับผิดชอบทราบ',
      `อนุญาตให้เผยแพร่รายงานผลการดำเนินงานบนเว็บไซต์ของ${org} และใช้ประกอบการประเมิน ITA`,
    ]),
    closing: 'จึงเรียนมาเพื่อโปรดพิจารณา',
    decisions: ROUND_DECISIONS,
  };
}

export function draftRoundCircular(
  v: RoundReportView,
  profile: DocumentProfile,
  addressees: Addressee[],
): CircularContent {
  const org = v.header.organizationNameTh;
  const round = roundPart(v.planTitle, v.roundLabel, v.header.fiscalYear);
  return {
    department: departmentLine(profile),
    subject: `แจ้งผลการดำเนินงานตาม${v.planTitle} ${round}`,
    attachments: [`รายงานผลการดำเนินงานตาม${v.planTitle} ${round}`],
    body: `ด้วย${org} ได้รวบรวมผลการดำเนินงานตาม${v.planTitle} ${round} จากหน่วยงานที่รับผิดชอบเรียบร้อยแล้ว\n\n${
      v.counts.inProgress + v.counts.notStarted > 0
        ? 'จึงขอแจ้งผลการดำเนินงานให้หน่วยงานทราบ และขอให้ดำเนินการตามมาตรการที่ยังไม่แล้วเสร็จให้เป็นไปตามระยะเวลาที่กำหนด'
        : 'จึงขอแจ้งผลการดำเนินงานให้หน่วยงานทราบ'
    }`,
    closing: 'จึงเรียนมาเพื่อโปรดทราบและดำเนินการในส่วนที่เกี่ยวข้อง',
    reference: '',
    ...circularAddressees(addressees),
  };
}
