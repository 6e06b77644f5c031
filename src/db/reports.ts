// Reports in the store: an import writes a source file, its agency, its report and a version in
// one transaction (all or nothing), and the same bytes imported again are found, not stored twice.
import { createHash } from 'node:crypto';
import { packJson, packSource, unpackSource, type SourceJson } from '../map/packed.ts';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { ReadReport } from '../map/source.ts';
import type { Diagnostic, Report } from '../model/report.ts';
import { cellRow, rowsOf, writeCellRows } from './cells.ts';
import type { Db } from './index.ts';
import { writesSoFar } from './writes.ts';
import { agencies, reportComments, reports, reportVersions, sourceFiles } from './schema.ts';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export { packSource, sourceFromJson, sourceToJson, unpackSource } from '../map/packed.ts';

/** Versions stored before the packed column get it from their JSONB source map (at open). */
export async function fillPackedSources(db: Db): Promise<void> {
  await fillInPages(
    () => db.select({ id: reportVersions.id, source: reportVersions.source }).from(reportVersions).where(isNull(reportVersions.sourcePacked)).limit(200),
    async (rows) => {
      for (const r of rows) await db.update(reportVersions).set({ sourcePacked: packJson(r.source ?? {}), source: null }).where(eq(reportVersions.id, r.id));
    },
  );
}

/**
 * Rows from before a column (or a table), filled from what is stored a page at a time until a
 * page comes back empty (at open). A page must leave none of its rows to be found again.
 */
export async function fillInPages<R>(page: () => Promise<R[]>, fill: (rows: R[]) => Promise<unknown>): Promise<void> {
  for (let rows = await page(); rows.length; rows = await page()) await fill(rows);
}

export interface Stored {
  reportId: number;
  versionId: number;
  /** These bytes were stored before: nothing was written. */
  duplicate: boolean;
}

/** A version's words for search: the title, the preamble, each section's heading and text. */
export function searchTextOf(r: Report): string {
  return [r.meta.title, r.preamble, ...r.sections.flatMap((s) => [s.heading, s.text])].filter((x): x is string => typeof x === 'string' && x.length > 0).join('\n');
}

/** Reports stored before the search column (search_text null) get it from their current version. */
export async function fillSearchText(db: Db): Promise<void> {
  await fillInPages(
    () => db.select({ id: reports.id, model: reportVersions.model }).from(reports).innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersion)).where(isNull(reports.searchText)).limit(200),
    async (rows) => {
      for (const r of rows) await db.update(reports).set({ searchText: searchTextOf(r.model as Report) }).where(eq(reports.id, r.id));
    },
  );
}

const counts = (ds: Diagnostic[]) => ({ errors: ds.filter((d) => d.severity === 'error').length, warnings: ds.filter((d) => d.severity === 'warning').length });

/** A report of an agency outside the importing account's subtree: nothing is stored. */
export class OutOfScope extends Error {
  constructor(readonly agency: string | null) {
    super(`报告的机关「${agency ?? '（未写明）'}」不在当前账号的管辖范围内`);
  }
}

/** A file read for import: its name, its bytes, what the engine read (the source map packed: packSource) and found. */
export interface ImportItem {
  name: string;
  bytes: Uint8Array;
  report: Report;
  source: Uint8Array;
  diagnostics: Diagnostic[];
  /** How its version came to be (default `import`): `draft` (written in xxgk), `sum` (summed from departments). */
  origin?: 'import' | 'draft' | 'sum';
  /** Why, kept with the version (a draft's basis). */
  reason?: string;
}

/** Each item's outcome: stored (or found stored), out of the account's scope, or the database's error. */
export type StoreOutcome = Stored | OutOfScope | { failed: unknown };

/** Stores one report read from a file: one transaction. */
export async function storeImport(db: Db, name: string, bytes: Uint8Array, read: ReadReport, diagnostics: Diagnostic[], author: string | null = null, scope: string | null = null): Promise<Stored> {
  const [out] = await storeImports(db, [{ name, bytes, report: read.report, source: packSource(read.source), diagnostics }], author, scope);
  if (out instanceof OutOfScope) throw out;
  if ('failed' in out) throw out.failed;
  return out;
}

