import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { narrativeTemplates } from '../../catalogue/narrative-templates.ts';
import { draftNarrative, numbersHash } from './narratives.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('numbersHash', () => {
  it('is the first 16 hex digits of the SHA-256 of kind|score|threshold, every time it is asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(numbersHash({ kind: 'urgent', score: 80.5, threshold: 85 })).toBe(sha('urgent|80.5|85'));
      expect(numbersHash({ kind: 'strength', score: 100, threshold: null })).toBe(sha('strength|100|'));
    }
    expect(numbersHash({ kind: 'develop', score: 80.5, threshold: 85 })).not.toBe(
      numbersHash({ kind: 'urgent', score: 80.5, threshold: 85 }),
    );
  });
});

describe('draftNarrative', () => {
  const facts = {
    kind: 'urgent' as const,
    instrument: 'IIT',
    indicatorNumber: 2,
    indicatorName: 'การใช้งบประมาณ',
    indicatorNameEn: 'Use of the budget',
    score: 82.67,
    threshold: 85,
    reason: null,
  };

  it('names the indicator in Thai in the Thai draft and in English in the English one', async () => {
    const templates = narrativeTemplates();
    const draft = draftNarrative(templates, {
      ...facts,
      scope: 'indicator',
      code: '2',
      label: 'การใช้งบประมาณ',
    });
    expect(draft.th).toContain('การใช้งบประมาณ');
    expect(draft.en).toContain('Indicator 2 Use of the budget (IIT) scored 82.67');
    expect(draft.en).not.toMatch(/[\u0e00-\u0e7f]/u);
  });

  it('gives an OIT item its English name, and quotes the Thai wording where there is no translation', async () => {
    const templates = narrativeTemplates();
    const item = { ...facts, scope: 'oit_item' as const, code: 'O1', reason: 'no link' };
    const translated = draftNarrative(templates, { ...item, label: 'โครงสร้าง', labelEn: 'Structure' });
    expect(translated.en).toContain('Item O1 Structure failed');
    expect(translated.th).toContain('โครงสร้าง');
    const untranslated = draftNarrative(templates, { ...item, label: 'โครงสร้าง', labelEn: null });
    expect(untranslated.en).toContain('Item O1 โครงสร้าง failed');
  });
});
