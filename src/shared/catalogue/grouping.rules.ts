import { duplicates } from './duplicates.ts';
import type { Edition } from './edition.schema.ts';
import { type EditionError, editionError as err } from './edition-error.ts';

export function checkGroupings(edition: Edition): EditionError[] {
  const codes = new Set(edition.questions.map((q) => q.code));
  const errors = duplicates(
    edition.groupings,
    (g) => g.code,
    (i) => `groupings[${i}].code`,
  ).map((d) => err(d.path, `duplicate grouping ${d.value}`, `การจัดกลุ่ม ${d.value} ซ้ำ`));
  edition.groupings.forEach((grouping, i) => {
    errors.push(
      ...duplicates(
        grouping.groups,
        (g) => g.no,
        (j) => `groupings[${i}].groups[${j}].no`,
      ).map((d) => err(d.path, `duplicate group number ${d.value}`, `หมายเลขกลุ่ม ${d.value} ซ้ำ`)),
    );
    grouping.groups.forEach((group, j) => {
      const at = `groupings[${i}].groups[${j}]`;
      const seen = new Set<string>();
      group.questions.forEach((code, k) => {
        if (!codes.has(code)) {
          errors.push(err(`${at}.questions[${k}]`, `unknown question code ${code}`, `ไม่มีคำถามรหัส ${code}`));
        }
        if (seen.has(code)) {
          errors.push(
            err(
              `${at}.questions[${k}]`,
              `question ${code} listed twice in the group`,
              `คำถาม ${code} ซ้ำในกลุ่มเดียวกัน`,
            ),
          );
        }
        seen.add(code);
      });
      group.corrections?.forEach((c, k) => {
        if (!seen.has(c.question)) {
          errors.push(
            err(
              `${at}.corrections[${k}].question`,
              `corrected question ${c.question} is not in the group`,
              `คำถามที่แก้ไข ${c.question} ไม่อยู่ในกลุ่มนี้`,
            ),
          );
        }
      });
    });
  });
  const own = new Set(edition.groupings.map((g) => g.code));
  edition.grouping_refs.forEach((ref, i) => {
    if (ref.fiscal_year === edition.fiscal_year) {
      errors.push(
        err(
          `grouping_refs[${i}].fiscal_year`,
          'a grouping ref must point to another edition',
          'grouping_refs ต้องอ้างถึงปีงบประมาณอื่น',
        ),
      );
    }
    if (own.has(ref.code)) {
      errors.push(
        err(
          `grouping_refs[${i}].code`,
          `grouping ${ref.code} is also defined in this edition`,
          `การจัดกลุ่ม ${ref.code} กำหนดไว้ในฉบับนี้แล้ว`,
        ),
      );
    }
  });
  errors.push(
    ...duplicates(
      edition.grouping_refs,
      (r) => `${r.fiscal_year}/${r.code}`,
      (i) => `grouping_refs[${i}]`,
    ).map((d) => err(d.path, `duplicate grouping ref ${d.value}`, `การอ้างถึงการจัดกลุ่ม ${d.value} ซ้ำ`)),
  );
  return errors;
}

export function checkRequiredParts(edition: Edition): EditionError[] {
  const codes = new Set(edition.questions.map((q) => q.code));
  const errors: EditionError[] = [];
  for (const field of [
    'measures_document_required_parts_th',
    'follow_up_report_required_parts_th',
  ] as const) {
    edition[field]?.questions.forEach((code, k) => {
      if (!codes.has(code)) {
        errors.push(err(`${field}.questions[${k}]`, `unknown question code ${code}`, `ไม่มีคำถามรหัส ${code}`));
      }
    });
  }
  return errors;
}
