import { formatDate } from '#shared/format/thai.ts';
import type { Inline } from '../../documents/model.ts';
import { formatCode } from './code.ts';

/** What the signature block and the verification page say about one signature. */
export type SignatureFacts = {
  code: string;
  signerName: string;
  signerPosition: string;
  signedAt: Date;
  verifiedBy: 'password' | 'oidc';
  identityProvider: string | null;
};

export const ELECTRONIC_LABEL = 'ลงนามอิเล็กทรอนิกส์';

const BANGKOK_TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Bangkok',
});

/** `5 ธันวาคม 2569 เวลา 14.30 น.`: the Buddhist-era date and the Bangkok time as a Thai letter writes it. */
export function signedAtThai(at: Date): string {
  const [hour, minute] = BANGKOK_TIME.format(at).split(':');
  return `${formatDate(at, { digits: 'arabic', style: 'long' })} เวลา ${hour}.${minute} น.`;
}

/** `5 December 2569 BE, 14:30 (Bangkok time)`. */
export function signedAtEnglish(at: Date): string {
  return `${formatDate(at, { lang: 'en', style: 'long' })} BE, ${BANGKOK_TIME.format(at)} (Bangkok time)`;
}

/** How the signer's identity was verified, as the block prints it. */
export function verifiedByThai(f: Pick<SignatureFacts, 'verifiedBy' | 'identityProvider'>): string {
  return f.verifiedBy === 'oidc' && f.identityProvider
    ? `ยืนยันตัวตนด้วย ${f.identityProvider}`
    : 'ยืนยันตัวตนด้วยรหัสผ่านของระบบ';
}

export function verifiedByEnglish(f: Pick<SignatureFacts, 'verifiedBy' | 'identityProvider'>): string {
  return f.verifiedBy === 'oidc' && f.identityProvider
    ? `Identity verified with ${f.identityProvider}`
    : 'Identity verified with the system password';
}

/** The verification page's address under PUBLIC_URL; none without it (never a localhost address). */
export function verifyAddress(publicUrl: string | null | undefined): string | null {
  if (!publicUrl || publicUrl.trim() === '') return null;
  return `${publicUrl.trim().replace(/\/+$/, '')}/verify`;
}

/**
 * The signature block of a signed version, in place of the hand signature: "ลงนามอิเล็กทรอนิกส์" where the
 * signature would be, the name in brackets and the position as usual, then the date and time, how the
 * identity was verified, the code and where to check it. Digits are written Arabic (the renderer turns
 * them Thai when the document says so); the code and the address are literal, kept as typed.
 */
export function electronicSignatureBlock(
  f: SignatureFacts,
  publicUrl: string | null | undefined,
): { name: string; positions: string[]; electronic: { label: string; lines: Inline[] } } {
  const address = verifyAddress(publicUrl);
  const lines: Inline[] = [
    `วันที่ ${signedAtThai(f.signedAt)}`,
    verifiedByThai(f),
    [{ text: 'รหัสตรวจสอบ ' }, { text: formatCode(f.code), literal: true }],
  ];
  if (address) lines.push([{ text: 'ตรวจสอบได้ที่ ' }, { text: address, literal: true }]);
  const position = f.signerPosition.trim();
  return {
    name: f.signerName.trim(),
    positions: position === '' ? [] : [position],
    electronic: { label: ELECTRONIC_LABEL, lines },
  };
}
