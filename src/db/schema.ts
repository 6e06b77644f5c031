// The workbench's tables (drizzle-orm, one schema for PGlite and PostgreSQL). The migrations in
// drizzle/ are generated from this file (`npm run db:generate`) and applied at start (src/db/index.ts).
//
// Why this shape (the queries of the workbench, for 100,000 reports × 200 cells):
// - A report is one agency's report for one year (unique); what was read or edited is a version.
//   Versions are appended, never updated: an edit is a new version with who, when and why, and the
//   imported original stays. `reports.current_version` points at the one in force.
// - The model, the source map and the findings of a version are JSONB: they are the API's payload
//   (read whole, written whole), validated by the model's zod schema, and their keys come from
//   the template — no second list of cells as columns.
// - Source files are stored once by sha256 (the same bytes twice are one file) in the database,
//   so that every worker, on any machine, reads them, and a backup holds everything.
// - Agencies form a tree; `path` (`/1/7/23/`) makes "this agency and everything under it" one
//   indexed prefix match on both databases (PGlite has no ltree by default).
// - The one exception to "no cells as columns": `cells_2019` and `cells_2021`, a row per report
//   (its current version) in the format of its year, a column per cell — generated here from the
//   template, never listed by hand — so that a sum over 100,000 reports is one scan with a SUM per
//   column (src/db/cells.ts), where reading 100,000 JSONB models would take minutes. Derived data:
//   written with each version, filled at open where missing, and summed by the engine's own rules;
//   what the sum needs besides the cells (the printed agency, blanks) is on `reports`, narrow.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, numeric, pgTable, serial, smallint, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { cellsOf, templateFor, type TemplateVersion } from '../template/index.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const agencies = pgTable(
  'agencies',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id').references((): AnyPgColumn => agencies.id),
    name: text('name').notNull(),
    /** government | office | department */
    kind: text('kind').notNull().default('department'),
    /** National division code (6 digits) from the engine, where it found one. */
    regionCode: text('region_code'),
    /** `/1/7/23/`: the ids from the root down to this agency. */
    path: text('path').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // By name too: an import finds its agency by the full name the report gives (db/reports.ts agencyOf).
  (t) => [uniqueIndex('agencies_parent_name').on(sql`coalesce(${t.parentId}, 0)`, t.name), index('agencies_path').on(sql`${t.path} text_pattern_ops`), index('agencies_name').on(t.name)],
);

