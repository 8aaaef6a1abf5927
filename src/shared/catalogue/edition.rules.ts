import { duplicates } from './duplicates.ts';
import type { Edition } from './edition.schema.ts';
import { type EditionError, editionError as err } from './edition-error.ts';
import { checkGroupings, checkRequiredParts } from './grouping.rules.ts';
import { checkLevelRules } from './level.rules.ts';
import { checkQuestions } from './question.rules.ts';

export type { EditionError } from './edition-error.ts';

/** Cross-field checks of one schema-valid edition; grouping refs to other editions are checked elsewhere. */
export function checkEditionRules(edition: Edition): EditionError[] {
  return [
    ...checkSourceRefs(edition),
    ...checkInstruments(edition),
    ...checkIndicators(edition),
    ...checkQuestions(edition),
    ...checkLevelRules(edition),
    ...checkGroupings(edition),
    ...checkRequiredParts(edition),
    ...checkExtras(edition),
    ...checkThaiWording(edition),
  ];
}

const THAI_FIELD = /(^|_)th($|_)/;
const THAI_LETTER = /[\u0e01-\u0e4e]/;

/**
 * A Thai field (name_th, text_th, …) must hold Thai. Short Latin names NACC itself uses as Thai
 * wording pass (E-Service, Social Network, Q&A, the band codes AA–F); text with no Thai letter and
 * three or more Latin words is English written in the wrong column.
 */