type Keyed = ImportItem & { at: number; sha: string };
const yearKey = (it: ImportItem) => (it.report.meta.agency && it.report.meta.year !== null ? `${it.report.meta.agency}\u0000${it.report.meta.year}` : null);

/**
 * Stores reports read from files, many in one transaction: a group costs a dozen statements
 * whatever its size, where one report at a time cost a dozen each — on PGlite a statement costs
 * ~1 ms of this thread (its protocol and file layer in JavaScript), which made 30 ms a report
 * (bench/RESULTS.md). Each file stays all or nothing: a group that fails is stored again one file
 * at a time, so that one file's error is its own. Two files of one group never name the same
 * bytes or the same agency and year: the later waits for the next group (it is a new version of
 * what the first stored, or a duplicate of it).
 */
export async function storeImports(db: Db, items: ImportItem[], author: string | null = null, scope: string | null = null): Promise<StoreOutcome[]> {
  const out: StoreOutcome[] = new Array(items.length);
  let rest: Keyed[] = items.map((it, at) => ({ ...it, at, sha: sha256(it.bytes) }));
  while (rest.length) {
    const group: Keyed[] = [];
    const later: Keyed[] = [];
    const shas = new Set<string>();
    const keys = new Set<string>();
    for (const it of rest) {
      const k = yearKey(it);
      if (shas.has(it.sha) || (k !== null && keys.has(k))) later.push(it);
      else {
        group.push(it);
        shas.add(it.sha);
        if (k !== null) keys.add(k);
      }
    }
    const done = await storeRetrying(db, group, author, scope).catch(async (e: unknown) => {
      if (group.length === 1) return [{ failed: e }];
      // One file's error is its own: each alone, in order.
      const alone: StoreOutcome[] = [];
      for (const it of group) alone.push(await storeRetrying(db, [it], author, scope).then(([o]) => o, (failed: unknown) => ({ failed })));
      return alone;
    });
    done.forEach((o, j) => (out[group[j].at] = o));
    rest = later;
  }
  return out;
}

/** Two imports of one agency's first report at once (PostgreSQL, several workers) both try to create it; the one that loses the unique index tries again and finds it. */
async function storeRetrying(db: Db, group: Keyed[], author: string | null, scope: string | null): Promise<(Stored | OutOfScope)[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeGroup(db, group, author, scope);
    } catch (e) {
      if (attempt >= 3 || !isUniqueViolation(e)) throw e;
    }
  }
}

const isUniqueViolation = (e: unknown): boolean => {
  for (let c: unknown = e; c && typeof c === 'object'; c = (c as { cause?: unknown }).cause) if ((c as { code?: string }).code === '23505') return true;
  return false;
};

/** `(…), (…)`: a row of SQL for each item. */
export const sqlRows = <T>(list: T[], row: (t: T) => SQL) => sql.join(list.map(row), sql`, `);

