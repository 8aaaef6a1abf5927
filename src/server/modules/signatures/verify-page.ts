import { toThaiDigits } from '#shared/format/thai.ts';
import { stylesheetPath } from '../../public/assets.ts';
import { dateTime, type Lang } from '../../public/i18n.ts';
import { escapeHtml as esc } from '../documents/html/escape.ts';
import { formatCode } from './rules/code.ts';
import { verifiedByEnglish, verifiedByThai } from './rules/wording.ts';
import type { Verification, VerifyOutcome } from './verify.service.ts';

/**
 * The public verification page (/verify): server-rendered, no script, Thai by default and English
 * with ?lang=en; a form for the code and one for a file, then the answer. Pure: tested without a
 * database.
 */

export const VERIFY_PATH = '/verify';

export type PageAnswer =
  | VerifyOutcome
  | { kind: 'no_file' }
  | { kind: 'too_large'; maxBytes: number }
  | { kind: 'none' };

const T = {
  th: {
    title: 'ตรวจสอบลายมือชื่ออิเล็กทรอนิกส์',
    intro:
      'ตรวจสอบว่าเอกสารได้รับการลงนามอิเล็กทรอนิกส์ (ให้ความเห็นชอบ) จริง โดยใคร เมื่อใด ด้วยรหัสตรวจสอบที่พิมพ์ในเอกสาร หรือด้วยไฟล์เอกสาร',
    other: 'English',
    otherLang: 'en' as Lang,
    codeHeading: 'ตรวจสอบด้วยรหัส',
    codeLabel: 'รหัสตรวจสอบ (๑๐ ตัวอักษร เช่น ABCDE-FGHJK)',
    codeButton: 'ตรวจสอบรหัส',
    fileHeading: 'ตรวจสอบด้วยไฟล์',
    fileLabel: 'ไฟล์เอกสาร (PDF, DOCX หรือ XLSX) ไฟล์ไม่ถูกเก็บไว้ในระบบ',
    fileButton: 'ตรวจสอบไฟล์',
    result: 'ผลการตรวจสอบ',
    valid: 'ลายมือชื่ออิเล็กทรอนิกส์ถูกต้อง',
    validFile: 'ไฟล์นี้ตรงกับเอกสารที่ลงนามทุกประการ',
    revoked: 'ลายมือชื่ออิเล็กทรอนิกส์นี้ถูกเพิกถอนแล้ว ไม่ถือเป็นการลงนามที่มีผล',
    revokedFile: 'ไฟล์นี้ตรงกับเอกสารที่ลงนาม แต่ลายมือชื่อถูกเพิกถอนแล้ว ไม่ถือเป็นการลงนามที่มีผล',
    code: 'รหัสตรวจสอบ',
    signer: 'ผู้ลงนาม',
    position: 'ตำแหน่ง',
    signedAt: 'ลงนามเมื่อ',
    identity: 'การยืนยันตัวตน',
    agency: 'หน่วยงาน',
    act: 'การลงนาม',
    document: 'เอกสาร',
    revokedAt: 'เพิกถอนเมื่อ',
    reason: 'เหตุผลการเพิกถอน',
    format: 'ไฟล์ที่ตรวจสอบ',
    notPublished:
      'เอกสารนี้ยังไม่ได้เผยแพร่บนเว็บไซต์ของหน่วยงาน จึงไม่แสดงชื่อเรื่องและเนื้อหา ผู้ได้รับเอกสารเปรียบเทียบกับรายละเอียดข้างต้นได้',
    version: (n: number) => `ฉบับที่เผยแพร่ ${toThaiDigits(n)}`,
    planAct: (year: number | null) =>
      `ให้ความเห็นชอบแผนมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน${year ? ` ประจำปีงบประมาณ พ.ศ. ${toThaiDigits(year)}` : ''}`,
    roundAct: (year: number | null) =>
      `รับทราบรายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน${year ? ` ประจำปีงบประมาณ พ.ศ. ${toThaiDigits(year)}` : ''}`,
    malformed:
      'รหัสตรวจสอบไม่ถูกต้อง: รหัสมี ๑๐ ตัวอักษร เป็นตัวเลขและอักษรภาษาอังกฤษ เช่น ABCDE-FGHJK (ไม่มีตัว U) ตรวจดูรหัสที่พิมพ์ในเอกสารแล้วลองใหม่',
    unknown:
      'ไม่พบลายมือชื่ออิเล็กทรอนิกส์ที่มีรหัสนี้: ตรวจดูรหัสที่พิมพ์ในเอกสารอีกครั้ง หากยังไม่พบ เอกสารนั้นไม่ได้ลงนามอิเล็กทรอนิกส์ในระบบนี้ สอบถามหน่วยงานที่ออกเอกสาร',
    notSigned:
      'ไม่ตรงกับเอกสารที่ลงนาม: ไฟล์นี้ไม่ใช่ไฟล์ของเอกสารที่ลงนามอิเล็กทรอนิกส์ หรือถูกแก้ไขหลังจากออก (แม้เพียงเล็กน้อย) ขอไฟล์ต้นฉบับจากหน่วยงานที่ออกเอกสาร หรือตรวจสอบด้วยรหัสตรวจสอบที่พิมพ์ในเอกสาร',
    noFile: 'ยังไม่ได้เลือกไฟล์: เลือกไฟล์เอกสารแล้วกดตรวจสอบไฟล์',
    tooLarge: (mb: number) => `ไฟล์ใหญ่เกิน ${toThaiDigits(mb)} MB จึงไม่ใช่ไฟล์เอกสารที่ระบบออกให้: ตรวจสอบด้วยรหัสแทน`,
  },
  en: {
    title: 'Verify an electronic signature',
    intro:
      'Check that a document was really signed electronically (approved), by whom and when, with the verification code printed on it or with the document’s file.',
    other: 'ภาษาไทย',
    otherLang: 'th' as Lang,
    codeHeading: 'Verify a code',
    codeLabel: 'Verification code (10 characters, e.g. ABCDE-FGHJK)',
    codeButton: 'Verify the code',
    fileHeading: 'Verify a file',
    fileLabel: 'The document’s file (PDF, DOCX or XLSX); the file is not kept',
    fileButton: 'Verify the file',
    result: 'Result',
    valid: 'The electronic signature is valid',
    validFile: 'This file is exactly the signed document',
    revoked: 'This electronic signature has been revoked: it no longer stands as a signature',
    revokedFile:
      'This file is the signed document, but the signature has been revoked: it no longer stands as a signature',
    code: 'Verification code',
    signer: 'Signed by',
    position: 'Position',
    signedAt: 'Signed on',
    identity: 'Identity',
    agency: 'Agency',
    act: 'What was signed',
    document: 'Document',
    revokedAt: 'Revoked on',
    reason: 'Reason for revocation',
    format: 'File checked',
    notPublished:
      'This document is not published on the agency’s website, so its title and content are not shown; a reader holding it can compare it with the details above.',
    version: (n: number) => `published version ${n}`,
    planAct: (year: number | null) =>
      `Approval of the agency’s integrity and transparency plan${year ? `, fiscal year B.E. ${year}` : ''}`,
    roundAct: (year: number | null) =>
      `Acknowledgement of the follow-up report on the agency’s integrity and transparency plan${year ? `, fiscal year B.E. ${year}` : ''}`,
    malformed:
      'This is not a verification code: a code has 10 characters, digits and English letters, e.g. ABCDE-FGHJK (never U). Check the code printed on the document and try again.',
    unknown:
      'No electronic signature has this code: check the code printed on the document again; if it is still not found, the document was not signed electronically in this system. Ask the agency that issued it.',
    notSigned:
      'Does not match a signed document: this file is not a file of an electronically signed document, or it was changed after it was issued (even slightly). Ask the issuing agency for the original file, or verify the code printed on the document.',
    noFile: 'No file was chosen: choose the document’s file, then verify it.',
    tooLarge: (mb: number) =>
      `The file is larger than ${mb} MB, so it is not a document file this system issued: verify the code instead.`,
  },
};

