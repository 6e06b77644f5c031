// Each report's cells as columns (schema.ts: cells_2019, cells_2021), and the sum over them in SQL.
//
// A sum is the engine's (src/sum): per cell, the exact sum of the values, or null with the inputs
// whose cell is null or has no counterpart in the sum's format named. Over models that means
// reading each one's JSONB (1,547 reports: 434 ms; 100,000 would take half a minute). Here the
// store keeps, beside each current version, its cells converted to the format of its year
// (model/convert.ts, as the engine converts them) and, on the report's row, where its blanks are;
// one scan with a SUM per column gives the totals, and the engine finishes the sum from them
// (finishSum) exactly as it finishes its own. test/cells.test.ts holds the two roads to the same
// answer on both databases.
import { getTableColumns, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { conversionOf, convertReport } from '../model/convert.ts';
import { getCell } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import type { SummedCell } from '../model/sums.ts';
import { cellsOf, templateFor, versionForYear, type TemplateVersion } from '../template/index.ts';
import type { Db } from './index.ts';
import { fillInPages } from './reports.ts';
import { agencies, cellTables, reports, reportVersions } from './schema.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type CellTable = (typeof cellTables)[TemplateVersion];

const VERSIONS = Object.keys(cellTables) as TemplateVersion[];
/** The largest count a cell column holds (PostgreSQL's integer: schema.ts cellTable). */
const INT_MAX = 2 ** 31 - 1;

/** A report's current version as the store keeps it for sums: its row in the table of its year's format (none without a year), and its head's columns on `reports`. */
export type CellRow = ReturnType<typeof cellRow>;

export function cellRow(versionId: number, report: Report) {
  const head = { printedAgency: report.meta.agency, cellsExact: null as boolean | null, cellsNull: null as number[] | null };
  const year = report.meta.year;
  if (year === null) return { version: null, row: null, head };
  const version = versionForYear(year);
  const converted = convertReport(report, version).report;
  const unmapped = new Set(conversionOf(report.template, version).unmapped);
  let exact = true;
  const nulls: number[] = [];
  const row: Record<string, unknown> = { versionId };
  cellsOf(templateFor(version)).forEach((c, k) => {
    const v = getCell(converted, c.path) ?? null;
    // A count that is not a whole number (a model given as JSON may hold one), or past an integer
    // column's range, has no column value: the report says so and a sum over it is the engine's.
    const fits = v === null || (c.column.unit ? Number.isFinite(v) : Number.isInteger(v) && Math.abs(v) <= INT_MAX);
    if (!fits) exact = false;
    if (v === null && !unmapped.has(c.path)) nulls.push(k);
    row[c.path] = fits && v !== null && c.column.unit ? String(v) : fits ? v : null;
  });
  return { version, row, head: { ...head, cellsExact: exact, cellsNull: nulls } };
}

/** Writes the cell rows of these reports' current versions (replacing older ones; none where a report has no year) and their heads. */
export async function writeCells(tx: Tx | Db, items: { reportId: number; versionId: number; report: Report }[]): Promise<void> {
  if (!items.length) return;
  const made = items.map((it) => ({ reportId: it.reportId, cells: cellRow(it.versionId, it.report) }));
  await writeCellRows(tx, made);
  await tx.execute(sql`update ${reports} set printed_agency = v.agency, cells_exact = v.exact, cells_null = v.nulls
    from json_to_recordset(${JSON.stringify(made.map(({ reportId, cells: { head } }) => ({ id: reportId, agency: head.printedAgency, exact: head.cellsExact, nulls: head.cellsNull })))}::json) as v(id int, agency text, exact boolean, nulls smallint[])
    where ${reports.id} = v.id`);
}

/**
 * The cell rows alone: a caller that writes the report rows itself puts the heads (`CellRow.head`)
 * in the same statement. A second update of a row just written costs PostgreSQL a new copy of the
 * row and, the page being full, an entry in every index — the trigram index's hundreds of entries
 * too (34 of 130 ms of the store's statements for 64 reports, pg_stat_statements, 2026-12-07).
 */
export async function writeCellRows(tx: Tx | Db, made: { reportId: number; cells: CellRow }[]): Promise<void> {
  for (const version of VERSIONS) {
    const table = cellTables[version] as CellTable;
    const rows = made.filter((m) => m.cells.version === version).map((m) => ({ ...m.cells.row, reportId: m.reportId }) as Record<string, unknown>);
    // A report whose year moved to another format (an edit), or lost it, leaves the other tables.
    const elsewhere = made.filter((m) => m.cells.version !== version).map((m) => m.reportId);
    if (elsewhere.length) await tx.delete(table).where(inArray(table.reportId, elsewhere));
    if (!rows.length) continue;
    // The rows as one parameter, an array of the table's own row type in PostgreSQL's text form
    // (`{"(1,7,0,3,,…)",…}`): 200 parameters a row cost PGlite's protocol 1.9 ms a report, and
    // json_populate_recordset's keys (every column's name in every row) made 8 KB of JSON a row.
    const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>);
    const literal = `{${rows.map((r) => `"(${columns.map(([k]) => (r[k] === null || r[k] === undefined ? '' : String(r[k]))).join(',')})"`).join(',')}}`;
    const update = columns.filter(([k]) => k !== 'reportId').map(([, c]) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`);
    await tx.execute(sql`insert into ${table} select * from unnest(${literal}::${table}[]) on conflict (report_id) do update set ${sql.join(update, sql`, `)}`);
  }
}

/** Reports whose current version has no cell row yet (stored before the tables, or restored from an older backup) get one (at open). */
export async function fillCells(db: Db): Promise<void> {
  const missing = (t: CellTable) => sql`not exists (select 1 from ${t} where ${t.reportId} = ${reports.id} and ${t.versionId} = ${reports.currentVersion})`;
  await fillInPages(
    async () => {
      const page = await db
        .select({ reportId: reports.id, versionId: reportVersions.id, model: reportVersions.model })
        .from(reports)
        .innerJoin(reportVersions, sql`${reportVersions.id} = ${reports.currentVersion}`)
        .where(sql`${isNotNull(reports.year)} and ${sql.join(VERSIONS.map((v) => missing(cellTables[v] as CellTable)), sql` and `)}`)
        .limit(200);
      // A model without a year under a report with one has no row to write: it would be found
      // again and again, so a page of only such ends the fill.
      return page.map((p) => ({ ...p, report: p.model as Report })).filter((p) => p.report.meta.year !== null);
    },
    (items) => db.transaction((tx) => writeCells(tx, items)),
  );
}

/** What a sum needs to know of a stored report besides its cells: its head for the engine (SumHead). */
export interface StoredHead {
  id: number;
  /** The agency in the store: the report's name in the sum, `name（#id）`. */
  agencyName: string | null;
  year: number | null;
  /** The agency as the model names it. */
  agency: string | null;
  template: TemplateVersion;
  /** Positions of its blank cells in its year's format's cell order. */
  nulls: readonly number[];
}

export interface StoredHeads {
  /** In the order of their ids. */
  heads: StoredHead[];
  /** Every one has a row whose cells fit their columns (else the sum goes through the models). */
  exact: boolean;
  /** The smallest id of a report the asker may not read (`visible` false), or null. */
  hidden: number | null;
}

/**
 * The heads of the reports `where` selects (a condition on `reports` and `agencies`) for a sum of
 * `year` in `version`, and whether the asker sees them all (`visible`, the list's own condition:
 * db/reports.ts visibility). One row of one aggregate pass: ids, blanks and odd heads (year or
 * format not the sum's) as strings of numbers, names as JSON arrays of strings (100,000 rows of
 * nine columns took the drivers several times as long; a JSON array per report, twice as long in
 * the database as this). Every aggregate of one Aggregate node is fed the same rows in the same
 * order, and json_agg has no combine function, so PostgreSQL never splits this one among parallel
 * workers; the lists line up by place (their lengths are checked). Sorted here, by id.
 */
export async function storedHeads(db: Db, where: SQL, visible: SQL, year: number, version: TemplateVersion): Promise<StoredHeads> {
  const r = reports;
  const odd = sql`${r.year} is distinct from ${year} or ${r.template} <> ${version}`;
  const result = await db.execute(
    sql`select bool_and(coalesce(${r.cellsExact}, false)) as exact, min(${r.id}) filter (where not (${visible})) as hidden,
        string_agg(${r.id}::text, ',') as ids, json_agg(${agencies.name})::text as names, json_agg(${r.printedAgency})::text as printed,
        string_agg(coalesce(array_to_string(${r.cellsNull}, ' '), ''), ',') as blanks,
        string_agg(${r.id}::text || ' ' || coalesce(${r.year}::text, '') || ' ' || ${r.template}, ',') filter (where ${odd}) as odd
      from ${r} left join ${agencies} on ${agencies.id} = ${r.agencyId} where ${where}`,
  );
  const row = rowsOf<{ exact: boolean | null; hidden: number | null; ids: string | null; names: string | null; printed: string | null; blanks: string | null; odd: string | null }>(result)[0];
  if (!row?.ids) return { heads: [], exact: false, hidden: row?.hidden ?? null };
  const ids = row.ids.split(',').map(Number);
  const names = JSON.parse(row.names!) as (string | null)[];
  const printed = JSON.parse(row.printed!) as (string | null)[];
  const blanks = row.blanks!.split(',');
  if (names.length !== ids.length || printed.length !== ids.length || blanks.length !== ids.length) throw new Error('storedHeads: lists of different lengths');
  const others = new Map((row.odd ? row.odd.split(',') : []).map((o) => o.split(' ')).map(([id, y, t]) => [Number(id), { year: y ? Number(y) : null, template: t as TemplateVersion }]));
  const order = ids.map((_, i) => i).sort((a, b) => ids[a] - ids[b]);
  const heads = order.map((i) => {
    const id = ids[i];
    const o = others.get(id);
    return { id, agencyName: names[i], agency: printed[i], year: o ? o.year : year, template: o ? o.template : version, nulls: blanks[i] ? blanks[i].split(' ').map(Number) : NONE };
  });
  return { heads, exact: row.exact ?? false, hidden: row.hidden ?? null };
}
const NONE: readonly number[] = [];

/** An id list as one parameter (`int[]`): 100,000 ids would be 100,000 parameters as IN (…). */
export const idArray = (ids: number[]): SQL => sql`${`{${ids.join(',')}}`}::int[]`;

/**
 * Every cell of `version`'s format summed over the rows of the reports `where` selects (as for
 * storedHeads), as model/sums.ts's sumAllCells gives them over models. Starts the scan at once and
 * gives a function that finishes it with the reports' heads (storedHeads of the same `where`, each
 * with a row there: exact not null, its year's format `version`): on PostgreSQL the scan and the
 * heads' query run side by side. `nullIn` and `unmappedIn` index into the heads, in their order.
 */
export function sumStored(db: Db, version: TemplateVersion, where: SQL): (heads: StoredHead[]) => Promise<SummedCell[]> {
  const t = cellTables[version] as CellTable;
  const columns = getTableColumns(t) as Record<string, PgColumn>;
  const cells = cellsOf(templateFor(version));
  // One scan: per cell the exact sum (numeric, as text: no float on the way). Its blanks are the heads'.
  const totals = db.execute(
    sql`select ${sql.join(cells.map((c, i) => sql`sum(${columns[c.path]})::text as ${sql.raw(`s${i}`)}`), sql`, `)} from ${t}
      where ${t.reportId} in (select ${reports.id} from ${reports} left join ${agencies} on ${agencies.id} = ${reports.agencyId} where ${where})`,
  );
  // Not awaited until the heads are in: a failure must not be a rejection nobody awaits.
  totals.catch(() => {});
  return async (heads) => {
    const total = rowsOf<Record<string, string | null>>(await totals)[0];
    const nullIn: number[][] = cells.map(() => []);
    heads.forEach((h, i) => {
      for (const k of h.nulls) nullIn[k].push(i);
    });
    // The inputs of another format, in the cells that format has no counterpart of.
    const unmappedIn = new Map<string, number[]>();
    heads.forEach((h, i) => {
      if (h.template === version) return;
      for (const p of conversionOf(h.template, version).unmapped) (unmappedIn.get(p) ?? unmappedIn.set(p, []).get(p)!).push(i);
    });
    return cells.map((c, i) => {
      const blank = nullIn[i];
      const unmapped = unmappedIn.get(c.path) ?? [];
      const sum = total[`s${i}`];
      return { path: c.path, value: blank.length || unmapped.length || sum === null ? null : Number(sum), nullIn: blank, unmappedIn: unmapped };
    });
  };
}

/** Rows of a raw query on either driver (node-postgres and PGlite both give `rows`). */
/** The rows of a raw statement's result (`db.execute`), as either driver gives them. */
export const rowsOf = <R>(r: unknown): R[] => (r as { rows: R[] }).rows;


/** A report's values of some cells, from the cell tables: for charts and rankings over many reports. */
export interface CellValues {
  id: number;
  agency: string | null;
  agencyId: number | null;
  status: string;
  errors: number;
  warnings: number;
  /** In the order of the paths asked; null where blank. */
  values: (number | null)[];
}

/**
 * The cells of every report of a year that `where` selects (the list's filter, conditions in
 * reports.ts), as stored in the table of the year's format: one scan, no model read. A report
 * whose values do not fit their columns (cells_exact false) has them null there, as blank.
 */
export async function cellValues(db: Db, year: number, paths: string[], where: SQL[], limit: number): Promise<CellValues[]> {
  const table = cellTables[versionForYear(year)];
  const columns = getTableColumns(table) as unknown as Record<string, PgColumn>;
  const picked = Object.fromEntries(paths.map((p, i) => [`v${i}`, columns[p]]));
  const rows = await db
    .select({ id: reports.id, agency: agencies.name, agencyId: reports.agencyId, status: reports.status, errors: reports.errors, warnings: reports.warnings, ...picked })
    .from(reports)
    .innerJoin(table, sql`${table.reportId} = ${reports.id}`)
    .leftJoin(agencies, sql`${agencies.id} = ${reports.agencyId}`)
    .where(sql.join([sql`${reports.year} = ${year}`, ...where], sql` and `))
    .orderBy(reports.id)
    .limit(limit);
  return rows.map((r) => {
    const row = r as Record<string, unknown>;
    return { id: r.id, agency: r.agency, agencyId: r.agencyId, status: r.status, errors: r.errors, warnings: r.warnings, values: paths.map((_, i) => (row[`v${i}`] === null ? null : Number(row[`v${i}`]))) };
  });
}
