import { describe, expect, it } from 'vitest';
import {
  clearDraft,
  closeAsking,
  type DraftScope,
  type DraftStorage,
  decideRestore,
  draftKey,
  isConnectionError,
  leaveGuards,
  readDraft,
  retryDelay,
  sameValues,
  writeDraft,
} from './drafts.ts';

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      map.set(k, v);
    },
    removeItem: (k) => {
      map.delete(k);
    },
  };
}

type Values = { result: string; percent: number };
const isValues = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && 'result' in v && typeof v.result === 'string' && 'percent' in v;

const scope: DraftScope = { userId: 'u1', kind: 'report', id: 'r1' };

describe('kept drafts in the browser', () => {
  it('are kept per user, form and record', () => {
    expect(draftKey(scope)).toBe('prongsai.draft:u1:report:r1');
    expect(draftKey({ ...scope, userId: 'u2' })).not.toBe(draftKey(scope));
    expect(draftKey({ ...scope, kind: 'plan' })).not.toBe(draftKey(scope));
    expect(draftKey({ ...scope, id: 'r2' })).not.toBe(draftKey(scope));
  });

  it('are read back as written, and cleared', () => {
    const storage = memoryStorage();
    const draft = {
      version: 3,
      savedAt: '2026-12-05T02:00:00.000Z',
      values: { result: 'ทำแล้ว', percent: 60 },
    };
    expect(writeDraft(storage, scope, draft)).toBe(true);
    expect(readDraft(storage, scope, isValues)).toEqual(draft);
    expect(readDraft(storage, { ...scope, userId: 'u2' }, isValues)).toBeNull();
    clearDraft(storage, scope);
    expect(readDraft(storage, scope, isValues)).toBeNull();
  });

  it('keep the saved values the input was typed over, for a three-way comparison', () => {
    const storage = memoryStorage();
    const base = { result: 'บันทึกไว้', percent: 20 };
    const draft = {
      version: 3,
      savedAt: '2026-12-05T02:00:00.000Z',
      values: { result: 'แก้', percent: 60 },
      base,
    };
    writeDraft(storage, scope, draft);
    expect(readDraft(storage, scope, isValues)).toEqual(draft);
    // A base not of the form's shape is left out; the input itself is still restored.
    storage.setItem(draftKey(scope), JSON.stringify({ ...draft, base: { other: 1 } }));
    const restored = readDraft(storage, scope, isValues);
    expect(restored).toEqual({ version: 3, savedAt: draft.savedAt, values: draft.values });
    expect(restored && 'base' in restored).toBe(false);
  });

  it('drop a copy that is not JSON or not the form’s shape instead of breaking the page', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey(scope), '{not json');
    expect(readDraft(storage, scope, isValues)).toBeNull();
    expect(storage.map.size).toBe(0);
    storage.setItem(
      draftKey(scope),
      JSON.stringify({ version: 1, savedAt: '2026-12-05T02:00:00Z', values: { other: 1 } }),
    );
    expect(readDraft(storage, scope, isValues)).toBeNull();
    expect(storage.map.size).toBe(0);
    storage.setItem(draftKey(scope), JSON.stringify({ version: 1, savedAt: 'yesterday', values: {} }));
    expect(readDraft(storage, scope, isValues)).toBeNull();
  });

  it('survive a browser that refuses storage (full or disabled): nothing thrown, false returned', () => {
    const refusing: DraftStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const draft = { version: 1, savedAt: '2026-12-05T02:00:00Z', values: { result: '', percent: 0 } };
    expect(writeDraft(refusing, scope, draft)).toBe(false);
    expect(readDraft(refusing, scope, isValues)).toBeNull();
    expect(() => clearDraft(refusing, scope)).not.toThrow();
    expect(writeDraft(null, scope, draft)).toBe(false);
    expect(readDraft(null, scope, isValues)).toBeNull();
  });
});

describe('what to do with a kept copy when the form opens', () => {
  const saved: Values = { result: 'บันทึกแล้ว', percent: 20 };
  const kept = (version: number, values: Values) => ({ version, savedAt: '2026-12-05T02:00:00Z', values });

  it('nothing when there is none, or it says what is saved', () => {
    expect(decideRestore(null, saved, 4)).toEqual({ kind: 'none' });
    expect(decideRestore(kept(4, { ...saved }), saved, 4)).toEqual({ kind: 'none' });
    expect(decideRestore(kept(2, { ...saved }), saved, 4)).toEqual({ kind: 'none' });
  });

  it('restores input typed on the version that is still saved', () => {
    const draft = kept(4, { result: 'พิมพ์ค้างไว้', percent: 60 });
    expect(decideRestore(draft, saved, 4)).toEqual({ kind: 'restore', draft });
  });

  it('offers both side by side when the record was saved since the input was typed', () => {
    const draft = kept(3, { result: 'พิมพ์ค้างไว้', percent: 60 });
    expect(decideRestore(draft, saved, 4)).toEqual({ kind: 'compare', draft });
  });
});

describe('background saves', () => {
  it('retry a dropped connection after 2 s, 4 s, 8 s … never more than a minute apart', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay)).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('retry only failures of the connection, never a refusal', () => {
    expect(isConnectionError({ status: 0, code: 'network_error' })).toBe(true);
    expect(isConnectionError({ status: 503, code: 'unavailable' })).toBe(true);
    expect(isConnectionError({ status: 409, code: 'stale_version' })).toBe(false);
    expect(isConnectionError({ status: 400, code: 'validation_failed' })).toBe(false);
    expect(isConnectionError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });

  it('compare values as they would be sent', () => {
    expect(sameValues({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toBe(true);
    expect(sameValues({ a: 1 }, { a: 2 })).toBe(false);
  });
});

describe('closing a modal form', () => {
  it('closes at once when nothing was typed, asks first otherwise and stays open on "no"', () => {
    const asked: string[] = [];
    let closed = 0;
    const close = () => {
      closed += 1;
    };
    closeAsking(false, close, 'ทิ้ง?', (m) => {
      asked.push(m);
      return false;
    });
    expect([closed, asked.length]).toEqual([1, 0]);
    closeAsking(true, close, 'ทิ้ง?', (m) => {
      asked.push(m);
      return false;
    });
    expect([closed, asked]).toEqual([1, ['ทิ้ง?']]);
    closeAsking(true, close, 'ทิ้ง?', () => true);
    expect(closed).toBe(2);
  });
});

describe('leaving a page with unsaved work', () => {
  it('asks once, with the latest form’s question, while any form is dirty; not when all are saved', () => {
    const guards = leaveGuards();
    const asked: string[] = [];
    const answer = (yes: boolean) => (m: string) => {
      asked.push(m);
      return yes;
    };
    expect(guards.mayLeave(answer(false))).toBe(true);
    expect(asked).toEqual([]);
    const removeReport = guards.add('รายงานยังบันทึกไม่ครบ');
    const removeOptions = guards.add('ตัวเลือกเอกสารยังไม่บันทึก');
    expect(guards.mayLeave(answer(false))).toBe(false);
    expect(asked).toEqual(['ตัวเลือกเอกสารยังไม่บันทึก']);
    // One form saved: the other still asks (one form's save does not drop another's guard).
    removeOptions();
    expect(guards.mayLeave(answer(true))).toBe(true);
    expect(asked.at(-1)).toBe('รายงานยังบันทึกไม่ครบ');
    removeReport();
    removeReport();
    expect(guards.size).toBe(0);
    expect(guards.mayLeave(answer(false))).toBe(true);
  });
});