async function storeGroup(db: Db, group: Keyed[], author: string | null, scope: string | null): Promise<(Stored | OutOfScope)[]> {
  return db.transaction(async (tx) => {
    const result: (Stored | OutOfScope)[] = new Array(group.length);
    // The same bytes stored before: found, nothing written.
    const seen = await tx
      .selectDistinctOn([reportVersions.sha256], { sha: reportVersions.sha256, reportId: reportVersions.reportId, versionId: reportVersions.id, agency: agencies.name, path: agencies.path })
      .from(reportVersions)
      .innerJoin(reports, eq(reports.id, reportVersions.reportId))
      .leftJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(inArray(reportVersions.sha256, group.map((it) => it.sha)))
      .orderBy(reportVersions.sha256, reportVersions.id);
    const seenBySha = new Map(seen.map((s) => [s.sha, s]));
    // Agencies by the full name the report gives: the first made, anywhere in the tree.
    const names = [...new Set(group.flatMap((it) => (it.report.meta.agency ? [it.report.meta.agency] : [])))];
    const known = names.length
      ? await tx.selectDistinctOn([agencies.name], { name: agencies.name, id: agencies.id, path: agencies.path }).from(agencies).where(inArray(agencies.name, names)).orderBy(agencies.name, agencies.id)
      : [];
    const agencyByName = new Map(known.map((a) => [a.name, a]));
    const fresh: { it: Keyed; j: number }[] = [];
    group.forEach((it, j) => {
      const s = seenBySha.get(it.sha);
      // An account limited to a subtree stores reports of the agencies in it only (a new agency would
      // be at the root), and is not told where a file outside it was stored before.
      const inScope = (path: string | null | undefined) => scope === null || (path?.startsWith(scope) ?? false);
      if (s) return void (result[j] = inScope(s.path) ? { reportId: s.reportId, versionId: s.versionId, duplicate: true } : new OutOfScope(s.agency));
      const name = it.report.meta.agency;
      if (!inScope(name ? agencyByName.get(name)?.path : null)) return void (result[j] = new OutOfScope(name));
      fresh.push({ it, j });
    });
    if (!fresh.length) return result;
    // New agencies at the root, each with its region code and its path.
    const missing = new Map<string, string | null>();
    for (const { it } of fresh) {
      const { agency, region } = it.report.meta;
      if (agency && !agencyByName.has(agency) && !missing.has(agency)) missing.set(agency, region?.code ?? null);
    }
    if (missing.size) {
      const made = await tx.insert(agencies).values([...missing].map(([name, regionCode]) => ({ name, regionCode }))).returning({ id: agencies.id, name: agencies.name });
      await tx.update(agencies).set({ path: sql`'/' || ${agencies.id} || '/'` }).where(inArray(agencies.id, made.map((m) => m.id)));
      for (const m of made) agencyByName.set(m.name, { ...m, path: `/${m.id}/` });
    }
    await tx
      .insert(sourceFiles)
      .values(fresh.map(({ it }) => ({ sha256: it.sha, name: it.name, size: it.bytes.length, bytes: it.bytes })))
      .onConflictDoNothing();
    // One report per agency and year; a report without either stands alone.
    const agencyOf = (it: Keyed) => (it.report.meta.agency ? agencyByName.get(it.report.meta.agency)!.id : null);
    const keyed = fresh.filter(({ it }) => agencyOf(it) !== null && it.report.meta.year !== null);
    const pairKey = (agencyId: number | null, year: number | null) => `${agencyId}/${year}`;
    const existing = keyed.length
      ? await tx
          .select({ id: reports.id, agencyId: reports.agencyId, year: reports.year })
          .from(reports)
          .where(sql`(${reports.agencyId}, ${reports.year}) in (${sqlRows(keyed, ({ it }) => sql`(${agencyOf(it)}::int, ${it.report.meta.year}::smallint)`)})`)
      : [];
    const reportByKey = new Map(existing.map((r) => [pairKey(r.agencyId, r.year), r.id]));
    // Each file's version id is taken from its sequence first, so that a new report's row is
    // written once, whole, pointing at its version (writeCellRows says why not twice).
    const ids: { id: number }[] = await tx.execute(sql`select nextval(pg_get_serial_sequence('report_versions', 'id'))::int as id from generate_series(1, ${fresh.length}::int)`).then(rowsOf<{ id: number }>);
    const versionIds = new Map(fresh.map(({ j }, k) => [j, ids[k].id]));
    const cellsOf = new Map(fresh.map(({ it, j }) => [j, cellRow(versionIds.get(j)!, it.report)]));
    // The columns a report takes from its current version.
    const currentOf = ({ it, j }: { it: Keyed; j: number }) => ({ currentVersion: versionIds.get(j)!, template: it.report.template, ...counts(it.diagnostics), searchText: searchTextOf(it.report), ...cellsOf.get(j)!.head });
    const rowOf = (f: { it: Keyed; j: number }) => ({ agencyId: agencyOf(f.it), year: f.it.report.meta.year, ...currentOf(f) });
    const reportIds = new Map<number, number>();
    const newKeyed = keyed.filter(({ it }) => !reportByKey.has(pairKey(agencyOf(it), it.report.meta.year)));
    if (newKeyed.length) {
      const rows = await tx.insert(reports).values(newKeyed.map(rowOf)).returning({ id: reports.id, agencyId: reports.agencyId, year: reports.year });
      for (const r of rows) reportByKey.set(pairKey(r.agencyId, r.year), r.id);
    }
    // Reports stored before: a new current version, in one statement.
    const made = new Set(newKeyed);
    const older = keyed.filter((f) => !made.has(f));
    for (const f of keyed) reportIds.set(f.j, reportByKey.get(pairKey(agencyOf(f.it), f.it.report.meta.year))!);
    if (older.length)
      await tx.execute(sql`update ${reports} set current_version = v.version, template = v.template, errors = v.errors, warnings = v.warnings, search_text = v.words,
          printed_agency = v.agency, cells_exact = v.exact, cells_null = v.nulls, updated_at = now()
        from json_to_recordset(${JSON.stringify(
          older.map((f) => {
            const c = currentOf(f);
            return { id: reportIds.get(f.j), version: c.currentVersion, template: c.template, errors: c.errors, warnings: c.warnings, words: c.searchText, agency: c.printedAgency, exact: c.cellsExact, nulls: c.cellsNull };
          }),
        )}::json) as v(id int, version int, template text, errors int, warnings int, words text, agency text, exact boolean, nulls smallint[])
        where ${reports.id} = v.id`);
    // Rare (no agency or no year): its own report, one statement.
    for (const f of fresh) if (!reportIds.has(f.j)) reportIds.set(f.j, (await tx.insert(reports).values(rowOf(f)).returning({ id: reports.id }))[0].id);
    const lastNumbers = existing.length
      ? await tx
          .select({ reportId: reportVersions.reportId, n: sql<number>`max(${reportVersions.number})` })
          .from(reportVersions)
          .where(inArray(reportVersions.reportId, existing.map((r) => r.id)))
          .groupBy(reportVersions.reportId)
      : [];
    const lastOf = new Map(lastNumbers.map((l) => [l.reportId, Number(l.n)]));
    await tx.insert(reportVersions).values(
      fresh.map(({ it, j }) => {
        const reportId = reportIds.get(j)!;
        return { id: versionIds.get(j)!, reportId, number: (lastOf.get(reportId) ?? 0) + 1, sha256: it.sha, model: { ...it.report, diagnostics: it.diagnostics }, sourcePacked: it.source, findings: it.diagnostics, origin: it.origin ?? 'import', reason: it.reason ?? null, author };
      }),
    );
    await writeCellRows(tx, fresh.map(({ j }) => ({ reportId: reportIds.get(j)!, cells: cellsOf.get(j)! })));
    for (const { j } of fresh) result[j] = { reportId: reportIds.get(j)!, versionId: versionIds.get(j)!, duplicate: false };
    return result;
  });
}

