import type { Db } from './client.ts';

/**
 * A statement built once per database and kept (`build` returns drizzle's `.prepare(name)` of a
 * query whose values are `sql.placeholder`s): a request that runs it skips drizzle's query building,
 * and on PostgreSQL the named statement is parsed once per connection. Keyed by the database object, so
 * the primary, the replica's routing database and a test's database each get their own.
 *
 * Only for statements of a fixed shape: a name must always stand for the same SQL text (node-postgres
 * refuses one name with two texts on a connection).
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
