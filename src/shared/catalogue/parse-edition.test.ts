import { describe, expect, it } from 'vitest';
import { minimalEdition, toYaml } from './edition.fixture.ts';
import type { Edition, EditionInput } from './edition.schema.ts';
import { resolveGroupings } from './grouping-refs.ts';
import { type ParseEditionResult, parseEdition } from './parse-edition.ts';

function parse(mutate: (e: EditionInput) => void = () => {}, knownEditions?: Edition[]): ParseEditionResult {
  const edition = minimalEdition();
  mutate(edition);
  return parseEdition(toYaml(edition), knownEditions ? { knownEditions } : {});
}

function errorsOf(result: ParseEditionResult) {
  if (result.ok) throw new Error('expected the edition to be refused');
  return result.errors;
}

function paths(result: ParseEditionResult) {
  return errorsOf(result).map((e) => e.path);
}

function parsedOk(result: ParseEditionResult): Edition {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.edition;
}

describe('parseEdition', () => {
  it('accepts the minimal edition and fills optional lists', () => {
    const edition = parsedOk(parse());
    expect(edition.fiscal_year).toBe(2599);
    expect(edition.grouping_refs).toEqual([]);
    expect(edition.calendar).toEqual([]);
  });

  it('refuses an unknown field, at the field path, in Thai and English', () => {
    const errors = errorsOf(
      parse((e) => {
        (e.questions[2] as Record<string, unknown>).colour = 'red';
      }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      path: 'questions[2].colour',
      message_en: "unknown field 'colour'",
      message_th: "ไม่รู้จักฟิลด์ 'colour'",
    });
    expect(errors[0]?.line).toBeGreaterThan(1);
  });

  it('refuses an unknown top-level field', () => {
    expect(paths(parse((e) => Object.assign(e, { year: 2599 })))).toEqual(['year']);
  });

  it('refuses a duplicate question code', () => {
    const result = parse((e) => {
      e.questions.push({ ...e.questions[0]! });
    });
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ path: 'questions[3].code', message_en: 'duplicate question code i1' }),
    ]);
  });

  it('refuses a question pointing at a missing indicator', () => {
    const result = parse((e) => {
      e.questions[2]!.indicator = 11;
      delete e.questions[2]!.sub_indicator;
    });
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        path: 'questions[2].indicator',
        message_en: 'unknown indicator 11',
        message_th: 'ไม่มีตัวชี้วัดที่ 11',
      }),
    ]);
  });

  it('refuses a question on another instrument than its indicator', () => {
    const result = parse((e) => {
      e.questions[0]!.indicator = 6;
    });
    expect(paths(result)).toEqual(['questions[0].instrument']);
  });

  it('refuses a missing sub-indicator and a sub-indicator on a missing indicator', () => {
    const result = parse((e) => {
      e.questions[2]!.sub_indicator = '9.9';
      e.sub_indicators?.push({
        code: '10.1',
        indicator: 10,
        name_th: 'x',
        name_en: 'x',
        confidence: 'low',
        source: ['S-TEST'],
      });
    });
    expect(paths(result).sort()).toEqual(['questions[2].sub_indicator', 'sub_indicators[1].indicator']);
  });

  it('refuses a non-numeric weight (schema)', () => {
    const result = parse((e) => {
      (e.instruments[0] as Record<string, unknown>).weight_percent = '30%';
    });
    const errors = errorsOf(result);
    expect(errors.map((x) => x.path)).toEqual(['instruments[0].weight_percent']);
    expect(errors[0]?.message_th).toContain('ชนิดข้อมูลไม่ถูกต้อง');
  });

  it('refuses weights that do not sum to 100', () => {
    const result = parse((e) => {
      e.instruments[2]!.weight_percent = 30;
    });
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ path: 'instruments', message_en: 'weights sum to 90, not 100' }),
    ]);
  });

  it('accepts all-null weights but refuses a mix of null and numbers', () => {
    const allNull = parse((e) => {
      for (const x of e.instruments) {
        x.weight_percent = null;
        delete x.weight_confidence;
        delete x.weight_source;
      }
    });
    expect(allNull.ok).toBe(true);
    const mixed = parse((e) => {
      e.instruments[1]!.weight_percent = null;
      delete e.instruments[1]!.weight_confidence;
      delete e.instruments[1]!.weight_source;
    });
    expect(paths(mixed)).toEqual(['instruments[1].weight_percent']);
  });

  it('reports YAML syntax errors with line and column', () => {
    const result = parseEdition('fiscal_year: 2599\nquestions: [i1, i2\ntitle_th: x\n');
    const errors = errorsOf(result);
    expect(errors[0]).toMatchObject({ path: '', line: 3 });
    expect(errors[0]?.column).toBeGreaterThan(0);
    expect(errors[0]?.message_en).toMatch(/^YAML syntax error at line 3, column \d+/);
    expect(errors[0]?.message_th).toContain('บรรทัด 3');
  });

  it('refuses duplicate YAML keys', () => {
    const result = parseEdition('fiscal_year: 2599\nfiscal_year: 2600\n');
    expect(errorsOf(result)[0]?.message_en).toContain('line 2');
  });

  it('refuses a grouping that references an unknown question code', () => {
    const result = parse((e) => {
      e.groupings![0]!.groups[0]!.questions = ['i1', 'o44'];
    });
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        path: 'groupings[0].groups[0].questions[1]',
        message_en: 'unknown question code o44',
      }),
    ]);
  });

  it('refuses an unknown source id and wording missing without a reason', () => {
    const result = parse((e) => {
      e.questions[0]!.source = ['S-NOWHERE'];
      delete e.questions[1]!.missing;
    });
    expect(paths(result).sort()).toEqual(['questions[0].source[0]', 'questions[1].missing']);
  });

  it('takes an English wording with its source, and refuses one without (or a source without it)', () => {
    const edition = parsedOk(
      parse((e) => {
        e.questions[2]!.text_en = 'Structure';
        e.questions[2]!.text_en_source = ['S-TEST'];
      }),
    );
    expect(edition.questions[2]).toMatchObject({ text_th: 'โครงสร้าง', text_en: 'Structure' });
    const refused = parse((e) => {
      e.questions[2]!.text_en = 'Structure';
      e.questions[1]!.text_en_source = ['S-TEST'];
    });
    expect(paths(refused).sort()).toEqual(['questions[1].text_en_source', 'questions[2].text_en_source']);
    const thai = parse((e) => {
      e.questions[2]!.text_en = 'โครงสร้าง';
      e.questions[2]!.text_en_source = ['S-TEST'];
    });
    expect(paths(thai)).toEqual(['questions[2].text_en']);
  });

  it('refuses levels that are not ordered best first', () => {
    const result = parse((e) => {
      e.levels.levels.reverse();
    });
    expect(paths(result)).toContain('levels.levels[1].min_total');
  });

  it('refuses an example result whose total cannot give its level', () => {
    const result = parse((e) => {
      e.example_results = [
        { agency_th: 'ทดสอบ', total: 96, level_code: 'A', confidence: 'high', source: ['S-TEST'] },
      ];
    });
    expect(paths(result)).toEqual(['example_results[0].total']);
  });
});