const FORMAT_NAMES: Record<string, string> = { pdf: 'PDF', docx: 'DOCX (Word)', xlsx: 'XLSX (Excel)' };

const withLang = (path: string, lang: Lang) =>
  lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;

function row(label: string, value: string): string {
  return `<tr><th scope="row">${esc(label)}</th><td>${value}</td></tr>`;
}

function details(v: Verification, lang: Lang): string {
  const L = T[lang];
  const s = v.signature;
  const th = (text: string) => (lang === 'en' ? `<span lang="th">${esc(text)}</span>` : esc(text));
  const act = s.action === 'round.acknowledge' ? L.roundAct(v.fiscalYear) : L.planAct(v.fiscalYear);
  const identity = (lang === 'en' ? verifiedByEnglish : verifiedByThai)({
    verifiedBy: s.verifiedBy === 'oidc' ? 'oidc' : 'password',
    identityProvider: s.identityProvider,
  });
  const agency =
    lang === 'en' && v.organization.nameEn ? esc(v.organization.nameEn) : th(v.organization.nameTh);
  const document = v.published
    ? `<a href="${esc(withLang(v.published.path, lang))}">${th(toThaiDigits(v.published.title))}</a> (${esc(L.version(v.published.versionNo))})`
    : esc(L.notPublished);
  const rows = [
    row(L.code, `<span class="code">${esc(formatCode(s.code))}</span>`),
    row(L.signer, th(s.signerName)),
    ...(s.signerPosition.trim() === '' ? [] : [row(L.position, th(s.signerPosition))]),
    row(L.signedAt, esc(dateTime(s.signedAt, lang))),
    row(L.identity, esc(identity)),
    row(L.agency, agency),
    row(L.act, esc(act)),
    row(L.document, document),
    ...(v.file ? [row(L.format, esc(FORMAT_NAMES[v.file.format] ?? v.file.format))] : []),
    ...(v.revocation
      ? [
          row(L.revokedAt, esc(dateTime(v.revocation.revokedAt, lang))),
          row(L.reason, th(v.revocation.reason)),
        ]
      : []),
  ];
  return `<table class="list verify-details"><tbody>${rows.join('')}</tbody></table>`;
}

