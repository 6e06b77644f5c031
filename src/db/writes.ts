// The embedded store's writes, counted, so that what was read from it can be kept until it changes.
/**
 * Statements that may have changed an embedded store, counted. Its data folder is this process's
 * alone, so every change to it passes here: a statement that is not a SELECT, and a transaction at
 * its start and again at its end (what it does inside is not looked at). What a reader read is still
 * what the store holds while the count has not moved since before it read it (reportJson keeps
 * report rows so). PostgreSQL has other writers (workers, other servers): no count there.
 */
const writeCounts = new WeakMap<object, () => number>();
interface Client {
  query: (...a: never[]) => Promise<unknown>;
  exec: (...a: never[]) => Promise<unknown>;
  transaction: (fn: never) => Promise<unknown>;
}
/** Counts the writes of this PGlite client, for the store `db` made on it. */
export function countWrites(client: Client, db: object): void {
  let n = 0;
  const { query, exec, transaction } = client;
  client.query = (...a) => {
    if (!/^\s*select\b/i.test(String(a[0]))) n++;
    return query.apply(client, a);
  };
  client.exec = (...a) => {
    n++;
    return exec.apply(client, a);
  };
  client.transaction = (fn) => {
    n++;
    return transaction.call(client, fn).finally(() => n++);
  };
  writeCounts.set(db, () => n);
}

/** How many statements that may change it this embedded store has run; null: a store that others write too (PostgreSQL). */
export const writesSoFar = (db: object): number | null => writeCounts.get(db)?.() ?? null;
