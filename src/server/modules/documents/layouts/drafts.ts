import type { CircularContent, MemoContent } from '#shared/documents/contract.ts';
import { totalSentence } from './analysis-summary.ts';
import type { PlanDocumentView } from './plan-document.ts';
import type { RoundReportView } from './round-report.ts';

/**
 * First drafts of the memo and circular text, written from the data; the secretariat edits them
 * before generating, and the edited text is what is kept.
 */

const measureCount = (v: PlanDocumentView) => v.content.issues.reduce((n, i) => n + i.measures.length, 0);

export function unitsOfPlan(v: PlanDocumentView): string[] {
  const names = v.content.issues.flatMap((i) =>
    i.measures.flatMap((m) => [
      ...m.responsible.unitIds,
      ...m.steps.flatMap((s) => s.responsible?.unitIds ?? []),
    ]),
  );
  return [...new Set(names)].map((id) => v.unitNames[id] ?? id);
}

export function draftPlanMemo(v: PlanDocumentView): MemoContent {
  const org = v.header.organizationNameTh;
  const title = v.content.title;
  const result = v.analysis ? `${totalSentence(v.analysis)} ` : '';
  return {
    department: org,
    subject: `ขอความเห็นชอบ${title}`,
    to: `หัวหน้าส่วนราชการ${org}`,
    background: `สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของ${org} ${result}และกำหนดให้หน่วยงานวิเคราะห์ผลการประเมินเพื่อกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน`,
    facts: `${org} ได้วิเคราะห์ผลการประเมินดังกล่าวและจัดทำ${title} จำนวน ${v.content.issues.length} ประเด็น ${measureCount(v)} มาตรการ โดยกำหนดขั้นตอนการดำเนินการ ผู้รับผิดชอบ ระยะเวลาดำเนินการ และการติดตามประเมินผล รายละเอียดตามเอกสารแนบ`,
    considerations: `เพื่อให้การขับเคลื่อนมาตรการเป็นไปอย่างมีประสิทธิภาพ และเป็นไปตามหลักเกณฑ์การประเมิน ITA ซึ่งกำหนดให้หน่วยงานเผยแพร่มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานและการนำมาตรการไปสู่การปฏิบัติ จึงเห็นควรเสนอมาตรการดังกล่าวเพื่อพิจารณาให้ความเห็นชอบ`,
    proposal: `1. เห็นชอบ${title}\n\n2. แจ้งเวียนหน่วยงานที่รับผิดชอบเพื่อดำเนินการตามมาตรการ และรายงานผลการดำเนินงานรอบ 6 เดือนและรอบ 12 เดือน\n\n3. เผยแพร่มาตรการบนเว็บไซต์ของหน่วยงานให้สาธารณชนทราบ`,
    closing: 'จึงเรียนมาเพื่อโปรดพิจารณา',
  };
}

export function draftPlanCircular(v: PlanDocumentView): CircularContent {
  const org = v.header.organizationNameTh;
  const title = v.content.title;
  const approval = v.approval ? ` ซึ่งได้รับความเห็นชอบแล้วตามบันทึกข้อความ ที่ ${v.approval.memoNumber}` : '';
  return {
    department: org,
    subject: `แจ้งเวียน${title}`,
    to: 'หัวหน้าหน่วยงานที่รับผิดชอบ (ตามรายชื่อแนบท้าย)',
    attachments: [title],
    body: `ด้วย${org} ได้จัดทำ${title}${approval} เพื่อเป็นแนวทางในการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n\nจึงขอแจ้งเวียนให้หน่วยงานที่รับผิดชอบดำเนินการตามมาตรการในส่วนที่เกี่ยวข้อง และรายงานผลการดำเนินงานพร้อมหลักฐานผ่านระบบโปร่งใส ตามรอบการรายงานที่กำหนด`,
    closing: 'จึงเรียนมาเพื่อโปรดทราบและดำเนินการในส่วนที่เกี่ยวข้อง',
    recipients: unitsOfPlan(v),
  };
}

export function draftRoundMemo(v: RoundReportView): MemoContent {
  const org = v.header.organizationNameTh;
  const c = v.counts;
  const subject = `รายงานผลการดำเนินงานตาม${v.planTitle} ${v.roundLabel}`;
  return {
    department: org,
    subject,
    to: `หัวหน้าส่วนราชการ${org}`,
    background: `${org} ได้จัดทำ${v.planTitle} และแจ้งเวียนให้หน่วยงานที่รับผิดชอบดำเนินการตามมาตรการ และรายงานผลการดำเนินงานตามรอบที่กำหนด`,
    facts: `หน่วยงานที่รับผิดชอบได้รายงานผลการดำเนินงาน${v.roundLabel} จากมาตรการทั้งหมด ${c.measures} มาตรการ ดำเนินการแล้วเสร็จ ${c.done} มาตรการ อยู่ระหว่างดำเนินการ ${c.inProgress} มาตรการ ยังไม่ได้ดำเนินการ ${c.notStarted} มาตรการ${c.cancelled > 0 ? ` ยกเลิก ${c.cancelled} มาตรการ` : ''} รายละเอียดตามรายงานที่แนบ`,
    considerations: `เพื่อให้เป็นไปตามหลักเกณฑ์การประเมิน ITA ซึ่งกำหนดให้หน่วยงานรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน และเผยแพร่ให้สาธารณชนทราบ`,
    proposal: `1. แจ้งเวียนหน่วยงานทราบเพื่อดำเนินการในส่วนที่เกี่ยวข้อง\n\n2. เผยแพร่รายงานผลการดำเนินงานบนเว็บไซต์ของหน่วยงาน และใช้ประกอบการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ${v.header.fiscalYear}`,
    closing: 'จึงเรียนมาเพื่อโปรดพิจารณา',
  };
}

export function draftRoundCircular(v: RoundReportView): CircularContent {
  const org = v.header.organizationNameTh;
  const units = [...new Set(v.lines.flatMap((l) => l.responsible))];
  return {
    department: org,
    subject: `แจ้งผลการดำเนินงานตาม${v.planTitle} ${v.roundLabel}`,
    to: 'หัวหน้าหน่วยงานที่รับผิดชอบ (ตามรายชื่อแนบท้าย)',
    attachments: [`รายงานผลการดำเนินงานตาม${v.planTitle} ${v.roundLabel}`],
    body: `ด้วย${org} ได้รวบรวมผลการดำเนินงานตาม${v.planTitle} ${v.roundLabel} จากหน่วยงานที่รับผิดชอบเรียบร้อยแล้ว\n\nจึงขอแจ้งผลการดำเนินงานให้หน่วยงานทราบ และขอให้ดำเนินการตามมาตรการที่ยังไม่แล้วเสร็จให้เป็นไปตามระยะเวลาที่กำหนด`,
    closing: 'จึงเรียนมาเพื่อโปรดทราบและดำเนินการในส่วนที่เกี่ยวข้อง',
    recipients: units,
  };
}
