// A store's writes, counted, so that what was read from it can be kept until it changes.
/**
 * Statements that may have changed a store, counted. What a reader read is still what the store
 * holds while the count has not moved since before it read it (reportJson keeps report rows so).
 * An embedded store's data folder is this process's alone, so every change to it passes here: a
 * statement that is not a SELECT, and a transaction at its start and again at its end (what it
 * does inside is not looked at). PostgreSQL has other writers (workers, other servers): there the
 * process's own statements are counted as they start and as they end, and the others' as the
 * database announces them at their commit (drizzle/0009_notify_writes.sql), on a connection of
 * its own; while that connection is lost nothing is kept, and it is made again.
 */
const writeCounts = new WeakMap<object, () => number | null>();
/** A statement that may change the store: any but a SELECT. */
const mayWrite = (text: string) => !/^\s*select\b/i.test(text);
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
    if (mayWrite(String(a[0]))) n++;
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

/** A lost listening connection is made again after 1 s, then after twice as long each time it fails, at most 30 s. */
const RETRY_MS: [number, number] = [1000, 30_000];

/** The channel drizzle/0009_notify_writes.sql announces changes on. */
const CHANNEL = 'xxgk_writes';

interface PgClient {
  query: (...a: never[]) => Promise<unknown>;
}
interface PgPool {
  on(event: 'connect', listener: (client: PgClient) => void): unknown;
}
interface Listener {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  on(event: 'notification' | 'error' | 'end', listener: () => void): unknown;
  end(): Promise<unknown>;
}

/**
 * Counts the writes of a PostgreSQL store `db` made on `pool` — its own statements from the first
 * (call it before the pool's first query) — and returns what starts hearing every other process's
 * on a client of its own made by `connect` (not connected yet), which resolves with what stops it.
 * A lost connection is made again (RETRY_MS); while none listens nothing is kept.
 */
export function countPoolWrites(pool: PgPool, db: object): (connect: () => Listener) => Promise<() => Promise<void>> {
  let n = 0;
  let live = false;
  pool.on('connect', (client) => {
    const { query } = client;
    client.query = (...a) => {
      const first = a[0] as unknown;
      const text = typeof first === 'string' ? first : String((first as { text?: unknown } | null)?.text ?? '');
      if (!mayWrite(text)) return query.apply(client, a);
      n++;
      // Counted again at its end, whichever way it is called: with a callback (the pool's own
      // query) or for a promise (a transaction's client).
      const last = a[a.length - 1] as unknown;
      if (typeof last === 'function') {
        (a as unknown[])[a.length - 1] = (...r: unknown[]) => {
          n++;
          return (last as (...r: unknown[]) => unknown)(...r);
        };
        return query.apply(client, a);
      }
      return query.apply(client, a).finally(() => n++);
    };
  });
  writeCounts.set(db, () => (live ? n : null));
  return async (connect) => {
    let stopped = false;
    let current: Listener | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let wait = RETRY_MS[0];
    // Anything may have changed while no one listened: the count moves as the watch goes down,
    // and nothing is kept until a new connection listens again.
    const down = (from: Listener) => {
      if (from !== current) return;
      current = null;
      live = false;
      n++;
      from.end().catch(() => {});
      if (!stopped && !timer) {
        timer = setTimeout(() => {
          timer = null;
          void up();
        }, wait);
        wait = Math.min(wait * 2, RETRY_MS[1]);
      }
    };
    const up = async () => {
      const listener = connect();
      current = listener;
      listener.on('notification', () => n++);
      listener.on('error', () => down(listener));
      listener.on('end', () => down(listener));
      try {
        await listener.connect();
        await listener.query(`listen ${CHANNEL}`);
        if (stopped || listener !== current) return;
        n++;
        live = true;
        wait = RETRY_MS[0];
      } catch {
        down(listener);
      }
    };
    await up();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const last = current;
      current = null;
      live = false;
      n++;
      await last?.end().catch(() => {});
    };
  };
}

/** How many statements that may change it this store has seen; null: it cannot say (a PostgreSQL store not watched, or its watch down). */
export const writesSoFar = (db: object): number | null => writeCounts.get(db)?.() ?? null;
