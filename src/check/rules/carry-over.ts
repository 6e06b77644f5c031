import { agencyKey } from '../../model/agency.ts';
import { getCell } from '../../model/paths.ts';
import { templateFor, type TemplateVersion } from '../../template/index.ts';
import { describeCell } from '../describe.ts';
import type { ReadReport } from '../../map/source.ts';
import type { Finding, Rule } from '../rule.ts';

/** What the rule needs of a report: small, so a batch keeps one per report, not the reports. */
export interface CarrySummary {
  file: string;
  agency: string;
  year: number;
  template: TemplateVersion;
  /** Column key → 上年结转 and 结转下年度继续办理, with where they were printed. */
  over: Record<string, { value: number | null; line: number | null; page?: number }>;
  forward: Record<string, { value: number | null; line: number | null; page?: number }>;
}

const cellsByTemplate = new Map<TemplateVersion, { key: string; overPath: string; forwardPath: string }[]>();

/** Each column's 上年结转 and 结转下年度 paths, spelt once a template (not two strings a column a report). */
function carryCells(v: TemplateVersion) {
  let cells = cellsByTemplate.get(v);
  if (!cells) {
    cells = templateFor(v).applications.columns.map((c) => ({ key: c.key, overPath: `applications.carriedOver.${c.key}`, forwardPath: `applications.carriedForward.${c.key}` }));
    cellsByTemplate.set(v, cells);
  }
  return cells;
}

/** The summary of a report, or null where it names no agency or year (nothing to pair). */
export function carrySummary(read: ReadReport): CarrySummary | null {
  const { meta, template } = read.report;
  if (meta.year === null || !agencyKey(meta.agency)) return null;
  const over: CarrySummary['over'] = {};
  const forward: CarrySummary['forward'] = {};
  for (const { key, overPath, forwardPath } of carryCells(template)) {
    for (const [into, path] of [[over, overPath], [forward, forwardPath]] as const) {
      const v = getCell(read.report, path);
      const at = read.source.cells.get(path);
      into[key] = { value: typeof v === 'number' ? v : null, line: at?.line ?? null, ...(at?.page !== undefined ? { page: at.page } : {}) };
    }
  }
  return { file: read.source.file, agency: agencyKey(meta.agency), year: meta.year, template, over, forward };
}

/**
 * Findings on `now` against the same agency's report of the year before (`before`: findings on
 * 上年结转) or after (`after`: findings on 结转下年度继续办理, for a batch that met the later year first).
 */
export function carryFindings(now: CarrySummary, other: CarrySummary): Finding[] {
  const template = templateFor(now.template);
  const after = other.year === now.year + 1;
  const out: Finding[] = [];
  for (const col of template.applications.columns) {
    const mine = after ? now.forward[col.key] : now.over[col.key];
    const theirs = after ? other.over[col.key] : other.forward[col.key];
    if (!mine || !theirs || mine.value === null || theirs.value === null || mine.value === theirs.value) continue;
    const path = `applications.${after ? 'carriedForward' : 'carriedOver'}.${col.key}`;
    const message = after
      ? `${describeCell(template, path)}为 ${mine.value}，${other.year} 年报告（${other.file}）的上年结转为 ${theirs.value}`
      : `${describeCell(template, path)}为 ${mine.value}，${other.year} 年报告（${other.file}）的结转下年度为 ${theirs.value}`;
    out.push({ path, message, line: mine.line, ...(mine.page !== undefined ? { page: mine.page } : {}) });
  }
  return out;
}

const key = (agency: string, year: number) => `${year}\u0000${agency}`;

/**
 * Pairs reports by agency and year as they come (a map, not all with all). Each pair that differs
 * is reported once, on the one added second: with the earlier year first (files in order), that is
 * the later year's 上年结转, as the rule reports it.
 *
 * What it keeps of a report, for 100,000 in a batch: its file, its template, and the 上年结转 and
 * 结转下年度 of each column (NaN: none) in the template's column order, in one growing pool of
 * numbers: for 100,000 summaries 123 MB as objects, 48 MB with an array each, 36 MB pooled (heap
 * and buffers, measured).
 */
export class CarryIndex {
  private seen = new Map<string, Packed>();
  private pool = new Float64Array(1 << 12);
  private used = 0;

  add(s: CarrySummary | null): Finding[] {
    if (!s) return [];
    const out: Finding[] = [];
    for (const year of [s.year - 1, s.year + 1]) {
      const other = this.seen.get(key(s.agency, year));
      if (other) out.push(...carryFindings(s, this.unpack(other, s.agency, year)));
    }
    // Two reports of one agency and year: the first stands for both.
    if (!this.seen.has(key(s.agency, s.year))) this.seen.set(key(s.agency, s.year), this.pack(s));
    return out;
  }

  private pack(s: CarrySummary): Packed {
    const cols = templateFor(s.template).applications.columns;
    if (this.used + cols.length * 2 > this.pool.length) {
      const grown = new Float64Array(this.pool.length * 2);
      grown.set(this.pool);
      this.pool = grown;
    }
    const at = this.used;
    cols.forEach((col, i) => {
      this.pool[at + i * 2] = s.over[col.key]?.value ?? NaN;
      this.pool[at + i * 2 + 1] = s.forward[col.key]?.value ?? NaN;
    });
    this.used += cols.length * 2;
    return { file: s.file, template: s.template, at };
  }

  /** The summary again, without the lines and pages of its cells (findings point at the other report's). */
  private unpack(p: Packed, agency: string, year: number): CarrySummary {
    const out: CarrySummary = { file: p.file, agency, year, template: p.template, over: {}, forward: {} };
    const value = (v: number) => ({ value: Number.isNaN(v) ? null : v, line: null });
    templateFor(p.template).applications.columns.forEach((col, i) => {
      out.over[col.key] = value(this.pool[p.at + i * 2]);
      out.forward[col.key] = value(this.pool[p.at + i * 2 + 1]);
    });
    return out;
  }
}

interface Packed {
  file: string;
  template: TemplateVersion;
  /** Where its numbers start in the pool. */
  at: number;
}

export default {
  meta: { id: 'carry-over', severity: 'warning', description: '本年“上年结转”等于同一机关上年报告的“结转下年度继续办理”' },
  check(ctx) {
    // Nothing to pair with (a report checked alone, or a batch, which pairs through CarryIndex).
    if (!ctx.others.length) return [];
    const now = carrySummary(ctx);
    if (!now) return [];
    const last = ctx.others.find((o) => o.report.meta.year === now.year - 1 && agencyKey(o.report.meta.agency) === now.agency);
    const before = last && carrySummary(last);
    return before ? carryFindings(now, before) : [];
  },
  examples: {
    ok: [{ name: '2024 after 2023', others: [(f) => f.lastYear] }, { name: 'no report of last year given' }],
    notOk: [{ name: '2024 上年结转 differs from 2023 结转下年度', errors: [
        { message: '第三部分「二、上年结转政府信息公开申请数量」行「自然人」列为 2，2023 年报告（other-0.txt）的结转下年度为 5', line: 41 },
        { message: '第三部分「二、上年结转政府信息公开申请数量」行「总计」列为 2，2023 年报告（other-0.txt）的结转下年度为 5', line: 41 },
      ], others: [(f) => f.lastYear.replace('四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2', '四、结转下年度继续办理\t5\t0\t0\t0\t0\t0\t5')], path: 'applications.carriedOver.naturalPerson' }],
  },
} satisfies Rule;