describe('grouping refs', () => {
  const base = parsedOk(parse());
  const withRef =
    (fiscalYear = 2599) =>
    (e: EditionInput) => {
      e.fiscal_year = 2600;
      e.groupings = [];
      e.grouping_refs = [{ fiscal_year: fiscalYear, code: 'pair', confidence: 'low' }];
    };

  it('are not checked without known editions', () => {
    expect(parse(withRef()).ok).toBe(true);
  });

  it('resolve when every referenced code exists', () => {
    const edition = parsedOk(parse(withRef(), [base]));
    expect(resolveGroupings(edition, [base]).map((g) => g.code)).toEqual(['pair']);
  });

  it('refuse an unknown edition', () => {
    expect(paths(parse(withRef(2500), [base]))).toEqual(['grouping_refs[0].fiscal_year']);
  });

  it('refuse a grouping whose codes are missing in the referencing edition', () => {
    const result = parse(
      (e) => {
        withRef()(e);
        e.questions = e.questions.filter((q) => q.code !== 'o1');
      },
      [base],
    );
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        path: 'grouping_refs[0]',
        message_en: expect.stringContaining('missing here: o1'),
      }),
    ]);
  });
});

describe('question mappings', () => {
  it('refuses pairs naming questions that do not exist, with their paths', async () => {
    const { catalogueDir } = await import('./read-catalogue.testutil.ts');
    const fs = await import('node:fs');
    const readCatalogueFile = (name: string) => fs.readFileSync(`${catalogueDir}/${name}`, 'utf8');
    const text = readCatalogueFile('ita-2566.yaml');
    const withMapping = `${text}\nquestion_mappings:\n  - from_fiscal_year: 2565\n    pairs:\n      - { code: i99, from_code: i8, confidence: low, source: [S-SDU-IIT] }\n      - { code: i9, from_code: i77, confidence: low, source: [S-SDU-IIT] }\n`;
    const prior = parseEdition(readCatalogueFile('ita-2565.yaml'));
    if (!prior.ok) throw new Error('2565 must parse');
    const result = parseEdition(withMapping, { knownEditions: [prior.edition] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'question_mappings[0].pairs[0].code',
      'question_mappings[0].pairs[1].from_code',
    ]);
  });
});
