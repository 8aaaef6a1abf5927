import { TagsInput, type TagsInputProps, TextInput, type TextInputProps } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeCode, readInteger, readNumber } from '#shared/format/numbers.ts';
import { useFormat } from '../format.ts';

export type NumberFieldProps = Omit<
  TextInputProps,
  'value' | 'defaultValue' | 'onChange' | 'error' | 'min' | 'max'
> & {
  /** The number, or null for none. */
  value: number | null | undefined;
  /** Called with each number read from what is typed, or null when the field is emptied. */
  onChange: (value: number | null) => void;
  min?: number | undefined;
  max?: number | undefined;
  /** Only whole numbers. */
  integer?: boolean | undefined;
  /** Show the number with thousands separators once read (`1,500,000`); typed either way. */
  grouped?: boolean | undefined;
  /** Told whether the field holds a number the form may send (the form disables its submit). */
  onValidityChange?: ((valid: boolean) => void) | undefined;
  /** An error from elsewhere (the server's), shown when the field itself has none. */
  error?: ReactNode;
};

const shown = (value: number | null | undefined, grouped = false) =>
  value === null || value === undefined
    ? ''
    : grouped
      ? value.toLocaleString('en-US', { maximumFractionDigits: 20 })
      : String(value);

/**
 * A number typed in Thai or Arabic digits (`๖๐`, `60`, `๙๖,๕`), read by the same reader as the result
 * import (`readNumber`): what cannot be read, or lies outside min–max, is said under the field and not
 * sent; it is never taken as 0. On leaving the field a number read is shown back in Arabic digits.
 */
export function NumberField({
  value,
  onChange,
  min,
  max,
  integer,
  grouped,
  onValidityChange,
  error,
  required,
  onBlur,
  ...rest
}: NumberFieldProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState(shown(value, grouped));
  const [problem, setProblem] = useState<string | null>(null);
  const emitted = useRef<number | null | undefined>(value);
  const validity = useRef(onValidityChange);
  validity.current = onValidityChange;

  // A value changed from outside (a reset, another field) replaces what is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new value replaces the text
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(shown(value, grouped));
      setProblem(null);
      validity.current?.(true);
    }
  }, [value]);

  const read = (raw: string) => {
    setText(raw);
    const reading = integer ? readInteger(raw) : readNumber(raw);
    let next: string | null = null;
    if (!reading.ok && reading.reason === 'empty') {
      if (required) next = t('digits.required');
      else {
        emitted.current = null;
        onChange(null);
      }
    } else if (!reading.ok) {
      next = t(integer ? 'digits.notAWholeNumber' : 'digits.notANumber', { text: reading.text });
    } else if (min !== undefined && reading.value < min) {
      next = t('digits.belowMin', { min: format.number(min) });
    } else if (max !== undefined && reading.value > max) {
      next = t('digits.aboveMax', { max: format.number(max) });
    } else {
      emitted.current = reading.value;
      onChange(reading.value);
    }
    setProblem(next);
    validity.current?.(next === null);
  };

  return (
    <TextInput
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      {...rest}
      required={required}
      value={text}
      onChange={(event) => read(event.currentTarget.value)}
      onBlur={(event) => {
        if (problem === null) setText(shown(emitted.current, grouped));
        onBlur?.(event);
      }}
      error={problem ?? error}
      aria-invalid={problem !== null || Boolean(error) || undefined}
    />
  );
}

export type CodesFieldProps = Omit<TagsInputProps, 'value' | 'onChange'> & {
  value: string[];
  onChange: (value: string[]) => void;
};

/**
 * Question or indicator codes (i7, o14, 4) typed as tags, Thai digits made Arabic (`i๓` → `i3`) through
 * the shared `normalizeCode`, the same as the server's plan schema; empty ones dropped.
 */
export function CodesField({ value, onChange, ...rest }: CodesFieldProps) {
  return (
    <TagsInput
      splitChars={[',', ' ']}
      {...rest}
      value={value}
      onChange={(codes) => onChange([...new Set(codes.map(normalizeCode).filter(Boolean))])}
    />
  );
}
