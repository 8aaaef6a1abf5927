import type { Edition } from './edition.schema.ts';
import { type EditionError, editionError as err } from './edition-error.ts';

/**
 * Mapping pairs must name questions that exist: `code` in this edition, `from_code` in the earlier
 * one (checked when that edition is known), each code once per mapping.
 */
export function checkQuestionMappings(
  edition: Edition,
  knownEditions: readonly Edition[] = [],
): EditionError[] {
  const errors: EditionError[] = [];
  const own = new Set(edition.questions.map((q) => q.code));
  edition.question_mappings.forEach((mapping, m) => {
    const from = knownEditions.find((e) => e.fiscal_year === mapping.from_fiscal_year);
    const fromCodes = from ? new Set(from.questions.map((q) => q.code)) : null;
    if (mapping.from_fiscal_year >= edition.fiscal_year) {
      errors.push(
        err(
          `question_mappings[${m}].from_fiscal_year`,
          `must be an earlier fiscal year than ${edition.fiscal_year}`,
          `ต้องเป็นปีงบประมาณก่อนปี ${edition.fiscal_year}`,
        ),
      );
    }
    const seen = new Set<string>();
    mapping.pairs.forEach((pair, p) => {
      const at = `question_mappings[${m}].pairs[${p}]`;
      if (!own.has(pair.code)) {
        errors.push(err(`${at}.code`, `unknown question ${pair.code}`, `ไม่มีข้อคำถาม ${pair.code} ในฉบับนี้`));
      }
      if (seen.has(pair.code)) {
        errors.push(
          err(`${at}.code`, `question ${pair.code} is mapped twice`, `ข้อคำถาม ${pair.code} ถูกจับคู่ซ้ำ`),
        );
      }
      seen.add(pair.code);
      if (fromCodes && pair.from_code !== null && !fromCodes.has(pair.from_code)) {
        errors.push(
          err(
            `${at}.from_code`,
            `question ${pair.from_code} does not exist in the ${mapping.from_fiscal_year} edition`,
            `ไม่มีข้อคำถาม ${pair.from_code} ในฉบับปี ${mapping.from_fiscal_year}`,
          ),
        );
      }
    });
  });
  return errors;
}

/** The earlier edition's question for `code`: a string, null (explicitly none), or undefined (unmapped). */
export function mappedFromCode(
  edition: Edition,
  fromFiscalYear: number,
  code: string,
): string | null | undefined {
  const mapping = edition.question_mappings.find((m) => m.from_fiscal_year === fromFiscalYear);
  const pair = mapping?.pairs.find((p) => p.code === code);
  return pair ? pair.from_code : undefined;
}
