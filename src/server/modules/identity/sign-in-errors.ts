import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { OidcErrorCode } from '#shared/identity/contract.ts';
import { stylesheetPath } from '../../public/assets.ts';

/**
 * A sign-in through an identity provider that did not succeed: what happened and what to do, in Thai and
 * English. Thrown before anything is written (no session, account or identity link).
 */
export class OidcSignInError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    readonly status: ContentfulStatusCode,
    readonly messageTh: string,
    readonly messageEn: string,
  ) {
    super(`${code}: ${messageEn}`);
  }
}

const again = {
  th: 'กรุณากลับไปหน้าเข้าสู่ระบบแล้วเริ่มใหม่',
  en: 'Go back to the sign-in page and start again.',
};
const askAdmin = {
  th: 'กรุณาติดต่อผู้ดูแลระบบของหน่วยงาน',
  en: "Please contact your agency's system administrator.",
};

export const oidcFailure = {
  unknownState: () =>
    new OidcSignInError(
      'unknown_state',
      400,
      `คำขอเข้าสู่ระบบนี้ไม่ได้เริ่มจากระบบนี้ หมดอายุแล้ว (เกิน 10 นาที) หรือถูกใช้ไปแล้ว ${again.th}`,
      `This sign-in was not started here, has expired (after 10 minutes) or was already used. ${again.en}`,
    ),
  denied: (provider: string) =>
    new OidcSignInError(
      'provider_denied',
      403,
      `ยังไม่ได้เข้าสู่ระบบ: มีการยกเลิกหรือไม่อนุญาตที่ ${provider} หากต้องการเข้าสู่ระบบ ${again.th}`,
      `Not signed in: the sign-in was cancelled or refused at ${provider}. To sign in, ${again.en.toLowerCase()}`,
    ),
  providerError: (provider: string, error: string) =>
    new OidcSignInError(
      'provider_error',
      400,
      `${provider} ตอบกลับว่าเข้าสู่ระบบไม่ได้ (${error}) ${again.th} หากยังไม่ได้ ${askAdmin.th}`,
      `${provider} answered that the sign-in failed (${error}). ${again.en} If it fails again, ${askAdmin.en.toLowerCase()}`,
    ),
  token: (
    code: 'wrong_nonce' | 'wrong_audience' | 'wrong_issuer' | 'token_expired' | 'invalid_token',
    provider: string,
  ) => {
    const what = {
      wrong_nonce: {
        th: 'ค่า nonce ในโทเค็นยืนยันตัวตนไม่ตรงกับคำขอเข้าสู่ระบบนี้',
        en: 'the ID token’s nonce does not match this sign-in',
      },
      wrong_audience: {
        th: 'โทเค็นยืนยันตัวตนไม่ได้ออกให้ระบบนี้ (audience ไม่ตรงกับรหัสไคลเอนต์)',
        en: 'the ID token was not issued to this system (its audience is not our client ID)',
      },
      wrong_issuer: {
        th: 'โทเค็นยืนยันตัวตนไม่ได้ออกโดยผู้ให้บริการที่ตั้งค่าไว้ (issuer ไม่ตรง)',
        en: 'the ID token was not issued by the configured provider (wrong issuer)',
      },
      token_expired: {
        th: 'โทเค็นยืนยันตัวตนหมดอายุแล้ว (อาจเกิดจากนาฬิกาของเครื่องแม่ข่ายคลาดเคลื่อน)',
        en: 'the ID token has expired (the server clocks may disagree)',
      },
      invalid_token: {
        th: 'โทเค็นยืนยันตัวตนตรวจสอบไม่ผ่าน (ลายมือชื่อดิจิทัลหรือข้อมูลในโทเค็นไม่ถูกต้อง)',
        en: 'the ID token did not pass its checks (its signature or contents are not valid)',
      },
    }[code];
    return new OidcSignInError(
      code,
      400,
      `ระบบไม่รับการยืนยันตัวตนจาก ${provider}: ${what.th} ไม่มีการเข้าสู่ระบบ ${again.th} หากยังไม่ได้ ${askAdmin.th}`,
      `The sign-in from ${provider} was refused: ${what.en}. Nothing was signed in. ${again.en} If it fails again, ${askAdmin.en.toLowerCase()}`,
    );
  },
  unknownProvider: () =>
    new OidcSignInError(
      'provider_unknown',
      404,
      `ไม่พบผู้ให้บริการยืนยันตัวตนที่เลือก ${again.th}`,
      `The identity provider chosen does not exist. ${again.en}`,
    ),
  disabled: (provider: string) =>
    new OidcSignInError(
      'provider_disabled',
      403,
      `ปิดการเข้าสู่ระบบด้วย ${provider} อยู่ กรุณาเข้าสู่ระบบด้วยวิธีอื่น หรือ${askAdmin.th}`,
      `Signing in with ${provider} is turned off. Sign in another way, or ${askAdmin.en.toLowerCase()}`,
    ),
  unreachable: (provider: string, address: string) =>
    new OidcSignInError(
      'provider_unreachable',
      502,
      `ติดต่อ ${provider} ไม่ได้ (${address}) ไม่มีการเข้าสู่ระบบ กรุณาลองใหม่ภายหลัง หากยังไม่ได้ ${askAdmin.th}`,
      `${provider} could not be reached (${address}). Nothing was signed in. Try again later; if it still fails, ${askAdmin.en.toLowerCase()}`,
    ),
  noAccount: (email: string) =>
    new OidcSignInError(
      'no_account',
      403,
      `ยังไม่มีบัญชีสำหรับ ${email} ในระบบนี้ ${askAdmin.th} เพื่อสร้างบัญชีหรือเชิญท่านด้วยอีเมลนี้`,
      `There is no account for ${email} here yet. ${askAdmin.en.replace(/\.$/, '')} to create one or invite you with this e-mail.`,
    ),
  noVerifiedEmail: (provider: string) =>
    new OidcSignInError(
      'no_verified_email',
      403,
      `${provider} ไม่ได้ส่งอีเมลที่ยืนยันแล้วของท่าน จึงหาบัญชีของท่านไม่ได้ ${askAdmin.th}`,
      `${provider} did not give a verified e-mail address, so your account cannot be found. ${askAdmin.en}`,
    ),
  noCitizenId: (provider: string) =>
    new OidcSignInError(
      'no_citizen_id',
      403,
      `${provider} ไม่ได้ส่งเลขประจำตัวประชาชนที่ถูกต้อง จึงหาบัญชีของท่านไม่ได้ ${askAdmin.th}`,
      `${provider} did not give a valid citizen ID, so your account cannot be found. ${askAdmin.en}`,
    ),
  inactive: () =>
    new OidcSignInError(
      'account_inactive',
      403,
      `บัญชีของท่านถูกปิดการใช้งาน ${askAdmin.th}`,
      `Your account is deactivated. ${askAdmin.en}`,
    ),
};

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** The small page a failed sign-in ends on: what happened, what to do, and the way back. */
export function signInErrorPage(error: { messageTh: string; messageEn: string; code: string }): string {
  return `<!doctype html>
<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>เข้าสู่ระบบไม่สำเร็จ / Sign-in failed</title>
<link rel="stylesheet" href="${stylesheetPath()}">
<style>body{font-family:Sarabun,"Noto Sans Thai",sans-serif;font-size:1.05rem;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#1a1b1e}
h1{font-size:1.4rem}p.en{color:#495057}a.button{display:inline-block;margin-top:1rem;padding:.6rem 1.2rem;background:#1c4e80;color:#fff;border-radius:6px;text-decoration:none}</style>
</head><body><main>
<h1>เข้าสู่ระบบไม่สำเร็จ <span lang="en">/ Sign-in failed</span></h1>
<p data-testid="oidc-error-th">${escapeHtml(error.messageTh)}</p>
<p class="en" lang="en" data-testid="oidc-error-en">${escapeHtml(error.messageEn)}</p>
<p><a class="button" href="/sign-in">กลับไปหน้าเข้าสู่ระบบ / Back to sign-in</a></p>
<p class="en"><small>รหัส / code: ${escapeHtml(error.code)}</small></p>
</main></body></html>`;
}
