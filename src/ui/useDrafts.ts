/** The hooks of the shared unsaved-work mechanism (the pure parts and their tests: drafts.ts). */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type AutosaveStatus,
  browserStorage,
  clearDraft,
  type DraftScope,
  type DraftStorage,
  decideRestore,
  draftKey,
  isConnectionError,
  type KeptDraft,
  readDraft,
  retryDelay,
  sameValues,
  writeDraft,
} from './drafts.ts';
import { useLeaveGuard } from './router.tsx';

/**
 * Keeps a form's unsaved values in the browser's storage and warns before leaving while they differ
 * from the saved ones. On opening (and whenever the scope or version changes) a copy typed on the same
 * version is handed to `onRestore` (`restored` says when it was kept, for the note); a copy typed on
 * another version is held in `older` for the page to show beside the saved record. The copy is removed
 * when the values equal the saved ones again (saved, or changed back).
 */
export function useKeptDraft<T>({
  scope,
  version,
  saved,
  values,
  normalize = (v) => v,
  accept,
  onRestore,
  enabled,
  leaveMessage,
  storage = browserStorage(),
}: {
  /** null while the user is not known: nothing kept. */
  scope: DraftScope | null;
  version: number;
  saved: T;
  values: T;
  /** What counts when comparing with the saved values (e.g. blank rows left out, as on save). */
  normalize?: (values: T) => unknown;
  accept: (values: unknown) => values is T;
  onRestore: (values: T) => void;
  /** Whether the user can edit the record now (a locked record keeps nothing and asks nothing). */
  enabled: boolean;
  leaveMessage: string;
  storage?: DraftStorage | null;
}) {
  const dirty = enabled && !sameValues(normalize(values), normalize(saved));
  useLeaveGuard(dirty, leaveMessage);

  const [restored, setRestored] = useState<string | null>(null);
  const [older, setOlder] = useState<KeptDraft<T> | null>(null);
  /**
   * The record whose kept copy was looked at, once when the form opens on it: nothing is written
   * before, and the form's own saves (new versions) do not look again.
   */
  const [checked, setChecked] = useState<string | null>(null);
  const key = scope ? draftKey(scope) : null;

  const latest = useRef({ scope, version, saved, accept, onRestore, storage });
  latest.current = { scope, version, saved, accept, onRestore, storage };

  useEffect(() => {
    const { scope: where, version: current, saved: savedValues, accept: isValues } = latest.current;
    if (!where || !key || !enabled) return;
    const decision = decideRestore(readDraft(latest.current.storage, where, isValues), savedValues, current);
    if (decision.kind === 'restore') {
      latest.current.onRestore(decision.draft.values);
      setRestored(decision.draft.savedAt);
    } else if (decision.kind === 'compare') {
      setOlder(decision.draft);
    }
    setChecked(key);
  }, [key, enabled]);

  useEffect(() => {
    const { scope: where, version: current, storage: store, saved: base } = latest.current;
    if (!where || checked !== key || older) return;
    if (dirty)
      writeDraft(store, where, { version: current, savedAt: new Date().toISOString(), values, base });
    else clearDraft(store, where);
  }, [checked, key, older, dirty, values]);

  /** Drops the kept copy and puts the saved values back in the form. */
  const discard = useCallback(() => {
    const { scope: where, storage: store } = latest.current;
    if (where) clearDraft(store, where);
    setRestored(null);
    setOlder(null);
    latest.current.onRestore(latest.current.saved);
  }, []);

  /** Takes the copy typed on another version into the form (the user then saves over the newer one). */
  const takeOlder = useCallback(() => {
    if (!older) return;
    latest.current.onRestore(older.values);
    setRestored(older.savedAt);
    setOlder(null);
  }, [older]);

  const dismissNote = useCallback(() => setRestored(null), []);

  return useMemo(
    () => ({ dirty, restored, older, discard, takeOlder, dismissNote }),
    [dirty, restored, older, discard, takeOlder, dismissNote],
  );
}

export type KeptDraftState<T> = ReturnType<typeof useKeptDraft<T>>;

/**
 * Saves the values in the background `delayMs` after the last change while `dirty`; a dropped
 * connection is retried (retryDelay) and meanwhile the local copy keeps the input. `save` must throw on
 * failure. `flush()` cancels a pending background save and waits for one in flight, so that an explicit
 * save or submit goes after it (with the newest row version).
 */
export function useAutosave<T>({
  enabled,
  dirty,
  values,
  save,
  delayMs = 1_500,
}: {
  enabled: boolean;
  dirty: boolean;
  values: T;
  save: (values: T) => Promise<unknown>;
  delayMs?: number;
}) {
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const attempt = useRef(0);
  const saveRef = useRef(save);
  saveRef.current = save;

  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const run = useCallback((current: T) => {
    const attemptSave = async () => {
      timer.current = null;
      if (inFlight.current) await inFlight.current.catch(() => undefined);
      setStatus({ kind: 'saving' });
      const promise = saveRef.current(current);
      inFlight.current = promise;
      try {
        await promise;
        attempt.current = 0;
        setStatus({ kind: 'saved', at: new Date().toISOString() });
      } catch (error) {
        if (isConnectionError(error)) {
          attempt.current += 1;
          const wait = retryDelay(attempt.current);
          setStatus({
            kind: 'offline',
            retryAt: new Date(Date.now() + wait).toISOString(),
            attempt: attempt.current,
          });
          timer.current = setTimeout(() => void attemptSave(), wait);
        } else {
          setStatus({ kind: 'refused', error });
        }
      } finally {
        if (inFlight.current === promise) inFlight.current = null;
      }
    };
    return attemptSave;
  }, []);

  useEffect(() => {
    if (!enabled || !dirty) {
      setStatus((s) => (s.kind === 'waiting' ? { kind: 'idle' } : s));
      return;
    }
    cancel();
    setStatus((s) => (s.kind === 'offline' ? s : { kind: 'waiting' }));
    const attemptSave = run(values);
    timer.current = setTimeout(() => void attemptSave(), delayMs);
    return cancel;
  }, [enabled, dirty, values, delayMs, run, cancel]);

  const flush = useCallback(async () => {
    cancel();
    if (inFlight.current) await inFlight.current.catch(() => undefined);
  }, [cancel]);

  return { status, flush };
}
