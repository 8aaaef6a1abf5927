import { describe, expect, it } from 'vitest';
import { withSuppliedQuestions } from '#shared/catalogue/supplied-questions.ts';
import { edition } from './fixtures.testutil.ts';
import { resolveCode } from './normalize-code.ts';
import { suggestCodes, withSuggestion } from './suggest-code.ts';

const e2566 = edition(2566);
const e2569 = edition(2569);

describe('suggestCodes: codes damaged by OCR or a lost letter', () => {
  it('reads ๑๑๙ as i19 (the i read as ๑), in an edition that has i19', () => {
    expect(suggestCodes('๑๑๙', e2566)).toEqual(['i19']);
    expect(suggestCodes('119', e2566)).toEqual(['i19']);
    expect(suggestCodes('ข้อ ๑๑๙', e2566)).toEqual(['i19']);
  });

  it('reads ๒๘ as O28 among the OIT items, and as i28 or O28 without a context', () => {
    expect(suggestCodes('๒๘', e2566, { instrument: 'OIT' })).toEqual(['O28']);
    expect(suggestCodes('๒๘', e2566)).toEqual(['i28', 'O28']);
    expect(suggestCodes('๒๘', e2566, { instrument: 'EIT' })).toEqual([]);
  });

  it('suggests only codes that exist, or fit the pattern of an instrument without a list', () => {
    // 2569: IIT/EIT have no list (pattern up to the limit), OIT ends at O26.
    expect(suggestCodes('๑๑๙', e2569, { instrument: 'IIT', patternLimit: { IIT: 30, EIT: 15 } })).toEqual([
      'i19',
    ]);
    expect(suggestCodes('๒๘', e2569, { instrument: 'OIT' })).toEqual([]);
    expect(suggestCodes('๒๘', e2569, { patternLimit: { IIT: 30, EIT: 15 } })).toEqual(['i28']);
    expect(suggestCodes('๑๒', e2569, { instrument: 'OIT' })).toEqual(['O12']);
    // Once agencies supplied i1–i3 the IIT list is still open (pattern), OIT still closed.
    const supplied = withSuppliedQuestions(e2569, [
      { code: 'i3', instrument: 'IIT', indicator: 1, text_th: 'ข้อความ' },
    ]);
    expect(suggestCodes('๑๓', supplied, { instrument: 'IIT' })).toEqual(['i3', 'i13']);
  });

  it('says nothing for what is not a damaged code', () => {
    expect(suggestCodes('abc', e2566)).toEqual([]);
    expect(suggestCodes('5', e2566)).toEqual([]);
    expect(suggestCodes('๑๐๐๐๐', e2566)).toEqual([]);
    expect(suggestCodes('99', e2566)).toEqual([]);
  });
});

describe('withSuggestion', () => {
  it('says the code is not in the edition and asks whether it meant the likely code, in Thai and English', () => {
    const problem = resolveCode('๑๑๙', e2569);
    expect(problem.ok).toBe(false);
    if (problem.ok) return;
    expect(withSuggestion(problem, '๑๑๙', e2569, { instrument: 'IIT' })).toEqual({
      ok: false,
      message_th: 'รหัส ๑๑๙ ไม่มีในกรอบการประเมินปี 2569 หมายถึง i19 หรือไม่',
      message_en: 'code ๑๑๙ does not exist in the 2569 edition; did you mean i19?',
    });
    const two = resolveCode('๒๘', e2566);
    if (two.ok) throw new Error('๒๘ is not an indicator');
    expect(withSuggestion(two, '๒๘', e2566)).toMatchObject({
      message_th: 'รหัส ๒๘ ไม่มีในกรอบการประเมินปี 2566 หมายถึง i28 หรือ O28 หรือไม่',
      message_en: 'code ๒๘ does not exist in the 2566 edition; did you mean i28 or O28?',
    });
    const none = resolveCode('abc', e2566);
    if (none.ok) throw new Error('abc is not a code');
    expect(withSuggestion(none, 'abc', e2566)).toBe(none);
  });
});
