import type { Edition } from './edition.schema.ts';
import { type EditionError, editionError as err } from './edition-error.ts';

/** Levels must be evaluable best first: ordered, reachable, ending at 0; example results must fit them. */
export function checkLevelRules(edition: Edition): EditionError[] {
  const { scheme, levels } = edition.levels;
  const errors: EditionError[] = [];
  const seen = new Set<string>();
  levels.forEach((level, i) => {
    const at = `levels.levels[${i}]`;
    if (seen.has(level.code)) {
      errors.push(err(`${at}.code`, `duplicate level ${level.code}`, `ระดับ ${level.code} ซ้ำ`));
    }
    seen.add(level.code);
    if (scheme === 'bands' && level.min_each_instrument !== undefined) {
      errors.push(
        err(
          `${at}.min_each_instrument`,
          'bands depend on the total only; use scheme: words for per-instrument conditions',
          'แบบช่วงคะแนน (bands) ใช้คะแนนรวมเท่านั้น หากมีเงื่อนไขรายเครื่องมือให้ใช้ scheme: words',
        ),
      );
    }
    const previous = levels[i - 1];
    if (!previous) return;
    if (level.min_total > previous.min_total) {
      errors.push(
        err(
          `${at}.min_total`,
          `levels must be ordered by descending min_total (${level.min_total} after ${previous.min_total})`,
          `ต้องเรียงระดับตาม min_total จากมากไปน้อย (${level.min_total} อยู่หลัง ${previous.min_total})`,
        ),
      );
    } else if (
      level.min_total === previous.min_total &&
      (previous.min_each_instrument ?? 0) <= (level.min_each_instrument ?? 0)
    ) {
      errors.push(
        err(
          `${at}.min_total`,
          `level ${level.code} can never be reached: ${previous.code} has the same or weaker conditions`,
          `ระดับ ${level.code} ไม่มีทางเกิดขึ้นได้ เพราะระดับ ${previous.code} มีเงื่อนไขเท่ากันหรือหลวมกว่า`,
        ),
      );
    }
  });
  const last = levels.at(-1);
  const lastIndex = levels.length - 1;
  if (last && (last.min_total !== 0 || last.min_each_instrument !== undefined)) {
    errors.push(
      err(
        `levels.levels[${lastIndex}].min_total`,
        'the last level must have min_total 0 and no per-instrument condition, so that every total gets a level',
        'ระดับสุดท้ายต้องมี min_total เป็น 0 และไม่มีเงื่อนไขรายเครื่องมือ เพื่อให้ทุกคะแนนมีระดับ',
      ),
    );
  }
  errors.push(...checkExampleResults(edition));
  return errors;
}

function checkExampleResults(edition: Edition): EditionError[] {
  const { levels } = edition.levels;
  const errors: EditionError[] = [];
  edition.example_results.forEach((example, i) => {
    const at = `example_results[${i}]`;
    const index = levels.findIndex((l) => l.code === example.level_code);
    const level = levels[index];
    if (!level) {
      errors.push(
        err(`${at}.level_code`, `unknown level ${example.level_code}`, `ไม่มีระดับ ${example.level_code}`),
      );
      return;
    }
    const totalOnlyBetter = levels.slice(0, index).find((l) => l.min_each_instrument === undefined);
    if (example.total < level.min_total || (totalOnlyBetter && example.total >= totalOnlyBetter.min_total)) {
      errors.push(
        err(
          `${at}.total`,
          `a total of ${example.total} cannot give level ${level.code}`,
          `คะแนนรวม ${example.total} ไม่สามารถได้ระดับ ${level.code}`,
        ),
      );
    }
  });
  return errors;
}