export const sourceFiles = pgTable('source_files', {
  sha256: text('sha256').primaryKey(),
  /** The name it was first imported under. */
  name: text('name').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const reports = pgTable(
  'reports',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id').references(() => agencies.id),
    year: smallint('year'),
    /** 2019 | 2021 */
    template: text('template').notNull(),
    /** draft | submitted | returned | approved | published */
    status: text('status').notNull().default('draft'),
    currentVersion: integer('current_version'),
    /** Errors and warnings of the current version, for the list's filters and facets. */
    errors: integer('errors').notNull().default(0),
    warnings: integer('warnings').notNull().default(0),
    /**
     * The current version's words — title, preamble, each section's heading and text — for search:
     * a trigram index (pg_trgm, in PGlite and PostgreSQL alike) answers `ilike '%信息处理费%'`
     * without a Chinese dictionary. Null: not yet filled (rows from before it; filled at open).
     */
    searchText: text('search_text'),
    /**
     * What a sum needs of the current version besides its cells (src/db/cells.ts), kept here so
     * that the heads of 100,000 reports are read without the wide cell tables: the agency as the
     * model names it (the agency row is the one it was filed under), whether its cells fit their
     * columns in cells_<format> (null: it has no row there, having no year), and the positions —
     * in its year's format's cell order — of the cells blank in that row.
     */
    printedAgency: text('printed_agency'),
    cellsExact: boolean('cells_exact'),
    cellsNull: smallint('cells_null').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_agency_year').on(t.agencyId, t.year),
    index('reports_year').on(t.year),
    index('reports_status').on(t.status),
    index('reports_search').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const reportVersions = pgTable(
  'report_versions',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    /** 1, 2, … within its report. */
    number: integer('number').notNull(),
    /** The file this version was read from (null for an edit). */
    sha256: text('sha256').references(() => sourceFiles.sha256),
    model: jsonb('model').notNull(),
    /**
     * The source map, gzipped JSON (src/db/reports.ts packSource): it is 10–20 times its report's
     * text (a position for every cell) and never queried inside, and as JSONB it was half the cost
     * of storing a report on PGlite (2.5–3.3 of 5.4 ms, bench/RESULTS.md). `source`, its JSONB
     * form, is what versions stored before it have; they are packed at open (fillPackedSources).
     */
    sourcePacked: bytea('source_packed'),
    source: jsonb('source'),
    findings: jsonb('findings').notNull(),
    /** import | edit */
    origin: text('origin').notNull(),
    author: text('author'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_versions_number').on(t.reportId, t.number), index('report_versions_sha').on(t.sha256)],
);

export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    batch: text('batch').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').references(() => sourceFiles.sha256),
    /** queued | reading | stored | failed */
    status: text('status').notNull().default('queued'),
    /** The reader's one-line reason, for a failed file. */
    reason: text('reason'),
    reportId: integer('report_id').references(() => reports.id),
    /** The file's bytes were already stored under the same report (imported again). */
    duplicate: boolean('duplicate').notNull().default(false),
    /** Where the uploaded bytes wait until the job ends (a restarted server takes the job up again). */
    spoolPath: text('spool_path'),
    /**
     * On PostgreSQL, the uploaded bytes themselves until the job ends: the queue (pg-boss) hands the
     * job to any `xxgk worker`, on any machine, which reads them from here. Cleared when it ends.
     */
    bytes: bytea('bytes'),
    /** Times a worker took the job up (1 unless one died on it), and which worker last did. */
    attempts: integer('attempts').notNull().default(0),
    worker: text('worker'),
    /** When a worker took it: another may take a `reading` job only after the lease (src/server/queue.ts). */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** Who imported it, and the subtree the import is limited to (null: any agency). */
    author: text('author'),
    scope: text('scope'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('import_jobs_batch').on(t.batch), index('import_jobs_status').on(t.status)],
);

export const reportComments = pgTable(
  'report_comments',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    /** The version it was written on. */
    versionId: integer('version_id').references(() => reportVersions.id),
    /** comment | status */
    kind: text('kind').notNull(),
    /** A cell's model path (`applications.total.naturalPerson`) or a finding's path, where it is about one. */
    path: text('path'),
    /** The rule of the finding it answers, where it answers one. */
    rule: text('rule'),
    statusFrom: text('status_from'),
    statusTo: text('status_to'),
    body: text('body').notNull(),
    author: text('author'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_comments_report').on(t.reportId)],
);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** scrypt$N$r$p$salt$hash (src/server/passwords.ts). */
  passwordHash: text('password_hash').notNull(),
  /** admin | reviewer | editor | viewer */
  role: text('role').notNull(),
  /** The subtree of agencies the account works on; null: all (an admin of the whole store). */
  agencyId: integer('agency_id').references(() => agencies.id),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie's token: a stolen table opens no session. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** Sent back in the x-csrf-token header with every change made with this session. */
    csrf: text('csrf').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/** Every change, appended, never updated: who, when, what, before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    userName: text('user_name'),
    /** import | edit | status | comment | login | logout | user.create | token.create … */
    action: text('action').notNull(),
    target: text('target'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/**
 * A cell's column: named by its model path (PostgreSQL cuts names at 63 bytes: a longer path keeps
 * its start and a hash of the whole), `numeric` where the template says the cell is an amount in
 * 万元 (exact decimals), `integer` for counts: a sum of integers scans several times faster than
 * of numerics, and at 4 bytes 100,000 rows of 200 counts are 87 MB, not bigint's 158 (PostgreSQL's
 * default shared buffers are 128 MB). A count past 2^31 − 1 makes its report's row inexact.
 */
export const cellColumnName = (path: string) => (path.length <= 63 ? path : `${path.slice(0, 54)}~${createHash('sha1').update(path).digest('hex').slice(0, 8)}`);

function cellTable<V extends TemplateVersion>(version: V) {
  const cells = Object.fromEntries(cellsOf(templateFor(version)).map((c) => [c.path, c.column.unit ? numeric(cellColumnName(c.path)) : integer(cellColumnName(c.path))]));
  return pgTable(`cells_${version}`, {
    reportId: integer('report_id')
      .primaryKey()
      .references(() => reports.id),
    /** The current version it was written from: a report whose current version has none is refilled (fillCells). */
    versionId: integer('version_id').notNull(),
    ...cells,
  });
}

export const cells2019 = cellTable('2019');
export const cells2021 = cellTable('2021');
/** The cell tables by format; `satisfies` makes a new template version a compile error here until it has one. */
export const cellTables = { '2019': cells2019, '2021': cells2021 } satisfies Record<TemplateVersion, unknown>;
