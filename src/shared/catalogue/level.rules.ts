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
  errors.push(...checkLevelNames(edition), ...checkImpliedTotals(edition));
  return errors;
}

/** A stated level is matched by its Thai name: two levels with one name would be one level twice. */
function checkLevelNames(edition: Edition): EditionError[] {
  const seen = new Map<string, string>();
  const errors: EditionError[] = [];
  edition.levels.levels.forEach((level, i) => {
    const key = level.name_th.replace(/\s+/g, '');
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(
        err(
          `levels.levels[${i}].name_th`,
          `levels ${first} and ${level.code} have the same name ${level.name_th}`,
          `ระดับ ${first} และ ${level.code} ใช้ชื่อเดียวกัน (${level.name_th})`,
        ),
      );
    } else seen.set(key, level.code);
  });
  return errors;
}

/**
 * When the total is the weighted mean of the instruments (weights summing to 100), "every instrument
 * at least E" already makes the total at least E: a level asking that is unreachable when an earlier
 * total-only level takes every total from E (or from its own min_total) upwards.
 */
function checkImpliedTotals(edition: Edition): EditionError[] {
  const weights = edition.instruments.map((x) => x.weight_percent);
  const weighted =
    edition.scoring?.total === 'weighted_instruments' &&
    weights.every((w) => w !== null) &&
    Math.abs(weights.reduce((a: number, w) => a + (w ?? 0), 0) - 100) < 1e-6;
  if (!weighted) return [];
  const { levels } = edition.levels;
  const errors: EditionError[] = [];
  levels.forEach((level, i) => {
    if (level.min_each_instrument === undefined) return;
    const implied = Math.max(level.min_total, level.min_each_instrument);
    const before = levels
      .slice(0, i)
      .find((l) => l.min_each_instrument === undefined && l.min_total <= implied);
    if (before) {
      errors.push(
        err(
          `levels.levels[${i}].min_each_instrument`,
          `level ${level.code} can never be reached: every instrument at ${level.min_each_instrument} or more makes the total at least ${implied}, which level ${before.code} (total ${before.min_total} or more) already takes`,
          `ระดับ ${level.code} ไม่มีทางเกิดขึ้นได้ เพราะเมื่อทุกแบบวัดได้ ${level.min_each_instrument} ขึ้นไป คะแนนรวมจะได้อย่างน้อย ${implied} ซึ่งเป็นของระดับ ${before.code} (คะแนนรวม ${before.min_total} ขึ้นไป) แล้ว`,
        ),
      );
    }
  });
  return errors;
}

/** A level as a table states it: its lowest total, and optionally the highest (NACC prints ranges). */
export type LevelRange = {
  code: string;
  min_total: number;
  max_total?: number | undefined;
  min_each_instrument?: number | undefined;
};

/**
 * The highest total of each level's range, as NACC prints ranges (AA 95–100, A 85–94.99): a total-only
 * level ends one step (10^-decimals) below the next better total-only level, the best at 100; a level
 * with a per-instrument condition covers its totals up to 100.
 */
export function levelMaxTotals(levels: readonly LevelRange[], decimals: number): number[] {
  const step = 10 ** -decimals;
  let ceiling = 100;
  return levels.map((level) => {
    if (level.min_each_instrument !== undefined) return 100;
    const max = ceiling;
    ceiling = Number((level.min_total - step).toFixed(decimals));
    return max;
  });
}

/**
 * Checks ranges written with both ends (a framework workbook): the total-only levels must tile 0–100
 * at the edition's decimals, with no total left without a level and none given two; a level with a
 * per-instrument condition must run up to 100 (the rule cannot express a range ending lower).
 * Errors are reported on `levels.levels[i].max_total`.
 */
export function checkLevelRanges(levels: readonly LevelRange[], decimals: number): EditionError[] {
  const scale = 10 ** decimals;
  const units = (n: number) => Math.round(n * scale);
  const show = (u: number) => (u / scale).toFixed(decimals);
  const expected = levelMaxTotals(levels, decimals);
  const errors: EditionError[] = [];
  let previous: LevelRange | undefined;
  levels.forEach((level, i) => {
    const at = `levels.levels[${i}].max_total`;
    const given = level.max_total;
    const conditional = level.min_each_instrument !== undefined;
    if (given !== undefined) {
      if (units(given) < units(level.min_total)) {
        errors.push(
          err(
            at,
            `level ${level.code} ends at ${given}, below its lowest total ${level.min_total}`,
            `ระดับ ${level.code} มีคะแนนสูงสุด ${given} ต่ำกว่าคะแนนต่ำสุด ${level.min_total}`,
          ),
        );
      } else if (units(given) > units(100)) {
        errors.push(err(at, `level ${level.code} ends above 100`, `ระดับ ${level.code} มีคะแนนสูงสุดเกิน 100`));
      } else if (conditional && units(given) !== units(100)) {
        errors.push(
          err(
            at,
            `level ${level.code} has a per-instrument condition, so it covers every total from ${level.min_total} to 100; a range ending at ${given} cannot be expressed`,
            `ระดับ ${level.code} มีเงื่อนไขรายแบบวัด จึงครอบคลุมคะแนนรวมตั้งแต่ ${level.min_total} ถึง 100 กำหนดให้สิ้นสุดที่ ${given} ไม่ได้`,
          ),
        );
      } else if (!conditional) {
        const want = units(expected[i]!);
        if (units(given) < want) {
          errors.push(
            err(
              at,
              `totals from ${show(units(given) + 1)} to ${show(want)} are given no level (level ${level.code} ends at ${given}${previous ? `, level ${previous.code} starts at ${previous.min_total}` : ''})`,
              `คะแนนรวมตั้งแต่ ${show(units(given) + 1)} ถึง ${show(want)} ไม่มีระดับใดรองรับ (ระดับ ${level.code} สิ้นสุดที่ ${given}${previous ? ` ระดับ ${previous.code} เริ่มที่ ${previous.min_total}` : ''})`,
            ),
          );
        } else if (units(given) > want && previous) {
          errors.push(
            err(
              at,
              `totals from ${show(units(previous.min_total))} to ${show(units(given))} would get two levels: ${previous.code} and ${level.code}`,
              `คะแนนรวมตั้งแต่ ${show(units(previous.min_total))} ถึง ${show(units(given))} ได้สองระดับ คือ ${previous.code} และ ${level.code}`,
            ),
          );
        }
      }
    }
    if (!conditional) previous = level;
  });
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
