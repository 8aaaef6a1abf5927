import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../documents/html/render-html.ts';
import { electronicSignatureBlock, signedAtThai, verifiedByThai, verifyAddress } from './wording.ts';

const facts = {
  code: 'ABCDE12345',
  signerName: 'นายสมชาย ใจดี',
  signerPosition: 'ผู้ว่าราชการจังหวัดตัวอย่าง',
  // 14:05 in Bangkok on 5 December 2026 (BE 2569).
  signedAt: new Date('2026-12-05T07:05:00Z'),
  verifiedBy: 'password' as const,
  identityProvider: null,
};

describe('the electronic signature block', () => {
  it('says how identity was verified: the system password, or the identity provider by name', () => {
    expect(verifiedByThai(facts)).toBe('ยืนยันตัวตนด้วยรหัสผ่านของระบบ');
    expect(verifiedByThai({ verifiedBy: 'oidc', identityProvider: 'ThaID' })).toBe('ยืนยันตัวตนด้วย ThaID');
  });

  it('dates in the Buddhist era, Bangkok time, as a Thai letter writes the time', () => {
    expect(signedAtThai(facts.signedAt)).toBe('5 ธันวาคม 2569 เวลา 14.05 น.');
    // Just after midnight in Bangkok is the next day there.
    expect(signedAtThai(new Date('2026-12-05T17:30:00Z'))).toBe('6 ธันวาคม 2569 เวลา 00.30 น.');
  });

  it('prints the label, name, position, date, identity, code and address (only with PUBLIC_URL)', () => {
    const block = electronicSignatureBlock(facts, 'https://ita.example.go.th/');
    expect(block.name).toBe('นายสมชาย ใจดี');
    expect(block.positions).toEqual(['ผู้ว่าราชการจังหวัดตัวอย่าง']);
    expect(block.electronic.label).toBe('ลงนามอิเล็กทรอนิกส์');
    expect(block.electronic.lines).toEqual([
      'วันที่ 5 ธันวาคม 2569 เวลา 14.05 น.',
      'ยืนยันตัวตนด้วยรหัสผ่านของระบบ',
      [{ text: 'รหัสตรวจสอบ ' }, { text: 'ABCDE-12345', literal: true }],
      [{ text: 'ตรวจสอบได้ที่ ' }, { text: 'https://ita.example.go.th/verify', literal: true }],
    ]);
    const noUrl = electronicSignatureBlock(facts, undefined);
    expect(noUrl.electronic.lines).toHaveLength(3);
    expect(JSON.stringify(noUrl)).not.toContain('localhost');
    expect(verifyAddress('')).toBeNull();
    expect(electronicSignatureBlock({ ...facts, signerPosition: ' ' }, null).positions).toEqual([]);
  });

  it('prints Thai digits in the date where the document says so, never in the code or the address', async () => {
    const block = electronicSignatureBlock(facts, 'https://ita.example.go.th');
    const html = (digits: 'thai' | 'arabic') =>
      renderHtml(
        {
          kind: 'memo',
          title: 't',
          orientation: 'portrait',
          form: 'official',
          blocks: [{ kind: 'signature', ...block }],
        },
        {
          digits,
          emblem: null,
          font: {
            family: 'Sarabun',
            regular: new Uint8Array(),
            bold: null,
            bodySizePt: 14,
            source: 'bundled',
          },
        },
      );
    const thai = html('thai').replaceAll('\u2060', '').replaceAll('\u00a0', ' ');
    expect(thai).toContain('ลงนามอิเล็กทรอนิกส์');
    expect(thai).toContain('วันที่ ๕ ธันวาคม ๒๕๖๙ เวลา ๑๔.๐๕ น.');
    expect(thai).toContain('ABCDE-12345');
    expect(thai).toContain('https://ita.example.go.th/verify');
    expect(thai).not.toContain('<div class="sig-space">');
    expect(html('arabic').replaceAll('\u2060', '').replaceAll('\u00a0', ' ')).toContain(
      'วันที่ 5 ธันวาคม 2569 เวลา 14.05 น.',
    );
  });
});
