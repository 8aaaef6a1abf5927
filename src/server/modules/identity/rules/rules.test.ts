import { describe, expect, it } from 'vitest';
import { isThaiCitizenId, mapClaims, wantsUserInfo } from './claims.ts';
import { decideMatch, type MatchFacts } from './match.ts';
import { safeReturnPath } from './return-path.ts';

describe('safeReturnPath: only a path of this site', () => {
  it('keeps paths with their query and fragment', () => {
    expect(safeReturnPath('/plans')).toBe('/plans');
    expect(safeReturnPath('/plans/1?tab=a#x')).toBe('/plans/1?tab=a#x');
  });
  it.each([
    undefined,
    '',
    'plans',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '/ok\nLocation: x',
    'javascript:alert(1)',
    '/api/auth/oidc/callback?x',
    '/api',
    `/${'a'.repeat(600)}`,
  ])('turns %j into /', (input) => {
    expect(safeReturnPath(input)).toBe('/');
  });
});

describe('mapClaims: per kind', () => {
  const pid = '1103700123458';
  it('reads ThaID’s citizen ID (pid) only for the ThaID kind, and only a valid one', () => {
    expect(isThaiCitizenId(pid)).toBe(true);
    expect(isThaiCitizenId('1103700123455')).toBe(false);
    expect(mapClaims('thaid', { sub: 's', pid, name: 'สมชาย รักดี' })).toEqual({
      subject: 's',
      verifiedEmail: null,
      citizenId: pid,
      displayName: 'สมชาย รักดี',
    });
    expect(mapClaims('thaid', { sub: 's', pid: '1-1037-00123-45-8' }).citizenId).toBe(pid);
    expect(mapClaims('thaid', { sub: 's', pid: '1103700123455' }).citizenId).toBeNull();
    expect(mapClaims('oidc', { sub: 's', pid }).citizenId).toBeNull();
  });
  it('takes an e-mail only when verified, in lower case', () => {
    expect(mapClaims('oidc', { sub: 's', email: 'A@B.go.th', email_verified: true }).verifiedEmail).toBe(
      'a@b.go.th',
    );
    expect(
      mapClaims('oidc', { sub: 's', email: 'a@b.go.th', email_verified: 'true' }).verifiedEmail,
    ).toBeNull();
    expect(mapClaims('oidc', { sub: 's', email: 'a@b.go.th' }).verifiedEmail).toBeNull();
    expect(
      mapClaims('oidc', { sub: 's', email: 'not an email', email_verified: true }).verifiedEmail,
    ).toBeNull();
  });
  it('names the person from name, else given and family names', () => {
    expect(mapClaims('oidc', { sub: 's', given_name: 'Somsri', family_name: 'Jaidee' }).displayName).toBe(
      'Somsri Jaidee',
    );
    expect(mapClaims('oidc', { sub: 's' }).displayName).toBeNull();
  });
  it('asks user info when the claim the kind needs is missing', () => {
    expect(wantsUserInfo('thaid', mapClaims('thaid', { sub: 's' }))).toBe(true);
    expect(wantsUserInfo('thaid', mapClaims('thaid', { sub: 's', pid }))).toBe(false);
    expect(
      wantsUserInfo('oidc', mapClaims('oidc', { sub: 's', email: 'a@b.th', email_verified: true })),
    ).toBe(false);
  });
});

describe('decideMatch', () => {
  const none: MatchFacts = {
    policy: 'match_email',
    linkedUserId: null,
    citizenIdUserId: null,
    emailUserId: null,
    hasVerifiedEmail: true,
  };
  it('prefers the linked identity, then the citizen ID, then the verified e-mail', () => {
    expect(decideMatch({ ...none, linkedUserId: 'a', citizenIdUserId: 'b', emailUserId: 'c' })).toEqual({
      kind: 'linked',
      userId: 'a',
    });
    expect(decideMatch({ ...none, citizenIdUserId: 'b', emailUserId: 'c' })).toEqual({
      kind: 'link',
      userId: 'b',
      by: 'citizen_id',
    });
    expect(decideMatch({ ...none, emailUserId: 'c' })).toEqual({ kind: 'link', userId: 'c', by: 'email' });
  });
  it('creates under policy create, refuses under match_email saying why', () => {
    expect(decideMatch({ ...none, policy: 'create' })).toEqual({ kind: 'create' });
    expect(decideMatch(none)).toEqual({ kind: 'refuse', reason: 'no_account' });
    expect(decideMatch({ ...none, hasVerifiedEmail: false })).toEqual({
      kind: 'refuse',
      reason: 'no_verified_email',
    });
  });
});
