import type { Edition, InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import { evaluateLevel } from '#shared/catalogue/level.ts';
import type { ScoreIndex } from './score-index.ts';

export type Words = { th: string; en: string };

/** A figure as the result states it, as the edition's rule derives it, and whether they disagree. */
export type Figure = {
  stated: number | null;
  derived: number | null;
  /** The figure used: the stated one, else the derived one. */
  value: number | null;
  /** stated − derived, when both exist. */
  difference: number | null;
  /** The difference is larger than rounding (the edition's `scoring.tolerance`). */
  differs: boolean;
  /** Why nothing could be derived (which rule or data is missing); null when derived or not needed. */
  missing: Words | null;
};

export type DerivedFigures = {
  rule: { decimals: number; tolerance: number; confidence: string } | null;
  instruments: (Figure & { code: InstrumentCode })[];
  total: Figure;
  level: { computed: string | null; reason: Words | null };
};

const list = (items: readonly (string | number)[], and: string) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

function roundTo(n: number, decimals: number) {
  const f = 10 ** decimals;
  return Math.round((n + Number.EPSILON) * f) / f;
}

function figure(
  stated: number | null,
  derived: number | null,
  tolerance: number,
  decimals: number,
  missing: Words | null,
): Figure {
  const difference = stated !== null && derived !== null ? roundTo(stated - derived, decimals + 2) : null;
  return {
    stated,
    derived,
    value: stated ?? derived,
    difference,
    differs: difference !== null && Math.abs(difference) > tolerance + 1e-9,
    missing: derived === null ? missing : null,
  };
}

/**
 * Every figure above the indicators, derived from what a result gives by the edition's rule kept as
 * data (`scoring` and the instruments' weights), beside the figures the result states. An
 * instrument is the mean of its indicators, the total the weighted instruments, both rounded to the
 * decimals NACC prints; a stated figure further from the derived one than rounding is flagged. The
 * level is computed from the figures used (stated, else derived); where the rule needs data that is
 * absent, `missing`/`reason` say which.
 */
export function deriveFigures(edition: Edition, index: ScoreIndex): DerivedFigures {
  const scoring = edition.scoring ?? null;
  const decimals = scoring?.decimals ?? 2;
  const tolerance = scoring?.tolerance ?? 0;
  const noRule: Words = {
    th: `กรอบการประเมินปี ${edition.fiscal_year} ไม่ได้กำหนดวิธีคำนวณคะแนน`,
    en: `the ${edition.fiscal_year} edition sets no scoring rule`,
  };

  // Unrounded derived instrument scores feed the total; the rounded ones are shown.
  const exact = new Map<InstrumentCode, number>();
  const instruments = edition.instruments.map((inst) => {
    const stated = index.instrumentScore(inst.code);
    let derived: number | null = null;
    let missing: Words | null = null;
    if (scoring?.instrument_score === 'mean_of_indicators') {
      const indicators = edition.indicators.filter((i) => i.instrument === inst.code);
      const scores = indicators.map((i) => ({ number: i.number, score: index.indicatorScore(i.number) }));
      const absent = scores.filter((s) => s.score === null).map((s) => s.number);
      if (indicators.length > 0 && absent.length === 0) {
        const mean = scores.reduce((sum, s) => sum + s.score!, 0) / scores.length;
        exact.set(inst.code, mean);
        derived = roundTo(mean, decimals);
      } else {
        missing = {
          th: `ไม่มีคะแนนตัวชี้วัดที่ ${list(absent, 'และ')}`,
          en: `no score for indicator ${list(absent, 'and')}`,
        };
      }
    } else {
      missing = noRule;
    }
    return { code: inst.code, ...figure(stated, derived, tolerance, decimals, missing) };
  });

  const statedTotal = index.total();
  let derivedTotal: number | null = null;
  let totalMissing: Words | null = null;
  if (scoring?.total === 'weighted_instruments') {
    const unweighted = edition.instruments.filter((i) => i.weight_percent === null).map((i) => i.code);
    const absent = instruments.filter((i) => i.value === null).map((i) => i.code);
    if (unweighted.length > 0) {
      totalMissing = {
        th: `กรอบการประเมินปี ${edition.fiscal_year} ไม่ได้กำหนดน้ำหนักของแบบ ${list(unweighted, 'และ')}`,
        en: `the ${edition.fiscal_year} edition sets no weight for ${list(unweighted, 'and')}`,
      };
    } else if (absent.length > 0) {
      const why = instruments
        .filter((i) => i.value === null && i.missing)
        .map((i) => ({ th: `${i.code}: ${i.missing!.th}`, en: `${i.code}: ${i.missing!.en}` }));
      totalMissing = {
        th: `ไม่มีคะแนนแบบ ${list(absent, 'และ')}${why.length ? ` (${why.map((w) => w.th).join('; ')})` : ''}`,
        en: `no ${list(absent, 'and')} score${why.length ? ` (${why.map((w) => w.en).join('; ')})` : ''}`,
      };
    } else {
      const sum = edition.instruments.reduce((acc, inst) => {
        const f = instruments.find((i) => i.code === inst.code)!;
        const score = f.stated ?? exact.get(inst.code) ?? f.value!;
        return acc + (score * inst.weight_percent!) / 100;
      }, 0);
      derivedTotal = roundTo(sum, decimals);
    }
  } else {
    totalMissing = noRule;
  }
  const total = figure(statedTotal, derivedTotal, tolerance, decimals, totalMissing);

  let computed: string | null = null;
  let reason: Words | null = null;
  if (total.value === null) {
    reason = total.missing ?? { th: 'ไม่มีคะแนนรวม', en: 'no total score' };
  } else {
    const byInstrument = Object.fromEntries(
      instruments.filter((i) => i.value !== null).map((i) => [i.code, i.value!]),
    );
    computed = evaluateLevel(edition, { total: total.value, byInstrument });
    if (computed === null) {
      const absent = instruments.filter((i) => i.value === null).map((i) => i.code);
      reason = absent.length
        ? {
            th: `เกณฑ์ระดับผลของปี ${edition.fiscal_year} ใช้คะแนนของทุกแบบวัด แต่ไม่มีคะแนนแบบ ${list(absent, 'และ')}`,
            en: `the ${edition.fiscal_year} level rule needs every instrument, but there is no ${list(absent, 'and')} score`,
          }
        : {
            th: 'คะแนนไม่ตรงกับระดับใดตามเกณฑ์ของกรอบการประเมิน',
            en: 'the scores match no level of the edition',
          };
    }
  }
  return {
    rule: scoring ? { decimals, tolerance, confidence: scoring.confidence } : null,
    instruments,
    total,
    level: { computed, reason },
  };
}
