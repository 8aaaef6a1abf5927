import type { Db } from '../../src/server/db/client.ts';

/**
 * The database as a service sees it, counting the statements it starts (`select`, `selectDistinct`,
 * `execute`): a list that reads "in a constant number of queries" is checked by calling it through
 * `db` with a few and with many rows and comparing `count()`.
 */
export function countingDb(db: Db): { db: Db; count(): number } {
  let n = 0;
  const counting = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'select' || prop === 'selectDistinct' || prop === 'execute') {
        return (...args: unknown[]) => {
          n += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  }) as Db;
  return { db: counting, count: () => n };
}