function answerHtml(answer: PageAnswer, lang: Lang): string {
  const L = T[lang];
  const box = (cls: string, text: string, extra = '') =>
    `<section class="verify-result ${cls}" aria-labelledby="result-heading"><h2 id="result-heading">${esc(L.result)}</h2><p class="verdict">${esc(text)}</p>${extra}</section>`;
  switch (answer.kind) {
    case 'none':
      return '';
    case 'found': {
      const v = answer.verification;
      const revoked = v.revocation !== null;
      const text = revoked ? (v.file ? L.revokedFile : L.revoked) : v.file ? L.validFile : L.valid;
      return box(revoked ? 'is-revoked' : 'is-valid', text, details(v, lang));
    }
    case 'malformed':
      return box('is-refused', L.malformed);
    case 'unknown_code':
      return box('is-refused', L.unknown);
    case 'file_not_signed':
      return box('is-refused', L.notSigned);
    case 'no_file':
      return box('is-refused', L.noFile);
    case 'too_large':
      return box('is-refused', L.tooLarge(Math.round(answer.maxBytes / 1024 / 1024)));
  }
}

const CSS = `
.verify-forms { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
.verify-forms form { border: 1px solid #d0d7de; border-radius: 0.5rem; padding: 1rem; }
.verify-forms h2 { margin-top: 0; font-size: 1.15rem; }
.verify-forms label { display: block; margin-bottom: 0.25rem; }
.verify-forms input[type=text] { box-sizing: border-box; width: 100%; font: inherit; font-size: 1.15rem;
  letter-spacing: 0.08em; padding: 0.4rem 0.5rem; border: 1px solid #6e7781; border-radius: 0.25rem; }
.verify-forms input[type=file] { max-width: 100%; font: inherit; }
.verify-forms button { margin-top: 0.75rem; font: inherit; padding: 0.4rem 1rem; border-radius: 0.25rem;
  border: 1px solid #0b57d0; background: #0b57d0; color: #fff; cursor: pointer; }
.verify-result { margin-top: 1.5rem; padding: 0.75rem 1rem; border-left: 6px solid #6e7781; background: #f6f8fa; }
.verify-result h2 { margin-top: 0; font-size: 1.15rem; }
.verify-result .verdict { font-weight: 700; font-size: 1.1rem; margin: 0 0 0.75rem; }
.verify-result.is-valid { border-color: #1a7f37; background: #eef9f0; }
.verify-result.is-valid .verdict { color: #0f5323; }
.verify-result.is-revoked, .verify-result.is-refused { border-color: #b3261e; background: #fdecea; }
.verify-result.is-revoked .verdict, .verify-result.is-refused .verdict { color: #5f1410; }
.verify-details th { width: 30%; background: transparent; }
.verify-details td { overflow-wrap: anywhere; }
@media (max-width: 32rem) {
  .verify-details th, .verify-details td { display: block; width: auto; }
  .verify-details th { border-bottom: 0; padding-bottom: 0; }
}
.code { font-family: ui-monospace, Menlo, Consolas, monospace; letter-spacing: 0.05em; }
`;

