// Reports in the store: an import writes a source file, its agency, its report and a version in
// one transaction (all or nothing), and the same bytes imported again are found, not stored twice.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { ReadReport, SourceMap } from '../map/source.ts';
import type { Diagnostic, Report } from '../model/report.ts';
import type { Db } from './index.ts';
import { agencies, reportComments, reports, reportVersions, sourceFiles } from './schema.ts';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The source map as JSON (its cells are a Map in the engine). */
export const sourceToJson = (s: SourceMap) => ({ ...s, cells: Object.fromEntries(s.cells) });
export const sourceFromJson = (j: Record<string, unknown>): SourceMap => ({ ...(j as unknown as SourceMap), cells: new Map(Object.entries((j.cells ?? {}) as Record<string, never>)) });

export interface Stored {
  reportId: number;
  versionId: number;
  /** These bytes were stored before: nothing was written. */
  duplicate: boolean;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The agency of this full name (the first made, anywhere in the tree), or a new one at the root with its region code. */
async function agencyOf(tx: Tx, name: string, regionCode: string | null): Promise<number> {
  const found = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, name)).orderBy(agencies.id).limit(1);
  if (found[0]) return found[0].id;
  const [row] = await tx.insert(agencies).values({ name, regionCode }).returning({ id: agencies.id });
  await tx.update(agencies).set({ path: `/${row.id}/` }).where(eq(agencies.id, row.id));
  return row.id;
}

/** A version's words for search: the title, the preamble, each section's heading and text. */
export function searchTextOf(r: Report): string {
  return [r.meta.title, r.preamble, ...r.sections.flatMap((s) => [s.heading, s.text])].filter((x): x is string => typeof x === 'string' && x.length > 0).join('\n');
}

/** Reports stored before the search column (search_text null) get it from their current version. */
export async function fillSearchText(db: Db): Promise<void> {
  for (;;) {
    const rows = await db.select({ id: reports.id, model: reportVersions.model }).from(reports).innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersion)).where(isNull(reports.searchText)).limit(200);
    if (!rows.length) return;
    for (const r of rows) await db.update(reports).set({ searchText: searchTextOf(r.model as Report) }).where(eq(reports.id, r.id));
  }
}

const counts = (ds: Diagnostic[]) => ({ errors: ds.filter((d) => d.severity === 'error').length, warnings: ds.filter((d) => d.severity === 'warning').length });

/** Stores a report read from `bytes` (its file's name `name`): one transaction. */
/** A report of an agency outside the importing account's subtree: nothing is stored. */
export class OutOfScope extends Error {
  constructor(readonly agency: string | null) {
    super(`报告的机关「${agency ?? '（未写明）'}」不在当前账号的管辖范围内`);
  }
}

export async function storeImport(db: Db, name: string, bytes: Uint8Array, read: ReadReport, diagnostics: Diagnostic[], author: string | null = null, scope: string | null = null): Promise<Stored> {
  // Two imports of one agency's first report at once (PostgreSQL, several workers) both try to
  // create it; the one that loses the unique index tries again and finds it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeOnce(db, name, bytes, read, diagnostics, author, scope);
    } catch (e) {
      if (attempt >= 3 || !isUniqueViolation(e)) throw e;
    }
  }
}

const isUniqueViolation = (e: unknown): boolean => {
  for (let c: unknown = e; c && typeof c === 'object'; c = (c as { cause?: unknown }).cause) if ((c as { code?: string }).code === '23505') return true;
  return false;
};