export interface ReportSummary {
  id: number;
  agency: string | null;
  agencyId: number | null;
  year: number | null;
  template: string;
  status: string;
  errors: number;
  warnings: number;
  updatedAt: string;
}

export interface ReportFilter {
  year?: number;
  status?: string;
  agencyId?: number;
  hasErrors?: boolean;
  template?: string;
  /** A division code: 6 digits, a province's or prefecture's covering its counties (`420000`, `421300`). */
  region?: string;
  /** Reports whose current findings include this rule / this severity. */
  rule?: string;
  severity?: string;
  /** Every word of it in the report's text (title, preamble, sections), as written: `信息处理费`. */
  words?: string[];
  /** Conditions on the current version's cells: `applications.received.total > 10`. */
  cells?: CellCondition[];
  /** The list's order (default: newest first) and the cursor of the page after which to go on. */
  sort?: SortKey;
  order?: 'asc' | 'desc';
  cursor?: string;
  /** Only reports of agencies at and below this path (an account's subtree). */
  scope?: string | null;
  /** Only published reports (a visitor without an account). */
  publishedOnly?: boolean;
  limit: number;
}

export const CELL_OPS = ['>', '>=', '<', '<=', '=', '!='] as const;
export interface CellCondition {
  /** A cell path of the template (the caller checks it names one). */
  path: string;
  op: (typeof CELL_OPS)[number];
  value: number;
}

