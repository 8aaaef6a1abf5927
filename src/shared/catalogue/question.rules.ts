import { duplicates } from './duplicates.ts';
import type { Edition, EditionQuestion, EditionSubItem } from './edition.schema.ts';
import { type EditionError, editionError as err } from './edition-error.ts';

const INSTRUMENT_OF_PREFIX = { i: 'IIT', e: 'EIT', o: 'OIT' } as const;

export function checkQuestions(edition: Edition): EditionError[] {
  const errors = duplicates(
    edition.questions,
    (q) => q.code,
    (i) => `questions[${i}].code`,
  ).map((d) => err(d.path, `duplicate question code ${d.value}`, `รหัสคำถาม ${d.value} ซ้ำ`));
  edition.questions.forEach((q, i) => {
    errors.push(...checkQuestion(edition, q, `questions[${i}]`));
  });
  return errors;
}

function checkQuestion(edition: Edition, q: EditionQuestion, at: string): EditionError[] {
  const errors: EditionError[] = [];
  const expected = INSTRUMENT_OF_PREFIX[q.code[0] as keyof typeof INSTRUMENT_OF_PREFIX];
  if (q.display_code.toLowerCase() !== q.code) {
    errors.push(
      err(
        `${at}.display_code`,
        `display code ${q.display_code} does not match code ${q.code}`,
        `รหัสแสดงผล ${q.display_code} ไม่ตรงกับรหัส ${q.code}`,
      ),
    );
  }
  if (q.instrument !== expected) {
    errors.push(
      err(
        `${at}.instrument`,
        `question ${q.code} must be on ${expected}, not ${q.instrument}`,
        `คำถาม ${q.code} ต้องอยู่ในแบบวัด ${expected} ไม่ใช่ ${q.instrument}`,
      ),
    );
  }
  const indicator = edition.indicators.find((x) => x.number === q.indicator);
  if (!indicator) {
    errors.push(err(`${at}.indicator`, `unknown indicator ${q.indicator}`, `ไม่มีตัวชี้วัดที่ ${q.indicator}`));
  } else if (indicator.instrument !== q.instrument) {
    errors.push(
      err(
        `${at}.instrument`,
        `question on ${q.instrument} but indicator ${q.indicator} is on ${indicator.instrument}`,
        `คำถามอยู่ในแบบวัด ${q.instrument} แต่ตัวชี้วัดที่ ${q.indicator} อยู่ในแบบวัด ${indicator.instrument}`,
      ),
    );
  }
  if (q.sub_indicator !== undefined) {
    const sub = edition.sub_indicators.find((s) => s.code === q.sub_indicator);
    if (!sub) {
      errors.push(
        err(
          `${at}.sub_indicator`,
          `unknown sub-indicator ${q.sub_indicator}`,
          `ไม่มีตัวชี้วัดย่อย ${q.sub_indicator}`,
        ),
      );
    } else if (sub.indicator !== q.indicator) {
      errors.push(
        err(
          `${at}.sub_indicator`,
          `sub-indicator ${sub.code} belongs to indicator ${sub.indicator}, not ${q.indicator}`,
          `ตัวชี้วัดย่อย ${sub.code} อยู่ในตัวชี้วัดที่ ${sub.indicator} ไม่ใช่ ${q.indicator}`,
        ),
      );
    }
  }
  if (q.text_th === null && q.missing === undefined) {
    errors.push(
      err(
        `${at}.missing`,
        'say why the wording is missing when text_th is null',
        'ต้องระบุเหตุที่ไม่มีถ้อยคำเมื่อ text_th เป็น null',
      ),
    );
  }
  if (q.text_th !== null && q.missing !== undefined) {
    errors.push(
      err(`${at}.missing`, 'missing is only for text_th: null', 'ใช้ missing ได้เฉพาะเมื่อ text_th เป็น null'),
    );
  }
  if (q.answer_type === 'disclosure' && q.instrument !== 'OIT') {
    errors.push(
      err(`${at}.answer_type`, 'disclosure answers are OIT only', 'คำตอบแบบเปิดเผยข้อมูลใช้กับ OIT เท่านั้น'),
    );
  }
  if (q.instrument === 'OIT' && q.answer_type !== null && q.answer_type !== 'disclosure') {
    errors.push(
      err(`${at}.answer_type`, 'OIT items take disclosure answers', 'ข้อ OIT ต้องเป็นคำตอบแบบเปิดเผยข้อมูล'),
    );
  }
  if (q.sub_items && q.reverse_scored !== undefined) {
    errors.push(
      err(
        `${at}.reverse_scored`,
        'set reverse_scored on each sub-item when there are sub-items',
        'เมื่อมีข้อย่อย ให้ระบุ reverse_scored ที่ข้อย่อยแต่ละข้อ',
      ),
    );
  }
  errors.push(...checkSubItems(q.code, q.sub_items, `${at}.sub_items`));
  q.text_th_alternatives?.forEach((alt, j) => {
    errors.push(...checkSubItems(q.code, alt.sub_items, `${at}.text_th_alternatives[${j}].sub_items`));
  });
  errors.push(...checkTrio(q, at, 'components'), ...checkTrio(q, at, 'evidence'));
  if (q.text_en !== undefined && q.text_en_source === undefined) {
    errors.push(
      err(
        `${at}.text_en_source`,
        'say where text_en comes from (text_en_source), e.g. a translation',
        'ต้องระบุที่มาของ text_en (text_en_source) เช่น คำแปล',
      ),
    );
  }
  if (q.text_en !== undefined && /[\u0e01-\u0e4e]/u.test(q.text_en)) {
    errors.push(
      err(`${at}.text_en`, `text_en holds Thai: "${q.text_en}"`, `text_en มีข้อความภาษาไทย: "${q.text_en}"`),
    );
  }
  if (q.text_en === undefined && q.text_en_source !== undefined) {
    errors.push(
      err(`${at}.text_en_source`, 'text_en_source without text_en', 'ระบุ text_en_source แต่ไม่มี text_en'),
    );
  }
  return errors;
}