async function storeOnce(db: Db, name: string, bytes: Uint8Array, read: ReadReport, diagnostics: Diagnostic[], author: string | null, scope: string | null): Promise<Stored> {
  const sha = sha256(bytes);
  return db.transaction(async (tx) => {
    const again = await tx.select({ reportId: reportVersions.reportId, versionId: reportVersions.id }).from(reportVersions).where(eq(reportVersions.sha256, sha)).orderBy(reportVersions.id).limit(1);
    if (again[0]) return { ...again[0], duplicate: true };
    await tx.insert(sourceFiles).values({ sha256: sha, name, size: bytes.length, bytes }).onConflictDoNothing();
    const { meta, template } = read.report;
    const agencyId = meta.agency ? await agencyOf(tx, meta.agency, meta.region?.code ?? null) : null;
    if (scope !== null) {
      const [a] = agencyId === null ? [] : await tx.select({ path: agencies.path }).from(agencies).where(eq(agencies.id, agencyId));
      // Thrown inside the transaction: an agency created for it goes too.
      if (!a?.path.startsWith(scope)) throw new OutOfScope(meta.agency);
    }
    // One report per agency and year; a report without either stands alone.
    const existing = agencyId !== null && meta.year !== null ? await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, agencyId), eq(reports.year, meta.year))) : [];
    const reportId = existing[0]?.id ?? (await tx.insert(reports).values({ agencyId, year: meta.year, template }).returning({ id: reports.id }))[0].id;
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${reportVersions.number}), 0)` }).from(reportVersions).where(eq(reportVersions.reportId, reportId));
    const [version] = await tx
      .insert(reportVersions)
      .values({ reportId, number: Number(last.n) + 1, sha256: sha, model: { ...read.report, diagnostics }, source: sourceToJson(read.source), findings: diagnostics, origin: 'import', author })
      .returning({ id: reportVersions.id });
    await tx.update(reports).set({ currentVersion: version.id, template, ...counts(diagnostics), searchText: searchTextOf(read.report), updatedAt: new Date() }).where(eq(reports.id, reportId));
    return { reportId, versionId: version.id, duplicate: false };
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

/** The list's orders: each a column (nulls as a value of their own, so that a cursor can pass them). */
export const SORT_KEYS = { id: sql`${reports.id}`, year: sql`coalesce(${reports.year}, -1)`, updated: sql`${reports.updatedAt}`, errors: sql`${reports.errors}`, warnings: sql`${reports.warnings}`, agency: sql`coalesce(${agencies.name}, '')` } as const;
export type SortKey = keyof typeof SORT_KEYS;

/** `like` of a word as itself: its `%`, `_` and `\` are not patterns. */
const literal = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(f: Omit<ReportFilter, 'limit' | 'cursor' | 'sort' | 'order'>): SQL[] {
  const where: SQL[] = [];
  if (f.year !== undefined) where.push(eq(reports.year, f.year));
  if (f.status !== undefined) where.push(eq(reports.status, f.status));
  if (f.agencyId !== undefined) where.push(sql`${agencies.path} like (select path from agencies where id = ${f.agencyId}) || '%'`);
  if (f.hasErrors !== undefined) where.push(f.hasErrors ? sql`${reports.errors} > 0` : sql`${reports.errors} = 0`);
  if (f.template !== undefined) where.push(eq(reports.template, f.template));
  if (f.region !== undefined) where.push(sql`${agencies.regionCode} like ${`${f.region.replace(/(00)+$/, '')}%`}`);
  if (f.rule !== undefined) where.push(sql`exists (select 1 from report_versions v where v.id = ${reports.currentVersion} and v.findings @> ${JSON.stringify([{ rule: f.rule }])}::jsonb)`);
  if (f.severity !== undefined) where.push(sql`exists (select 1 from report_versions v where v.id = ${reports.currentVersion} and v.findings @> ${JSON.stringify([{ severity: f.severity }])}::jsonb)`);
  if (f.scope) where.push(sql`${agencies.path} like ${`${f.scope}%`}`);
  if (f.publishedOnly) where.push(eq(reports.status, 'published'));
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
  source: ReturnType<typeof sourceToJson>;
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
    version: { id: v.id, number: v.number, origin: v.origin, author: v.author, reason: v.reason, createdAt: v.createdAt.toISOString(), sha256: v.sha256 },
    model: v.model as Report,
    findings: v.findings as Diagnostic[],
    source: v.source as ReturnType<typeof sourceToJson>,
  };
}

/** A new version of report `reportId` (an edit), made current, in one transaction. */
export async function storeEdit(db: Db, reportId: number, read: ReadReport, diagnostics: Diagnostic[], author: string | null, reason: string): Promise<number> {
  return db.transaction(async (tx) => {
    // The report row is locked first, so two edits at once get numbers one after the other.
    await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, reportId)).for('update');
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${reportVersions.number}), 0)` }).from(reportVersions).where(eq(reportVersions.reportId, reportId));
    const [v] = await tx
      .insert(reportVersions)
      .values({ reportId, number: Number(last.n) + 1, sha256: null, model: read.report, source: sourceToJson(read.source), findings: diagnostics, origin: 'edit', author, reason })
      .returning({ id: reportVersions.id });
    await tx.update(reports).set({ currentVersion: v.id, year: read.report.meta.year, ...counts(diagnostics), searchText: searchTextOf(read.report), updatedAt: new Date() }).where(eq(reports.id, reportId));
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

/** The current models of these reports, by id: one query, without the source maps and findings. */
export async function currentModels(db: Db, ids: number[]): Promise<Map<number, Report>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: reports.id, model: reportVersions.model }).from(reports).innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersion)).where(inArray(reports.id, ids));
  return new Map(rows.map((r) => [r.id, r.model as Report]));
}