/**
 * The list's orders: each a column (nulls as a value of their own, so that a cursor can pass them;
 * times to the millisecond, as a cursor carries them — PostgreSQL keeps microseconds).
 */
export const SORT_KEYS = { id: sql`${reports.id}`, year: sql`coalesce(${reports.year}, -1)`, updated: sql`date_trunc('milliseconds', ${reports.updatedAt})`, errors: sql`${reports.errors}`, warnings: sql`${reports.warnings}`, agency: sql`coalesce(${agencies.name}, '')` } as const;
export type SortKey = keyof typeof SORT_KEYS;

/** `like` of a word as itself: its `%`, `_` and `\` are not patterns. */
const literal = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The reports an asker may read: within an account's subtree; published ones for a visitor without one (as the server's mayRead). */
export function visibility(f: Pick<ReportFilter, 'scope' | 'publishedOnly'>): SQL {
  const where: SQL[] = [sql`true`];
  if (f.scope) where.push(sql`${agencies.path} like ${`${f.scope}%`}`);
  if (f.publishedOnly) where.push(eq(reports.status, 'published'));
  return sql.join(where, sql` and `);
}

/** The list's filter as SQL conditions on reports (joined with agencies), the asker's visibility among them. */
export function conditions(f: Omit<ReportFilter, 'limit' | 'cursor' | 'sort' | 'order'>): SQL[] {
  const where: SQL[] = [];
  if (f.year !== undefined) where.push(eq(reports.year, f.year));
  if (f.status !== undefined) where.push(eq(reports.status, f.status));
  if (f.agencyId !== undefined) where.push(sql`${agencies.path} like (select path from agencies where id = ${f.agencyId}) || '%'`);
  if (f.hasErrors !== undefined) where.push(f.hasErrors ? sql`${reports.errors} > 0` : sql`${reports.errors} = 0`);
  if (f.template !== undefined) where.push(eq(reports.template, f.template));
  if (f.region !== undefined) where.push(sql`${agencies.regionCode} like ${`${f.region.replace(/(00)+$/, '')}%`}`);
  if (f.rule !== undefined) where.push(sql`exists (select 1 from report_versions v where v.id = ${reports.currentVersion} and v.findings @> ${JSON.stringify([{ rule: f.rule }])}::jsonb)`);
  if (f.severity !== undefined) where.push(sql`exists (select 1 from report_versions v where v.id = ${reports.currentVersion} and v.findings @> ${JSON.stringify([{ severity: f.severity }])}::jsonb)`);
  where.push(visibility(f));
  for (const w of f.words ?? []) where.push(sql`${reports.searchText} ilike ${literal(w)}`);
  for (const c of f.cells ?? []) {
    const cell = sql`(v.model #> ${`{${c.path.split('.').join(',')}}`}::text[])`;
    where.push(sql`exists (select 1 from report_versions v where v.id = ${reports.currentVersion} and jsonb_typeof(${cell}) = 'number' and (${cell})::numeric ${sql.raw(c.op === '!=' ? '<>' : c.op)} ${c.value})`);
  }
  return where;
}

/** A page's cursor: the last item's sort value and id, opaque to the client. */
const encodeCursor = (value: unknown, id: number) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
function decodeCursor(cursor: string): [string | number, number] | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && Number.isInteger(v[1])) return v as [string | number, number];
  } catch {
    // not a cursor of ours
  }
  return null;
}

export class BadCursor extends Error {}

