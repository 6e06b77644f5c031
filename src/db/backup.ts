// Backup and restore of a whole store — agencies, reports and every version, the source files'
// bytes, imports, comments, accounts, sessions, tokens, the audit log — as one archive that either
// database writes and either reads: a laptop's embedded store restored into a PostgreSQL server.
//
// A logical archive, not pg_dump's: PGlite (PostgreSQL 18 in WASM) has no pg_dump beside it, and a
// dump of 18 does not load into Debian's 15; rows as JSON restore anywhere the same migrations
// run. The tables, their order, keys and column types all come from the drizzle schema: a table
// added there is backed up without a word here. The archive is a zip (fflate, streamed both ways,
// so memory holds one page of rows, not the store): `manifest.json`, then `tables/<name>.ndjson`
// in an order where every row's references come before it. A backup reads one snapshot (a
// repeatable-read transaction); a restore is one transaction into an empty store: all or nothing.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { asc, getTableName, gt, is, sql, type Column } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { Unzip, UnzipInflate, Zip, ZipDeflate, type UnzipFile } from 'fflate';
import type { Db } from './index.ts';
import * as schema from './schema.ts';

export const BACKUP_FORMAT = 'xxgk-backup/1';
const PAGE = 500;
/** Rows a restore inserts in one statement: PAGE, fewer for wide tables (cells_*: ~200 columns), under PostgreSQL's 65,535 parameters. */
const pageOf = (t: TableInfo) => Math.max(1, Math.min(PAGE, Math.floor(30_000 / Object.keys(t.columns).length)));

interface TableInfo {
  table: PgTable;
  name: string;
  /** The single-column primary key, by its JS name, for keyset pages. */
  key: Column;
  keyName: string;
  /** Columns by JS name. */
  columns: Record<string, Column>;
  /** JS names of columns that reference this same table (agencies' parent): set after the table's rows. */
  selfRefs: string[];
}

/** Every table of the schema, each after the tables it references. */
function tables(): TableInfo[] {
  const all = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));
  const info = new Map<string, TableInfo & { deps: Set<string> }>();
  for (const table of all) {
    const config = getTableConfig(table);
    const columns = Object.fromEntries(Object.entries(table as unknown as Record<string, unknown>).filter(([, c]) => config.columns.includes(c as never))) as Record<string, Column>;
    const keyEntry = Object.entries(columns).find(([, c]) => c.primary);
    if (!keyEntry) throw new Error(`backup: table ${config.name} has no single-column primary key`);
    const deps = new Set<string>();
    const selfRefs: string[] = [];
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableName(ref.foreignTable);
      if (target === config.name) selfRefs.push(...ref.columns.map((c) => Object.entries(columns).find(([, col]) => col === c)![0]));
      else deps.add(target);
    }
    info.set(config.name, { table, name: config.name, key: keyEntry[1], keyName: keyEntry[0], columns, selfRefs, deps });
  }
  const order: TableInfo[] = [];
  const placed = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name)) return;
    placed.add(name);
    const t = info.get(name)!;
    for (const d of t.deps) place(d);
    order.push(t);
  };
  for (const name of [...info.keys()].sort()) place(name);
  return order;
}

const isBytes = (c: Column) => c.getSQLType() === 'bytea';
const isDate = (c: Column) => c.dataType === 'date';

/** A row as a JSON line: bytes as base64, dates as ISO strings (JSON's own). */
function encodeRow(t: TableInfo, row: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Uint8Array && isBytes(t.columns[k]) ? Buffer.from(v).toString('base64') : v;
  return JSON.stringify(out);
}

function decodeRow(t: TableInfo, line: string, at: string): Record<string, unknown> {
  const row = JSON.parse(line) as Record<string, unknown>;
  for (const k of Object.keys(row)) {
    const c = t.columns[k];
    if (!c) throw new BackupError(`备份中 ${at} 有本版本没有的列「${k}」`);
    const v = row[k];
    if (v === null) continue;
    if (isBytes(c)) row[k] = new Uint8Array(Buffer.from(String(v), 'base64'));
    else if (isDate(c)) row[k] = new Date(String(v));
  }
  return row;
}

