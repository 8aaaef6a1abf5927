import { createContext, useContext } from 'react';

export type UnitOption = { value: string; label: string; depth: number };

/** What every part of the editor needs besides its own piece of the content. */
export type EditorEnv = {
  readOnly: boolean;
  fiscalYear: number;
  /** The organisation's units (its subtree), in tree order, for choosing responsible units. */
  units: UnitOption[];
  /** The error message of a field (client check or the server's refusal), by content path. */
  errorAt: (path: string) => string | undefined;
  /** Says something to screen readers (moves, additions) through a polite live region. */
  announce: (message: string) => void;
  /** A field that cannot read what was typed (a budget in mixed digits) tells the save bar, which waits. */
  fieldValidity: (key: string) => (valid: boolean) => void;
};

const EnvContext = createContext<EditorEnv | null>(null);

export const EditorEnvProvider = EnvContext.Provider;

export function useEditorEnv(): EditorEnv {
  const env = useContext(EnvContext);
  if (!env) throw new Error('useEditorEnv outside the plan editor');
  return env;
}

/** DOM ids of the places the completeness check and the error list can send the user to. */
export const anchors = {
  planField: (field: string) => `plan-field-${field}`,
  issue: (issueId: string) => `plan-issue-${issueId}`,
  issueField: (issueId: string, field: string) => `plan-issue-${issueId}-${field}`,
  measure: (measureId: string) => `plan-measure-${measureId}`,
  measureField: (measureId: string, field: string) => `plan-measure-${measureId}-${field}`,
};

/** Scrolls to an element and puts the focus on it, or on the first thing inside it that takes focus. */
export function focusAnchor(id: string) {
  const element = document.getElementById(id);
  if (!element) return false;
  const selector =
    'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), button:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';
  const focusable = element.matches(selector) ? element : element.querySelector<HTMLElement>(selector);
  element.scrollIntoView({ block: 'center', behavior: 'smooth' });
  (focusable ?? element).focus({ preventScroll: true });
  return true;
}
