// Opening the store: PGlite (PostgreSQL in WebAssembly, data in a folder) by default, or a
// PostgreSQL server when a URL is given — the same schema and the same migrations (drizzle/),
// applied at open and recorded in drizzle's own table, so a data folder or a database is brought
// to the version of the code that opens it.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fillCells } from './cells.ts';
import { fillPackedSources, fillSearchText } from './reports.ts';
import * as schema from './schema.ts';
import { lockDataDir } from './lock.ts';
import { countPoolWrites, countWrites } from './writes.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data is: the folder, or the server's URL without its password. */
  where: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… : a PostgreSQL server. Else PGlite in `dataDir` (or in memory where that is null). */
  url?: string | null;
  dataDir?: string | null;
  /**
   * PostgreSQL: what was read may be kept while the database announces no change (db/writes.ts),
   * on one more connection. For a server; the embedded store always counts its writes.
   */
  watchWrites?: boolean;
}

/** The migrations folder: beside src/ and dist/ in the project and in the installed package. */
const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

/** The application_name of a server's listening connection (db/writes.ts), as pg_stat_activity shows it. */
export const LISTENER_NAME = 'xxgk-listen';

export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.url) {
    const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator')]);
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    const db = drizzle(pool, { schema });
    const listen = countPoolWrites(pool, db);
    let unwatch = async () => {};
    const close = () => unwatch().then(() => pool.end());
    await prepare(db as unknown as Db, () => migrate(db, { migrationsFolder: MIGRATIONS }), close);
    // After the migrations: the announcements start with drizzle/0009.
    const url = opts.url;
    if (opts.watchWrites) unwatch = await listen(() => new pg.Client({ connectionString: url, application_name: LISTENER_NAME }));
    return { db: db as unknown as Db, kind: 'postgres', where: redact(opts.url), close };
  }
  const [{ PGlite }, { pg_trgm }, { drizzle }, { migrate }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm'), import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  if (opts.dataDir && !existsSync(opts.dataDir)) mkdirSync(opts.dataDir, { recursive: true });
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  // pg_trgm for the search's trigram index (PostgreSQL's own contrib extension, built into PGlite).
  const extensions = { pg_trgm };
  const options = { extensions, ...BYTEA };
  const client = opts.dataDir ? new PGlite(join(opts.dataDir, 'pg'), options) : new PGlite(options);
  const db = drizzle(client, { schema });
  countWrites(client, db);
  const close = () => client.close().finally(unlock);
  await prepare(db as unknown as Db, () => migrate(db, { migrationsFolder: MIGRATIONS }), close);
  return { db: db as unknown as Db, kind: 'pglite', where: opts.dataDir ?? '(内存)', close };
}

/** Brings a store to this code's version (its migrations, then what older versions left unfilled); closed again if that fails. */
async function prepare(db: Db, migrate: () => Promise<void>, close: () => Promise<void>): Promise<void> {
  try {
    await migrate();
    await fillSearchText(db);
    await fillPackedSources(db);
    await fillCells(db);
  } catch (e) {
    await close().catch(() => {});
    throw e;
  }
}

/**
 * bytea to and from PGlite by Node's own hex codec: PGlite's goes byte by byte through strings
 * (`Array.from(bytes).map((b) => b.toString(16).padStart(2, '0'))`, `parseInt` per pair): 0.77 ms
 * each way for a 10 KB file, against 0.014 and 0.026 ms here — paid for every source file and
 * packed source map stored, and every one read.
 */
const BYTEA_OID = 17;
const BYTEA = {
  serializers: { [BYTEA_OID]: (b: Uint8Array) => `\\x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')}` },
  parsers: { [BYTEA_OID]: (s: string) => new Uint8Array(Buffer.from(s.slice(2), 'hex')) },
};

/** A connection URL without its password, for logs. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