/** A refusal with its reason in Chinese (the file, the table, what is wrong). */
export class BackupError extends Error {}

export interface BackupManifest {
  format: string;
  createdAt: string;
  /** Migrations applied to the store backed up. */
  migrations: number;
  /** Rows per table. */
  rows: Record<string, number>;
}

async function migrationCount(db: Db): Promise<number> {
  const r = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number((r as unknown as { rows: { n: number }[] }).rows[0].n);
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables()) out[t.name] = Number((await db.select({ n: sql<number>`count(*)::int` }).from(t.table))[0].n);
  return out;
}

/** Writes the store to `file`; `progress` hears each table as it is written. */
export async function backup(db: Db, file: string, progress: (table: string, rows: number, of: number) => void = () => {}): Promise<BackupManifest> {
  const out = createWriteStream(file);
  let failed: Error | null = null;
  let paused: Promise<void> | null = null;
  out.on('error', (e) => (failed = e));
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else if (!out.write(chunk) && !final) paused = once(out, 'drain').then(() => undefined);
    if (final) out.end();
  });
  const entry = (name: string) => {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    return async (text: string, last = false) => {
      f.push(new TextEncoder().encode(text), last);
      if (paused) await paused;
      paused = null;
      if (failed) throw failed;
    };
  };
  const manifest = await db.transaction(
    async (tx) => {
      const m: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations: await migrationCount(tx as unknown as Db), rows: await rowCounts(tx as unknown as Db) };
      await entry('manifest.json')(JSON.stringify(m, null, 2), true);
      for (const t of tables()) {
        const write = entry(`tables/${t.name}.ndjson`);
        let last: unknown = undefined;
        let n = 0;
        for (;;) {
          const page = (await tx.select().from(t.table).where(last === undefined ? undefined : gt(t.key, last)).orderBy(asc(t.key)).limit(PAGE)) as Record<string, unknown>[];
          if (!page.length) break;
          await write(page.map((r) => `${encodeRow(t, r)}\n`).join(''));
          n += page.length;
          last = page[page.length - 1][t.keyName];
          progress(t.name, n, m.rows[t.name]);
        }
        await write('', true);
      }
      return m;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  zip.end();
  if (!out.writableFinished) await once(out, 'finish');
  if (failed) throw failed;
  return manifest;
}

/**
 * Restores the archive into `db`, which must be empty (its migrations applied). One transaction:
 * a damaged archive, a row that does not fit, an archive of a newer xxgk leave the store as it was.
 */
