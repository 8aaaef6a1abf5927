import { OIT_STATUS_LABELS, type OitCheck, type OitTracker } from '#shared/oit/contract.ts';
import type { Digits, Sheet, Workbook } from '../documents/model.ts';
import { renderXlsx } from '../documents/xlsx/render-xlsx.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const yesNo = (value: boolean | null | undefined, yes: string, no: string, unknown = '—') =>
  value === null || value === undefined ? unknown : value ? yes : no;

function reachableText(check: OitCheck | null): string {
  if (!check) return '—';
  if (check.error && check.error.code !== 'too_large') return `ไม่ได้: ${check.error.message_th}`;
  const status = check.httpStatus === null ? '' : ` (HTTP ${check.httpStatus})`;
  return `${check.reachable ? 'เปิดได้' : 'เปิดไม่ได้'}${status}`;
}

/** The tracker as one sheet: what the secretariat hands round or files with its OIT submission. */
export function trackerWorkbook(tracker: OitTracker): Workbook {
  const title = `ติดตามการเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ พ.ศ. ${tracker.fiscalYear}`;
  const s = tracker.summary;
  const sheet: Sheet = {
    name: 'ติดตาม OIT',
    heading: [
      title,
      tracker.organizationNameTh,
      `${tracker.editionTitleTh} · พร้อมส่ง ${s.ready} จาก ${s.total} รายการ`,
    ],
    columns: [
      { header: 'ข้อ', width: 6, type: 'text' },
      { header: 'รายการ', width: 40, type: 'text' },
      { header: 'ลิงก์ (URL)', width: 40, type: 'text' },
      { header: 'สถานะ', width: 12, type: 'text' },
      { header: 'หน่วยงานผู้รับผิดชอบ', width: 24, type: 'text' },
      { header: 'ตรวจลิงก์ล่าสุด', width: 14, type: 'date' },
      { header: 'เปิดได้', width: 18, type: 'text' },
      { header: 'ต้องเข้าสู่ระบบ', width: 12, type: 'text' },
      { header: `ระบุปี ${tracker.fiscalYear}`, width: 12, type: 'text' },
      { header: 'หมายเหตุ', width: 30, type: 'text' },
    ],
    rows: tracker.rows.map((r) => {
      const check = r.lastCheck;
      const notes = [r.urlNote, r.notes].filter(Boolean).join('\n');
      return [
        r.displayCode,
        r.labelTentative ? `${r.labelTh} (ชื่อโดยประมาณ)` : r.labelTh,
        r.effectiveUrl ?? '',
        OIT_STATUS_LABELS[r.status].th,
        r.ownerUnitNameTh ?? '',
        check ? new Date(check.checkedAt) : null,
        reachableText(check),
        check ? yesNo(check.needsLogin, 'ต้อง', 'ไม่ต้อง') : '—',
        check ? yesNo(check.mentionsFiscalYear, 'พบ', 'ไม่พบ', 'ตรวจไม่ได้') : '—',
        notes,
      ];
    }),
  };
  return { title, sheets: [sheet] };
}

export async function trackerXlsx(tracker: OitTracker, digits: Digits = 'arabic') {
  return {
    fileName: `oit-${tracker.fiscalYear}.xlsx`,
    fileNameTh: `ติดตาม OIT ${tracker.organizationNameTh} ${tracker.fiscalYear}.xlsx`,
    bytes: await renderXlsx(trackerWorkbook(tracker), { digits }),
  };
}