function checkSubItems(
  code: string,
  items: readonly EditionSubItem[] | undefined,
  at: string,
): EditionError[] {
  const errors: EditionError[] = [];
  const seen = new Set<string>();
  items?.forEach((item, j) => {
    if (!item.code.startsWith(`${code}.`)) {
      errors.push(
        err(
          `${at}[${j}].code`,
          `sub-item ${item.code} does not belong to question ${code}`,
          `ข้อย่อย ${item.code} ไม่ได้อยู่ในคำถาม ${code}`,
        ),
      );
    }
    if (seen.has(item.code)) {
      errors.push(err(`${at}[${j}].code`, `duplicate sub-item ${item.code}`, `ข้อย่อย ${item.code} ซ้ำ`));
    }
    seen.add(item.code);
  });
  return errors;
}

/** `components_th` / `evidence_examples_th` go with their `_source` and `_confidence`. */
function checkTrio(q: EditionQuestion, at: string, kind: 'components' | 'evidence'): EditionError[] {
  const list = kind === 'components' ? q.components_th : q.evidence_examples_th;
  const listField = kind === 'components' ? 'components_th' : 'evidence_examples_th';
  const companions = [`${kind}_source`, `${kind}_confidence`] as const;
  const errors: EditionError[] = [];
  for (const field of companions) {
    const present = q[field] !== undefined;
    if (list && !present) {
      errors.push(
        err(`${at}.${field}`, `${field} is required with ${listField}`, `ต้องระบุ ${field} คู่กับ ${listField}`),
      );
    }
    if (!list && present) {
      errors.push(err(`${at}.${field}`, `${field} without ${listField}`, `ระบุ ${field} แต่ไม่มี ${listField}`));
    }
  }
  return errors;
}