export async function restore(db: Db, file: string, progress: (table: string, rows: number, of: number) => void = () => {}): Promise<BackupManifest> {
  const counts = await rowCounts(db);
  const full = Object.entries(counts).filter(([, n]) => n > 0);
  if (full.length) throw new BackupError(`目标数据库不是空的（${full.map(([t, n]) => `${t} ${n} 行`).join('、')}）：请恢复到新的数据目录或空的数据库`);
  const known = await migrationCount(db);
  const byName = new Map(tables().map((t) => [t.name, t]));
  return db.transaction(async (tx) => {
    let manifest: BackupManifest | null = null;
    // Entries arrive in the archive's order; each is inserted as its lines complete.
    const work: (() => Promise<void>)[] = [];
    let failure: Error | null = null;
    let first = true;
    const unzip = new Unzip((f: UnzipFile) => {
      // The manifest comes first: nothing is inserted before the archive's version is known.
      if (first && f.name !== 'manifest.json') failure ??= new BackupError(`备份文件已损坏或不是 xxgk 的备份（${file}）：没有 manifest.json`);
      first = false;
      if (failure) return;
      const decoder = new TextDecoder();
      let text = '';
      const name = f.name;
      const table = name === 'manifest.json' ? null : byName.get(name.replace(/^tables\//, '').replace(/\.ndjson$/, ''));
      if (name !== 'manifest.json' && !table) {
        failure ??= new BackupError(`备份中有无法识别的内容「${name}」`);
        return;
      }
      let rows: Record<string, unknown>[] = [];
      let n = 0;
      let lineNo = 0;
      const selfUpdates: { key: unknown; set: Record<string, unknown> }[] = [];
      const flush = (t: TableInfo) => {
        const batch = rows;
        rows = [];
        if (!batch.length) return;
        work.push(async () => {
          await tx.insert(t.table).values(batch);
          n += batch.length;
          progress(t.name, n, manifest?.rows[t.name] ?? n);
        });
      };
      f.ondata = (err, chunk, final) => {
        if (err) return void (failure ??= new BackupError(`备份文件已损坏（${name}）`));
        text += decoder.decode(chunk, { stream: !final });
        if (!table) {
          if (final) work.push(async () => void (manifest = checkManifest(text, known)));
          return;
        }
        let nl: number;
        while ((nl = text.indexOf('\n')) >= 0) {
          const line = text.slice(0, nl);
          text = text.slice(nl + 1);
          lineNo++;
          if (!line) continue;
          let row: Record<string, unknown>;
          try {
            row = decodeRow(table, line, `${table.name} 第 ${lineNo} 行`);
          } catch (e) {
            return void (failure ??= e instanceof BackupError ? e : new BackupError(`备份文件已损坏（${table.name} 第 ${lineNo} 行不是有效的数据）`));
          }
          // A reference to a row of the same table may point forward: set once all rows are in.
          if (table.selfRefs.length) {
            const set = Object.fromEntries(table.selfRefs.filter((k) => row[k] !== null && row[k] !== undefined).map((k) => [k, row[k]]));
            if (Object.keys(set).length) selfUpdates.push({ key: row[table.keyName], set });
            for (const k of table.selfRefs) row[k] = null;
          }
          rows.push(row);
          if (rows.length >= pageOf(table)) flush(table);
        }
        if (final) {
          flush(table);
          work.push(async () => {
            for (const u of selfUpdates) await tx.update(table.table).set(u.set).where(sql`${table.key} = ${u.key}`);
          });
        }
      };
      f.start();
    });
    unzip.register(UnzipInflate);
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
        unzip.push(chunk);
        if (failure) throw failure;
        for (const w of work.splice(0)) await w();
      }
      unzip.push(new Uint8Array(0), true);
      if (failure) throw failure;
      for (const w of work.splice(0)) await w();
    } catch (e) {
      if (e instanceof BackupError) throw e;
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`找不到备份文件 ${file}`);
      // The database's own reason (drizzle's message is the whole statement with it).
      const reason = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : '';
      if (e instanceof Error && /insert|violates|constraint/i.test(`${e.message} ${reason}`)) throw new BackupError(`备份中的数据与数据库结构不符：${reason.split('\n')[0].slice(0, 300)}`);
      throw new BackupError(`备份文件已损坏或不是 xxgk 的备份（${file}）`);
    }
    if (!manifest) throw new BackupError(`备份文件已损坏或不是 xxgk 的备份（${file}）：没有 manifest.json`);
    const got = await rowCounts(tx as unknown as Db);
    for (const [t, n] of Object.entries((manifest as BackupManifest).rows)) if ((got[t] ?? 0) !== n) throw new BackupError(`备份不完整：${t} 应有 ${n} 行，读到 ${got[t] ?? 0} 行`);
    // Serial keys go on from the restored rows, not from 1.
    for (const t of tables()) {
      if (!/serial/i.test(t.key.getSQLType())) continue;
      const q = `'"${t.name}"'`;
      await tx.execute(sql.raw(`select setval(pg_get_serial_sequence(${q}, '${t.key.name}'), coalesce((select max("${t.key.name}") from "${t.name}"), 1), (select count(*) > 0 from "${t.name}"))`));
    }
    return manifest as BackupManifest;
  });
}

function checkManifest(text: string, known: number): BackupManifest {
  let m: BackupManifest;
  try {
    m = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupError('备份文件的 manifest.json 已损坏');
  }
  if (m.format !== BACKUP_FORMAT) throw new BackupError(`不是 xxgk 的备份（格式为「${String(m.format)}」）`);
  if (m.migrations > known) throw new BackupError(`这份备份来自更新版本的 xxgk（数据库版本 ${m.migrations}，本版本 ${known}）：请先升级 xxgk`);
  return m;
}