export function checkThaiWording(edition: Edition): EditionError[] {
  const errors: EditionError[] = [];
  const check = (text: string, path: string) => {
    if (THAI_LETTER.test(text)) return;
    const words = text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w));
    if (words.length < 3) return;
    const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
    errors.push(
      err(
        path,
        `a Thai field holds text with no Thai: "${shown}"`,
        `ช่องภาษาไทยมีข้อความที่ไม่ใช่ภาษาไทย: "${shown}"`,
      ),
    );
  };
  const walk = (value: unknown, path: string, key: string): void => {
    if (typeof value === 'string') {
      if (THAI_FIELD.test(key)) check(value, path);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`, key);
      });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (path === '' && k === 'sources') continue;
        walk(v, path === '' ? k : `${path}.${k}`, k);
      }
    }
  };
  walk(edition, '', '');
  return errors;
}

function checkSourceRefs(edition: Edition): EditionError[] {
  const errors = duplicates(
    edition.sources,
    (s) => s.id,
    (i) => `sources[${i}].id`,
  ).map((d) => err(d.path, `duplicate source id ${d.value}`, `รหัสแหล่งข้อมูล ${d.value} ซ้ำ`));
  const known = new Set(edition.sources.map((s) => s.id));
  const walk = (value: unknown, path: string, key: string): void => {
    if (Array.isArray(value)) {
      if (/(^|_)source$/.test(key)) {
        value.forEach((id, i) => {
          if (!known.has(id)) {
            errors.push(err(`${path}[${i}]`, `unknown source ${id}`, `ไม่มีแหล่งข้อมูล ${id} ในรายการ sources`));
          }
        });
      } else {
        value.forEach((item, i) => {
          walk(item, `${path}[${i}]`, '');
        });
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (path === '' && k === 'sources') continue;
        walk(v, path === '' ? k : `${path}.${k}`, k);
      }
    }
  };
  walk(edition, '', '');
  return errors;
}

function checkInstruments(edition: Edition): EditionError[] {
  const { instruments } = edition;
  const errors = duplicates(
    instruments,
    (x) => x.code,
    (i) => `instruments[${i}].code`,
  ).map((d) => err(d.path, `duplicate instrument ${d.value}`, `เครื่องมือ ${d.value} ซ้ำ`));
  instruments.forEach((x, i) => {
    const hasWeight = x.weight_percent !== null;
    for (const field of ['weight_confidence', 'weight_source'] as const) {
      if (hasWeight && x[field] === undefined) {
        errors.push(
          err(
            `instruments[${i}].${field}`,
            `${field} is required when weight_percent is a number`,
            `ต้องระบุ ${field} เมื่อระบุค่าน้ำหนัก`,
          ),
        );
      }
      if (!hasWeight && x[field] !== undefined) {
        errors.push(
          err(
            `instruments[${i}].${field}`,
            `${field} without a weight (weight_percent is null)`,
            `ระบุ ${field} แต่ไม่มีค่าน้ำหนัก (weight_percent เป็น null)`,
          ),
        );
      }
    }
  });
  const known = instruments.filter((x) => x.weight_percent !== null);
  if (known.length > 0 && known.length < instruments.length) {
    instruments.forEach((x, i) => {
      if (x.weight_percent === null) {
        errors.push(
          err(
            `instruments[${i}].weight_percent`,
            'weights must be all numbers or all null',
            'ค่าน้ำหนักต้องระบุครบทุกเครื่องมือ หรือเป็น null ทั้งหมด',
          ),
        );
      }
    });
  } else if (known.length === instruments.length) {
    const sum = known.reduce((total, x) => total + (x.weight_percent ?? 0), 0);
    if (Math.abs(sum - 100) > 1e-6) {
      errors.push(err('instruments', `weights sum to ${sum}, not 100`, `ผลรวมค่าน้ำหนักเป็น ${sum} ไม่เท่ากับ 100`));
    }
  }
  return errors;
}

function checkIndicators(edition: Edition): EditionError[] {
  const instruments = new Set(edition.instruments.map((x) => x.code));
  const indicators = new Set(edition.indicators.map((x) => x.number));
  const errors = [
    ...duplicates(
      edition.indicators,
      (x) => x.number,
      (i) => `indicators[${i}].number`,
    ).map((d) => err(d.path, `duplicate indicator ${d.value}`, `ตัวชี้วัดที่ ${d.value} ซ้ำ`)),
    ...duplicates(
      edition.sub_indicators,
      (x) => x.code,
      (i) => `sub_indicators[${i}].code`,
    ).map((d) => err(d.path, `duplicate sub-indicator ${d.value}`, `ตัวชี้วัดย่อย ${d.value} ซ้ำ`)),
  ];
  edition.indicators.forEach((x, i) => {
    if (!instruments.has(x.instrument)) {
      errors.push(
        err(
          `indicators[${i}].instrument`,
          `unknown instrument ${x.instrument}`,
          `ไม่มีเครื่องมือ ${x.instrument}`,
        ),
      );
    }
  });
  edition.sub_indicators.forEach((s, i) => {
    if (!indicators.has(s.indicator)) {
      errors.push(
        err(`sub_indicators[${i}].indicator`, `unknown indicator ${s.indicator}`, `ไม่มีตัวชี้วัดที่ ${s.indicator}`),
      );
    }
    if (!s.code.startsWith(`${s.indicator}.`)) {
      errors.push(
        err(
          `sub_indicators[${i}].code`,
          `sub-indicator ${s.code} does not belong to indicator ${s.indicator}`,
          `ตัวชี้วัดย่อย ${s.code} ไม่ได้อยู่ในตัวชี้วัดที่ ${s.indicator}`,
        ),
      );
    }
  });
  return errors;
}

function checkExtras(edition: Edition): EditionError[] {
  const errors = [
    ...duplicates(
      edition.calendar,
      (c) => c.code,
      (i) => `calendar[${i}].code`,
    ),
    ...duplicates(
      edition.facts,
      (f) => f.code,
      (i) => `facts[${i}].code`,
    ),
    ...duplicates(
      edition.answer_scales,
      (s) => s.answer_type,
      (i) => `answer_scales[${i}].answer_type`,
    ),
  ].map((d) => err(d.path, `duplicate ${d.value}`, `${d.value} ซ้ำ`));
  edition.calendar.forEach((c, i) => {
    if (c.start !== null && c.start > c.end) {
      errors.push(err(`calendar[${i}].start`, 'start is after end', 'วันเริ่มอยู่หลังวันสิ้นสุด'));
    }
  });
  edition.answer_scales.forEach((s, i) => {
    if (s.scores.length !== s.options_th.length) {
      errors.push(
        err(
          `answer_scales[${i}].scores`,
          `${s.scores.length} scores for ${s.options_th.length} options`,
          `มีคะแนน ${s.scores.length} ค่า แต่มีตัวเลือก ${s.options_th.length} ตัว`,
        ),
      );
    }
  });
  return errors;
}