/** The whole page: the forms (the code kept in its field) and the answer, if any. */
export function verifyPage(lang: Lang, answer: PageAnswer, typedCode = ''): string {
  const L = T[lang];
  const self =
    answer.kind === 'found'
      ? `${VERIFY_PATH}/${formatCode(answer.verification.signature.code)}`
      : VERIFY_PATH;
  const langField = lang === 'en' ? '<input type="hidden" name="lang" value="en">' : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(L.title)}</title>
<link rel="stylesheet" href="${stylesheetPath()}">
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#content">${lang === 'en' ? 'Skip to content' : 'ข้ามไปยังเนื้อหา'}</a>
<header class="site-header"><div class="inner">
<span class="org"><span><span class="name">${esc(L.title)}</span></span></span>
<nav class="lang" aria-label="${lang === 'en' ? 'Languages' : 'ภาษา'}"><a href="${esc(withLang(self, L.otherLang))}" lang="${L.otherLang}" hreflang="${L.otherLang}">${L.other}</a></nav>
</div></header>
<main id="content">
<h1>${esc(L.title)}</h1>
<p class="meta">${esc(L.intro)}</p>
<div class="verify-forms">
<form method="get" action="${VERIFY_PATH}" aria-labelledby="code-heading">
<h2 id="code-heading">${esc(L.codeHeading)}</h2>
<label for="code">${esc(L.codeLabel)}</label>
<input type="text" id="code" name="code" value="${esc(typedCode)}" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
${langField}<button type="submit">${esc(L.codeButton)}</button>
</form>
<form method="post" action="${withLang(VERIFY_PATH, lang)}" enctype="multipart/form-data" aria-labelledby="file-heading">
<h2 id="file-heading">${esc(L.fileHeading)}</h2>
<label for="file">${esc(L.fileLabel)}</label>
<input type="file" id="file" name="file" accept=".pdf,.docx,.xlsx,application/pdf">
<button type="submit">${esc(L.fileButton)}</button>
</form>
</div>
${answerHtml(answer, lang)}
</main>
</body>
</html>
`;
}

/** The HTTP status of an answer: 200 when found (valid or revoked), 4xx when refused. */
export function statusOf(answer: PageAnswer): 200 | 400 | 404 | 413 {
  switch (answer.kind) {
    case 'found':
    case 'none':
      return 200;
    case 'malformed':
    case 'no_file':
      return 400;
    case 'too_large':
      return 413;
    default:
      return 404;
  }
}
