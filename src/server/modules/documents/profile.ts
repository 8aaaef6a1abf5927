import { type DocumentProfile, SIGNER_LIMITS } from '#shared/documents/contract.ts';
import type { OrganizationKind } from '#shared/organizations/contract.ts';

/**
 * The organisation's document profile before anyone has set it, and the document number it gives:
 * pure rules, tested without a database.
 */

type OrgFacts = { kind: OrganizationKind; nameTh: string };

const PROVINCE = 'จังหวัด';
const MUNICIPALITY = 'เทศบาล';

/** `จังหวัดตาก` for a province named either `ตาก` or `จังหวัดตาก`. */
const provinceName = (nameTh: string) => (nameTh.startsWith(PROVINCE) ? nameTh : `${PROVINCE}${nameTh}`);

/**
 * The head's position, to whom memos go: a province's governor (ผู้ว่าราชการจังหวัดตาก), a
 * municipality's mayor (เทศบาลนครสุราษฎร์ธานี → นายกเทศมนตรีนครสุราษฎร์ธานี; another local government
 * → นายกองค์การบริหารส่วนตำบล…), otherwise หัวหน้า + the name.
 */
export function headPosition(org: OrgFacts): string {
  const position = namedHeadPosition(org);
  // A position line longer than the signature block takes (a very long organisation name) would make
  // the profile invalid: say the head's title without the name instead.
  return position.length <= SIGNER_LIMITS.position ? position : GENERIC_HEAD;
}

const GENERIC_HEAD = 'หัวหน้าส่วนราชการ';

function namedHeadPosition(org: OrgFacts): string {
  if (org.kind === 'province') return `ผู้ว่าราชการ${provinceName(org.nameTh)}`;
  if (org.kind === 'municipality') {
    return org.nameTh.startsWith(MUNICIPALITY)
      ? `นายกเทศมนตรี${org.nameTh.slice(MUNICIPALITY.length)}`
      : `นายก${org.nameTh}`;
  }
  return `หัวหน้า${org.nameTh}`;
}

/**
 * Defaults that fit the workflow: a province's documents come from the secretariat's unit, the
 * provincial office (สำนักงานจังหวัด…), and go to the governor; a municipality's go to the mayor. The
 * number prefix, address, telephone and the people's names are the agency's to type.
 */
export function defaultProfile(org: OrgFacts): DocumentProfile {
  const head = headPosition(org);
  return {
    department: org.kind === 'province' ? `สำนักงาน${provinceName(org.nameTh)}` : org.nameTh,
    phone: '',
    email: '',
    address: [],
    numberPrefix: '',
    to: head,
    signer: { name: '', positions: [] },
    head: { name: '', positions: [head] },
  };
}

/**
 * ที่ … of a document. A number typed in full (with its "/") or without a prefix is kept as typed; a
 * bare number follows the prefix (ตก 0017.2/123); no number leaves the prefix and "/" for the registry
 * to complete. A circular (หนังสือเวียน) has ว before its number (ตก 0017.2/ว 123).
 */
export function documentNumberOf(prefix: string, number: string, circular: boolean): string {
  const p = prefix.trim().replace(/\/+$/, '');
  const n = number.trim();
  const mark = circular ? 'ว ' : '';
  if (n !== '' && (p === '' || n.includes('/'))) return n;
  if (n !== '') return `${p}/${n.startsWith('ว') ? n : `${mark}${n}`}`;
  return p === '' ? '' : `${p}/${mark.trim()}`;
}

/** The ส่วนราชการ line of a memo: the owning unit and its telephone. */
export function departmentLine(profile: Pick<DocumentProfile, 'department' | 'phone'>): string {
  // "โทร. 0 5551 1234" never breaks across lines: its spaces are no-break spaces.
  const phone = profile.phone.trim().replace(/\s+/g, '\u00a0');
  return phone === '' ? profile.department.trim() : `${profile.department.trim()} โทร.\u00a0${phone}`;
}
