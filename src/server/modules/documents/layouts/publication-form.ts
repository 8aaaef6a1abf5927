import type { Signer } from '#shared/documents/contract.ts';
import type { Block, Cell, DocumentModel, Inline } from '../model.ts';
import { heading, longDate } from './common.ts';

/**
 * แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน (the ITA/OIT template): the unit, the date,
 * the subject, a description, the address where it is published, and three people each with a date:
 * the one who gives the information (ผู้รับผิดชอบการให้ข้อมูล), the one who approves it
 * (ผู้อนุมัติรับรอง) and the one who put it on the website (ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่), whose name
 * and date are those of the publication.
 */

export type PublicationFormView = {
  /** ชื่อหน่วยงาน: the unit that asks (the profile's ส่วนราชการ). */
  unit: string;
  /** The form's date (ISO). */
  date: string;
  /** หัวข้อ: the published document's title. */
  subject: string;
  description: string;
  /** The public address of the live publication. */
  url: string;
  /** หมายเหตุ, e.g. which published version. */
  note: string;
  requester: Signer;
  approver: Signer;
  publisher: { name: string; date: string };
};

const person = (who: Signer | { name: string; positions: string[] }, date: string | null): Cell => ({
  align: 'center',
  lines: [
    `ลงชื่อ ${'.'.repeat(24)}`,
    `(${who.name.trim() === '' ? '\u00a0'.repeat(30) : who.name})`,
    ...(who.positions.filter((p) => p.trim() !== '').length > 0
      ? who.positions.filter((p) => p.trim() !== '')
      : [`ตำแหน่ง ${'.'.repeat(24)}`]),
    date === null ? `วันที่ ${'.'.repeat(22)}` : `วันที่ ${longDate(date)}`,
  ],
});

export function publicationForm(view: PublicationFormView): DocumentModel {
  const row = (label: string, value: Inline): Cell[] => [{ lines: [label], bold: true }, { lines: [value] }];
  const info: Block = {
    kind: 'table',
    columns: [
      { header: 'รายการ', width: 3 },
      { header: 'ข้อมูล', width: 9 },
    ],
    rows: [
      row('ชื่อหน่วยงาน', view.unit),
      row('วัน/เดือน/ปี', longDate(view.date)),
      row('หัวข้อ', view.subject),
      row('รายละเอียดข้อมูล (โดยสรุปหรือเอกสารแนบ)', view.description),
      row('ที่อยู่ของข้อมูลบนเว็บไซต์ (URL)', [{ text: view.url, link: view.url, literal: true }]),
      row('หมายเหตุ', view.note === '' ? '-' : view.note),
    ].map((cells) => ({ kind: 'cells' as const, cells })),
    emptyText: '',
  };
  const people: Block = {
    kind: 'table',
    columns: [
      { header: 'ผู้รับผิดชอบการให้ข้อมูล', width: 1, align: 'center' },
      { header: 'ผู้อนุมัติรับรอง', width: 1, align: 'center' },
      { header: 'ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่', width: 1, align: 'center' },
    ],
    rows: [
      {
        kind: 'cells',
        cells: [
          person(view.requester, view.date),
          person(view.approver, null),
          person({ name: view.publisher.name, positions: [] }, view.publisher.date),
        ],
      },
    ],
    emptyText: '',
  };
  return {
    kind: 'publication-form',
    title: 'แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน',
    orientation: 'portrait',
    form: 'report',
    blocks: [heading(1, 'แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน', 'center'), info, people],
  };
}
