import type { Edition, EditionGrouping } from './edition.schema.ts';
import { type EditionError, editionError as err } from './edition-error.ts';

type Resolution = { grouping: EditionGrouping } | { error: EditionError };

function resolve(edition: Edition, index: number, knownEditions: readonly Edition[]): Resolution {
  const ref = edition.grouping_refs[index]!;
  const at = `grouping_refs[${index}]`;
  const target = knownEditions.find((e) => e.fiscal_year === ref.fiscal_year && e !== edition);
  if (!target) {
    return {
      error: err(
        `${at}.fiscal_year`,
        `unknown edition ${ref.fiscal_year}`,
        `ไม่พบฉบับปีงบประมาณ ${ref.fiscal_year}`,
      ),
    };
  }
  const grouping = target.groupings.find((g) => g.code === ref.code);
  if (!grouping) {
    return {
      error: err(
        `${at}.code`,
        `edition ${ref.fiscal_year} defines no grouping ${ref.code} (refs are not chained)`,
        `ฉบับปี ${ref.fiscal_year} ไม่มีการจัดกลุ่ม ${ref.code} ของตนเอง (อ้างต่อกันหลายทอดไม่ได้)`,
      ),
    };
  }
  const codes = new Set(edition.questions.map((q) => q.code));
  const missing = [...new Set(grouping.groups.flatMap((g) => g.questions))].filter((c) => !codes.has(c));
  if (missing.length > 0) {
    return {
      error: err(
        at,
        `grouping ${ref.code} of ${ref.fiscal_year} uses question codes missing here: ${missing.join(', ')}`,
        `การจัดกลุ่ม ${ref.code} ของปี ${ref.fiscal_year} ใช้รหัสคำถามที่ไม่มีในฉบับนี้: ${missing.join(', ')}`,
      ),
    };
  }
  return { grouping };
}

/** Errors for grouping refs that do not resolve against the known editions. */
export function checkGroupingRefs(edition: Edition, knownEditions: readonly Edition[]): EditionError[] {
  return edition.grouping_refs.flatMap((_, i) => {
    const result = resolve(edition, i, knownEditions);
    return 'error' in result ? [result.error] : [];
  });
}

/** The edition's own groupings followed by the referenced ones that resolve. */
export function resolveGroupings(edition: Edition, knownEditions: readonly Edition[]): EditionGrouping[] {
  const referenced = edition.grouping_refs.flatMap((_, i) => {
    const result = resolve(edition, i, knownEditions);
    return 'grouping' in result ? [result.grouping] : [];
  });
  return [...edition.groupings, ...referenced];
}
