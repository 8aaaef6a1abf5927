import { DateInput, type DateInputProps, DatesProvider } from '@mantine/dates';
import 'dayjs/locale/th';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type BeDateProblem,
  beYearOf,
  type DateBounds,
  ENGLISH_MONTHS,
  formatBeDate,
  formatBeMonth,
  formatBeYear,
  formatShortMonth,
  outsideBounds,
  parseBeDate,
  THAI_MONTHS,
} from '#shared/format/be-date.ts';
import { type Lang, useLang } from '../i18n/index.ts';

/**
 * Mantine's date settings in the UI language: Thai weekday names, weeks from Sunday as on a Thai
 * calendar. Wraps the app once, inside MantineProvider.
 */
export function BeDatesProvider({ children }: { children: ReactNode }) {
  const lang = useLang();
  return <DatesProvider settings={{ locale: lang, firstDayOfWeek: 0 }}>{children}</DatesProvider>;
}

type Problem = BeDateProblem | { kind: 'required' };

export type BeDateInputProps = Omit<
  DateInputProps,
  | 'value'
  | 'defaultValue'
  | 'onChange'
  | 'minDate'
  | 'maxDate'
  | 'dateParser'
  | 'valueFormat'
  | 'fixOnBlur'
  | 'locale'
  | 'error'
> & {
  /** The date as an ISO calendar date (`yyyy-mm-dd`); '' or null for none. */
  value: string | null | undefined;
  /** Called with the ISO date typed or picked, or null when the field is emptied. */
  onChange: (value: string | null) => void;
  /** Earliest and latest dates the field takes (ISO, inclusive). */
  minDate?: string | undefined;
  maxDate?: string | undefined;
  /** Told whether what is in the field is a date the form may send (the form disables its submit). */
  onValidityChange?: ((valid: boolean) => void) | undefined;
  /** An error from elsewhere (the server's), shown when the field itself has none. */
  error?: ReactNode;
};

/**
 * Which fields of a form hold what cannot be sent (a date or number that was not read): give each
 * field `validity(key)` as its onValidityChange; `invalid` disables the form's submit.
 */
export function useFieldValidity() {
  const [bad, setBad] = useState<ReadonlySet<string>>(new Set());
  const validity = useCallback(
    (key: string) => (valid: boolean) =>
      setBad((current) => {
        if (valid !== current.has(key)) return current;
        const next = new Set(current);
        if (valid) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  return { invalid: bad.size > 0, validity };
}

/** A field's bounds (from `#shared/format/date-bounds.ts`) as BeDateInput's minDate/maxDate. */
export function boundsProps(bounds: DateBounds): {
  minDate: string | undefined;
  maxDate: string | undefined;
} {
  return { minDate: bounds.min, maxDate: bounds.max };
}

/** The message of a problem in the UI language; dates in it are Buddhist-era. */
export function useDateProblemText() {
  const { t } = useTranslation();
  const lang = useLang();
  return (problem: Problem): string => {
    switch (problem.kind) {
      case 'required':
        return t('dates.required');
      case 'unreadable':
        return t('dates.unreadable');
      case 'ce_year':
        return t('dates.ceYear', { year: problem.year, beYear: problem.beYear });
      case 'no_such_day':
        return t('dates.noSuchDay', {
          day: problem.day,
          month: (lang === 'th' ? THAI_MONTHS : ENGLISH_MONTHS)[problem.month - 1],
          beYear: problem.beYear,
        });
      case 'before_min':
        return t('dates.beforeMin', { date: formatBeDate(problem.min, lang) });
      case 'after_max':
        return t('dates.afterMax', { date: formatBeDate(problem.max, lang) });
    }
  };
}

/** The calendar's words in the UI language, every year in the Buddhist era. */
function calendarLabels(lang: Lang) {
  return {
    valueFormat: (iso: string) => formatBeDate(iso, lang),
    monthLabelFormat: (iso: string) => formatBeMonth(iso, lang),
    yearLabelFormat: (iso: string) => formatBeYear(iso, lang),
    decadeLabelFormat: (start: string, end: string) =>
      lang === 'th'
        ? `พ.ศ. ${beYearOf(start)} – ${beYearOf(end)}`
        : `${beYearOf(start)} – ${beYearOf(end)} BE`,
    yearsListFormat: (iso: string) => String(beYearOf(iso)),
    monthsListFormat: (iso: string) => formatShortMonth(iso, lang),
    getDayAriaLabel: (iso: string) => formatBeDate(iso, lang),
  };
}

/**
 * A date field in the Buddhist era: the calendar shows พ.ศ. years and Thai month names (English month
 * names and BE years in English); typing takes `5/12/2569`, `5 ธ.ค. 2569`, `๕/๑๒/๒๕๖๙` (see
 * `parseBeDate`), and a Christian-era year or a date outside the bounds is said under the field instead of
 * being changed or dropped. Value in and out: the ISO date the forms send.
 */
export function BeDateInput({
  value,
  onChange,
  minDate,
  maxDate,
  onValidityChange,
  error,
  required,
  ...rest
}: BeDateInputProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const problemText = useDateProblemText();
  const [problem, setProblem] = useState<Problem | null>(null);
  const validity = useRef(onValidityChange);
  validity.current = onValidityChange;

  const report = (next: Problem | null) => {
    setProblem(next);
    validity.current?.(next === null);
  };

  // A value set from outside (a form reset, a stored date) is checked against the bounds too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: report only reads refs and setters
  useEffect(() => {
    if (value) report(outsideBounds(value, { min: minDate, max: maxDate }));
  }, [value, minDate, maxDate]);

  // A new language re-prints the date in the field (Mantine does): what was typed is gone, and so is
  // its problem.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the language matters here
  useEffect(() => {
    report(value ? outsideBounds(value, { min: minDate, max: maxDate }) : null);
  }, [lang]);

  const dateParser = (text: string): string | null => {
    const reading = parseBeDate(text, { min: minDate, max: maxDate });
    if (reading.kind === 'date') {
      report(null);
      return reading.iso;
    }
    if (reading.kind === 'empty') {
      report(required ? { kind: 'required' } : null);
      if (value) onChange(null);
      return null;
    }
    report(reading.problem);
    return null;
  };

  return (
    <DateInput
      placeholder={t('dates.placeholder')}
      {...calendarLabels(lang)}
      ariaLabels={{
        previousMonth: t('dates.previousMonth'),
        nextMonth: t('dates.nextMonth'),
        previousYear: t('dates.previousYear'),
        nextYear: t('dates.nextYear'),
        previousDecade: t('dates.previousDecade'),
        nextDecade: t('dates.nextDecade'),
        monthLevelControl: t('dates.chooseMonth'),
        yearLevelControl: t('dates.chooseYear'),
      }}
      {...rest}
      // The calendar opens below the field, where the message is: it stays closed while there is one.
      popoverProps={problem ? { ...rest.popoverProps, opened: false } : rest.popoverProps}
      required={required}
      value={value || null}
      onChange={(next) => onChange(next)}
      minDate={minDate}
      maxDate={maxDate}
      dateParser={dateParser}
      onInput={(event) => {
        // Emptying the field does not reach the parser when the date may be removed.
        if (event.currentTarget.value.trim() === '') report(required ? { kind: 'required' } : null);
        rest.onInput?.(event);
      }}
      // A date that was read is shown back in full on leaving the field; a problem keeps what was typed.
      fixOnBlur={problem === null}
      allowDeselect={!required}
      error={problem ? problemText(problem) : error}
      data-invalid-date={problem ? problem.kind : undefined}
    />
  );
}
