/**
 * Unsaved work, kept the same way on every page (issue 13): what a form holds that is not saved yet
 * is copied to the browser's storage (per user, record and the record's version) and offered back on
 * return or reload; leaving asks first (useLeaveGuard); long forms with a draft state on the server
 * also save there in the background (useAutosave). The hooks are in useDrafts.ts; this file holds the
 * parts without React or the browser, tested in drafts.test.ts.
 */
/** The part of `Storage` the drafts use (an in-memory one in the tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Whose input on which record: `kind` names the form (report, plan, …), `id` the record. */
export type DraftScope = { userId: string; kind: string; id: string };

/**
 * One kept copy: the record's version it was typed on, when it was kept, the form's values, and the
 * saved values they were typed over (`base`, for a three-way comparison when the record changed since).
 */
export type KeptDraft<T> = { version: number; savedAt: string; values: T; base?: T };

const PREFIX = 'prongsai.draft';

export const draftKey = (scope: DraftScope) => `${PREFIX}:${scope.userId}:${scope.kind}:${scope.id}`;

/** Form values compared as the server would see them (key order as written by the same code). */
export const sameValues = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The kept copy for a scope, or null (none, unreadable, or not the form's shape: `accept` checks the
 * values, so a copy written by an older build of the form is dropped rather than breaking the page).
 */
export function readDraft<T>(
  storage: DraftStorage | null,
  scope: DraftScope,
  accept: (values: unknown) => values is T,
): KeptDraft<T> | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(draftKey(scope));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'version' in parsed &&
      'savedAt' in parsed &&
      'values' in parsed &&
      typeof parsed.version === 'number' &&
      typeof parsed.savedAt === 'string' &&
      !Number.isNaN(Date.parse(parsed.savedAt)) &&
      accept(parsed.values)
    ) {
      const base = 'base' in parsed && accept(parsed.base) ? { base: parsed.base } : {};
      return { version: parsed.version, savedAt: parsed.savedAt, values: parsed.values, ...base };
    }
  } catch {
    // not JSON: dropped below
  }
  clearDraft(storage, scope);
  return null;
}

/** Keeps a copy; false when the browser refuses (storage full or disabled): the page still works. */
export function writeDraft<T>(storage: DraftStorage | null, scope: DraftScope, draft: KeptDraft<T>): boolean {
  if (!storage) return false;
  try {
    storage.setItem(draftKey(scope), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage | null, scope: DraftScope) {
  try {
    storage?.removeItem(draftKey(scope));
  } catch {
    // nothing kept then
  }
}

/**
 * What to do with a kept copy when the form opens on the saved record (`saved` at `version`):
 * nothing when there is none or it says what is saved; restore it when it was typed on this version;
 * when it was typed on another version (someone saved meanwhile), offer both side by side.
 */
export type RestoreDecision<T> =
  | { kind: 'none' }
  | { kind: 'restore'; draft: KeptDraft<T> }
  | { kind: 'compare'; draft: KeptDraft<T> };

export function decideRestore<T>(kept: KeptDraft<T> | null, saved: T, version: number): RestoreDecision<T> {
  if (!kept || sameValues(kept.values, saved)) return { kind: 'none' };
  return kept.version === version ? { kind: 'restore', draft: kept } : { kind: 'compare', draft: kept };
}

/** The browser's local storage, or null where it is unavailable (private modes, tests). */
export function browserStorage(): DraftStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** How a background save stands, for the note beside the form. */
export type AutosaveStatus =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /** The server could not be reached: the local copy stays, another try at `retryAt`. */
  | { kind: 'offline'; retryAt: string; attempt: number }
  /** The server refused (someone else saved, or the values are not accepted): no retry until the next change. */
  | { kind: 'refused'; error: unknown };

/** The wait before the n-th retry after a dropped connection (1-based): 2 s, 4 s, 8 s … at most 60 s. */
export function retryDelay(attempt: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
}

/** A failure worth retrying: the request never reached the server, or the server was unavailable. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = 'status' in error ? error.status : undefined;
  const code = 'code' in error ? error.code : undefined;
  if (code === 'network_error' || status === 0) return true;
  return typeof status === 'number' && [502, 503, 504].includes(status);
}

/**
 * A modal form closed (Cancel, ×, Escape, a click outside) with unsaved input asks first; `ask` is the
 * browser's confirm, as the leave guard's.
 */
export function closeAsking(
  dirty: boolean,
  close: () => void,
  message: string,
  ask: (message: string) => boolean = (m) => window.confirm(m),
) {
  if (!dirty || ask(message)) close();
}

/**
 * The questions of the forms that hold unsaved work on the page (the router keeps one list): leaving
 * asks once, with the question of the form registered last, when any is registered.
 */
export function leaveGuards() {
  const entries: { message: string }[] = [];
  return {
    /** Registers a question; the returned function removes it (the form saved, or left the page). */
    add(message: string): () => void {
      const entry = { message };
      entries.push(entry);
      return () => {
        const at = entries.indexOf(entry);
        if (at >= 0) entries.splice(at, 1);
      };
    },
    /** Whether leaving may go ahead: true when nothing is unsaved, else the person's answer. */
    mayLeave(ask: (message: string) => boolean): boolean {
      const last = entries[entries.length - 1];
      return !last || ask(last.message);
    },
    get size() {
      return entries.length;
    },
  };
}