export async function listReports(db: Db, f: ReportFilter): Promise<{ items: ReportSummary[]; next: string | null }> {
  const where = conditions(f);
  const key = SORT_KEYS[f.sort ?? 'id'];
  const dir = f.order ?? 'desc';
  if (f.cursor !== undefined) {
    const c = decodeCursor(f.cursor);
    if (!c) throw new BadCursor();
    // Keyset: after the last item of the page before, in the list's order (id breaks ties).
    const at = f.sort === 'updated' ? sql`${new Date(String(c[0]))}` : sql`${c[0]}`;
    where.push(dir === 'desc' ? sql`(${key}, ${reports.id}) < (${at}, ${c[1]})` : sql`(${key}, ${reports.id}) > (${at}, ${c[1]})`);
  }
  const rows = await db
    .select({ id: reports.id, agency: agencies.name, agencyId: reports.agencyId, year: reports.year, template: reports.template, status: reports.status, errors: reports.errors, warnings: reports.warnings, updatedAt: reports.updatedAt, key: sql<unknown>`${key}`.as('sort_key') })
    .from(reports)
    .leftJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(dir === 'desc' ? desc(key) : asc(key), dir === 'desc' ? desc(reports.id) : asc(reports.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const items = page.map(({ key: _, ...r }) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
  const lastKey = last ? (last.key instanceof Date ? last.key.toISOString() : typeof last.key === 'string' && f.sort === 'updated' ? new Date(last.key).toISOString() : last.key) : null;
  return { items, next: rows.length > f.limit && last ? encodeCursor(typeof lastKey === 'string' || typeof lastKey === 'number' ? lastKey : Number(lastKey), last.id) : null };
}

export interface ReportDetail extends ReportSummary {
  /** The agency's place in the tree (`/1/7/`), for the permission checks. */
  agencyPath: string | null;
  version: { id: number; number: number; origin: string; author: string | null; reason: string | null; createdAt: string; sha256: string | null };
  model: Report;
  findings: Diagnostic[];
  source: SourceJson;
}

export async function getReport(db: Db, id: number): Promise<ReportDetail | null> {
  const [r] = await db
    .select({ report: reports, agency: agencies.name, agencyPath: agencies.path, v: reportVersions })
    .from(reports)
    .leftJoin(agencies, eq(agencies.id, reports.agencyId))
    .innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersion))
    .where(eq(reports.id, id));
  if (!r) return null;
  const { report: p, v } = r;
  return {
    id: p.id,
    agency: r.agency,
    agencyPath: r.agencyPath,
    agencyId: p.agencyId,
    year: p.year,
    template: p.template,
    status: p.status,
    errors: p.errors,
    warnings: p.warnings,
    updatedAt: p.updatedAt.toISOString(),
    version: versionSummary(v),
    model: v.model as Report,
    findings: v.findings as Diagnostic[],
    source: unpackSource(v.sourcePacked!),
  };
}

/**
 * Versions as the API sends them, serialized: a version is never changed, so its JSON is kept
 * (the newest used, a few hundred) whichever process changed the report — a GET of a report then
 * costs one small query for its row, not the version's model, findings and source map read,
 * parsed and serialized again (the target: p99 < 20 ms at 500 requests/s).
 */
const versionJsons = new WeakMap<Db, Map<number, string>>();
const VERSIONS_KEPT = 300;

/** A report's row for reportJson, prepared once a store (drizzle builds its SQL once, not at every GET). */
const headQuery = (db: Db) =>
  db
    .select({ id: reports.id, agency: agencies.name, agencyPath: agencies.path, agencyId: reports.agencyId, year: reports.year, template: reports.template, status: reports.status, errors: reports.errors, warnings: reports.warnings, updatedAt: reports.updatedAt, current: reports.currentVersion })
    .from(reports)
    .leftJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(eq(reports.id, sql.placeholder('id')))
    .prepare('report_head');
const heads = new WeakMap<Db, ReturnType<typeof headQuery>>();
type Head = Awaited<ReturnType<ReturnType<typeof headQuery>['execute']>>[number];
/**
 * Report rows read by reportJson, with the embedded store's count of writes before they were read
 * (db/writes.ts writesSoFar): one still counts as the store's while nothing was written since. A GET
 * on PGlite then runs no statement at all while nothing changes (PGlite runs one at a time on the
 * server's thread: 0.5 ms each, and autocannon's 20 connections send their requests together).
 */
const headsRead = new WeakMap<Db, Map<number, { writes: number; head: Head | undefined }>>();
const HEADS_KEPT = 10_000;

async function headOf(db: Db, id: number): Promise<Head | undefined> {
  const writes = writesSoFar(db);
  const kept = writes === null ? undefined : (headsRead.get(db) ?? headsRead.set(db, new Map()).get(db)!);
  const seen = kept?.get(id);
  if (seen && seen.writes === writes) return seen.head;
  const [head] = await (heads.get(db) ?? heads.set(db, headQuery(db)).get(db)!).execute({ id });
  if (kept && writes !== null) {
    if (kept.size >= HEADS_KEPT) kept.clear();
    kept.set(id, { writes, head });
  }
  return head;
}

/** A report as the API sends it (getReport's object without the agency's path), as JSON; null: no such report. */
export async function reportJson(db: Db, id: number): Promise<{ status: string; agencyPath: string | null; json: string } | null> {
  const r = await headOf(db, id);
  if (!r || r.current === null) return null;
  // By store: ids are a database's own (a process may have two open, as a restore does).
  const versionJson = versionJsons.get(db) ?? versionJsons.set(db, new Map()).get(db)!;
  let version = versionJson.get(r.current);
  if (version === undefined) {
    const [v] = await db.select().from(reportVersions).where(eq(reportVersions.id, r.current));
    if (!v) return null;
    version = JSON.stringify({ version: versionSummary(v), model: v.model, findings: v.findings, source: unpackSource(v.sourcePacked!) }).slice(1, -1);
    if (versionJson.size >= VERSIONS_KEPT) versionJson.delete(versionJson.keys().next().value!);
  } else versionJson.delete(r.current);
  versionJson.set(r.current, version);
  const { current: _, agencyPath, ...head } = r;
  return { status: r.status, agencyPath, json: `${JSON.stringify({ ...head, updatedAt: r.updatedAt.toISOString() }).slice(0, -1)},${version}}` };
}

const versionSummary = (v: typeof reportVersions.$inferSelect): ReportDetail['version'] => ({ id: v.id, number: v.number, origin: v.origin, author: v.author, reason: v.reason, createdAt: v.createdAt.toISOString(), sha256: v.sha256 });

/** A new version of report `reportId` (an edit), made current, in one transaction. */
export async function storeEdit(db: Db, reportId: number, read: ReadReport, diagnostics: Diagnostic[], author: string | null, reason: string): Promise<number> {
  return db.transaction(async (tx) => {
    // The report row is locked first, so two edits at once get numbers one after the other.
    await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, reportId)).for('update');
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${reportVersions.number}), 0)` }).from(reportVersions).where(eq(reportVersions.reportId, reportId));
    const [v] = await tx
      .insert(reportVersions)
      .values({ reportId, number: Number(last.n) + 1, sha256: null, model: read.report, sourcePacked: packSource(read.source), findings: diagnostics, origin: 'edit', author, reason })
      .returning({ id: reportVersions.id });
    const cells = cellRow(v.id, read.report);
    await tx.update(reports).set({ currentVersion: v.id, year: read.report.meta.year, ...counts(diagnostics), searchText: searchTextOf(read.report), ...cells.head, updatedAt: new Date() }).where(eq(reports.id, reportId));
    await writeCellRows(tx, [{ reportId, cells }]);
    return v.id;
  });
}

export interface VersionSummary {
  id: number;
  number: number;
  origin: string;
  author: string | null;
  reason: string | null;
  sha256: string | null;
  createdAt: string;
}

export async function listVersions(db: Db, reportId: number): Promise<VersionSummary[]> {
  const rows = await db
    .select({ id: reportVersions.id, number: reportVersions.number, origin: reportVersions.origin, author: reportVersions.author, reason: reportVersions.reason, sha256: reportVersions.sha256, createdAt: reportVersions.createdAt })
    .from(reportVersions)
    .where(eq(reportVersions.reportId, reportId))
    .orderBy(reportVersions.number);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The statuses a report moves between, and who may not skip a step. */
export const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type Status = (typeof STATUSES)[number];
export const TRANSITIONS: Record<Status, Status[]> = {
  draft: ['submitted'],
  submitted: ['returned', 'approved'],
  returned: ['submitted'],
  approved: ['published', 'returned'],
  published: ['approved'],
};

/** Moves a report to `to` with a comment; false when it is not in a status that leads there. */
export async function changeStatus(db: Db, reportId: number, to: Status, comment: string, author: string | null): Promise<{ from: Status } | { refused: Status }> {
  return db.transaction(async (tx) => {
    const [r] = await tx.select({ status: reports.status, currentVersion: reports.currentVersion }).from(reports).where(eq(reports.id, reportId)).for('update');
    const status = r.status as Status;
    if (!TRANSITIONS[status].includes(to)) return { refused: status };
    await tx.update(reports).set({ status: to, updatedAt: new Date() }).where(eq(reports.id, reportId));
    await tx.insert(reportComments).values({ reportId, versionId: r.currentVersion, kind: 'status', statusFrom: status, statusTo: to, body: comment, author });
    return { from: status };
  });
}

export async function addComment(db: Db, reportId: number, c: { body: string; path?: string | null; rule?: string | null }, author: string | null): Promise<number> {
  const [r] = await db.select({ v: reports.currentVersion }).from(reports).where(eq(reports.id, reportId));
  const [row] = await db.insert(reportComments).values({ reportId, versionId: r?.v ?? null, kind: 'comment', path: c.path ?? null, rule: c.rule ?? null, body: c.body, author }).returning({ id: reportComments.id });
  return row.id;
}

export async function listComments(db: Db, reportId: number) {
  const rows = await db.select().from(reportComments).where(eq(reportComments.reportId, reportId)).orderBy(reportComments.id);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** How many reports the filter selects, by year, status, template and whether they have errors. */
export async function facetCounts(db: Db, f: Omit<ReportFilter, 'limit' | 'cursor' | 'sort' | 'order'>) {
  const where = conditions(f);
  const by = async (col: SQL) => {
    const rows = await db.select({ key: sql<string>`${col}::text`, n: sql<number>`count(*)::int` }).from(reports).leftJoin(agencies, eq(agencies.id, reports.agencyId)).where(where.length ? and(...where) : undefined).groupBy(col);
    return Object.fromEntries(rows.map((r) => [r.key ?? '（未知）', Number(r.n)]));
  };
  return { year: await by(sql`${reports.year}`), status: await by(sql`${reports.status}`), template: await by(sql`${reports.template}`), hasErrors: await by(sql`(${reports.errors} > 0)`) };
}

/** These reports' current models with what a permission check needs, in pages of a query each (a sum's departments). */
export async function currentReports(db: Db, ids: number[]): Promise<{ id: number; agency: string | null; agencyPath: string | null; status: string; model: Report }[]> {
  const out = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const page = ids.slice(i, i + 1000);
    const rows = await db
      .select({ id: reports.id, agency: agencies.name, agencyPath: agencies.path, status: reports.status, model: reportVersions.model })
      .from(reports)
      .leftJoin(agencies, eq(agencies.id, reports.agencyId))
      .innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersion))
      .where(inArray(reports.id, page));
    const byId = new Map(rows.map((r) => [r.id, { ...r, model: r.model as Report }]));
    for (const id of page) if (byId.has(id)) out.push(byId.get(id)!);
  }
  return out;
}

/** The current models of these reports, by id: one query, without the source maps and findings. */
export async function currentModels(db: Db, ids: number[]): Promise<Map<number, Report>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: reports.id, model: reportVersions.model }).from(reports).innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersion)).where(inArray(reports.id, ids));
  return new Map(rows.map((r) => [r.id, r.model as Report]));
}
