import { describe, expect, it } from 'vitest';
import { questionLabel } from './finding-label.ts';

const english = new Map([['o1', 'Structure, duties and powers']]);

describe('questionLabel', () => {
  it("shows an OIT item's translation in English and its Thai wording in Thai", () => {
    const o1 = { code: 'o1', label_th: 'โครงสร้าง หน้าที่และอำนาจ' };
    expect(questionLabel(o1, english, 'en')).toEqual({ text: 'Structure, duties and powers', lang: 'en' });
    expect(questionLabel(o1, english, 'th')).toEqual({ text: 'โครงสร้าง หน้าที่และอำนาจ', lang: 'th' });
  });

  it('keeps the Thai wording where there is no translation, and nothing where there is no wording', () => {
    expect(questionLabel({ code: 'i3', label_th: 'ข้อคำถาม' }, english, 'en')).toEqual({
      text: 'ข้อคำถาม',
      lang: 'th',
    });
    expect(questionLabel({ code: 'o1', label_th: null }, english, 'en')).toBeNull();
  });
});
