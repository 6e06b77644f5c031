// A government-wide report summed from its departments' reports of the same year (`xxgk sum`):
// every cell of the format, exactly; a cell null in any input is null in the sum and named; the
// checks run on the sum; a breakdown appendix lists the departments.
import { describeCell } from '../check/describe.ts';
import { check } from '../check/index.ts';
import type { ReadReport } from '../map/source.ts';
import { draftMeta } from '../draft/meta.ts';
import { draftSections } from '../draft/narrative.ts';
import type { SourceMap } from '../map/source.ts';
import { agencyKey } from '../model/agency.ts';
import { blankReport } from '../model/blank.ts';
import { setCell } from '../model/paths.ts';
import type { Diagnostic, Report, Severity } from '../model/report.ts';
import { templateFor, versionForYear, type TemplateVersion } from '../template/index.ts';
import type { Appendix } from '../model/grid.ts';
import { breakdownAppendix, breakdownOf, type Breakdown } from './breakdown.ts';
import { sumAllCells, type SummedCell } from '../model/sums.ts';
import { conversionOf } from '../model/convert.ts';
import { modelSource } from '../map/json.ts';

export { sumCells, sumAllCells, sameValue, type SummedCell } from '../model/sums.ts';
export { conversionOf, convertReport, SAME_ACTIVE_CELLS, type Conversion } from '../model/convert.ts';
export { breakdownColumns, columnValue, type Breakdown, type BreakdownColumn } from './breakdown.ts';

/**
 * The checks run on a sum: those about its content. The others (headings, labels, title, blank
 * cells, units, OCR, the year in the title) are about how a document was printed, and a sum was not
 * printed; its null cells are named by the sum's own findings.
 */
export const SUM_RULES = ['s3-row-total', 's3-outcome-total', 's3-balance', 's4-total', 's2-stock', 'narrative-applications', 'narrative-reviews', 'fees-not-reported', 'template-version'];

export interface SumInput {
  file: string;
  report: Report;
}

export interface SumOptions {
  /** The government: its name as the report will carry it (e.g. 广水市人民政府). */
  agency: string;
  year: number;
  /** The format of the sum; by default the one in force for `year`. */
  template?: TemplateVersion;
}

/** What the sum says about itself, besides the checks. */
export interface SumFinding {
  /** `sum-null`: null in some input; `sum-unmapped`: no exact counterpart in an input's version;
   *  `sum-dropped`: cells of an input with no place in the sum's version; `sum-duplicate`: an agency given twice. */
  kind: 'sum-null' | 'sum-unmapped' | 'sum-dropped' | 'sum-duplicate';
  severity: Severity;
  /** Model path of the cell (or `meta.agency`, or `template`). */
  path: string;
  /** The cell's official labels (`第三部分「（七）总计」行「自然人」列`). */
  label: string;
  /** The inputs concerned, as `agency（file）`. */
  departments: string[];
  /** The same inputs by their place in the inputs given (a store names them so: src/server/app.ts). */
  inputs: number[];
  message: string;
}

export interface SumRefusal {
  file: string;
  message: string;
}

export type SumResult =
  | { ok: false; refusals: SumRefusal[] }
  | {
      ok: true;
      report: Report;
      source: SourceMap;
      /** Nulls, unmapped and dropped cells, duplicates: in the sum's cell order. */
      findings: SumFinding[];
      /** The checks on the sum (also on `report.diagnostics`). */
      diagnostics: Diagnostic[];
      /** Each input in the sum's version, in input order. */
      departments: SumInput[];
      breakdown: Breakdown;
      appendix: Appendix;
    };

/**
 * What the sum needs of each input besides its cells: its name in findings (file), its agency and
 * year as its model gives them, and the format it was printed in. A store that sums its own
 * cells (src/db/cells.ts) gives these and the cells' totals, not the models.
 */
export interface SumHead {
  file: string;
  agency: string | null;
  year: number | null;
  template: TemplateVersion;
}

const headOf = (i: SumInput): SumHead => ({ file: i.file, agency: i.report.meta.agency, year: i.report.meta.year, template: i.report.template });
const nameOf = (i: SumHead) => (i.agency ? `${i.agency}（${i.file}）` : i.file);

/** Departments named in one finding's message: the first few, and how many there are. */
const NAMED = 10;
const named = (who: string[]) => (who.length <= NAMED ? who.join('、') : `${who.slice(0, NAMED).join('、')}等 ${who.length} 个单位`);

/** Why `inputs` cannot be summed into a report of `opts.year`, one line per input refused. */
export function refusalsOf(inputs: readonly Pick<SumHead, 'file' | 'year'>[], opts: SumOptions): SumRefusal[] {
  if (!inputs.length) return [{ file: '-', message: '没有可汇总的报告' }];
  const out: SumRefusal[] = [];
  for (const i of inputs) {
    const y = i.year;
    if (y === null) out.push({ file: i.file, message: `无法确定报告年度，不能汇总为 ${opts.year} 年度报告` });
    else if (y !== opts.year) out.push({ file: i.file, message: `是 ${y} 年度的报告，不能汇总为 ${opts.year} 年度报告（不同年度的数据不能相加）` });
  }
  return out;
}

export function sumReports(inputs: SumInput[], opts: SumOptions): SumResult {
  const refusals = refusalsOf(inputs.map(headOf), opts);
  if (refusals.length) return { ok: false, refusals };
  const version = opts.template ?? versionForYear(opts.year);
  const sums = sumAllCells(
    inputs.map((i) => i.report),
    version,
  );
  const done = finishSum(sums.cells, inputs.map(headOf), { ...opts, template: version });
  const departments = sums.conversions.map((c, i) => ({ file: inputs[i].file, report: c.report }));
  const breakdown = breakdownOf(departments, done.report);
  return { ok: true, ...done, departments, breakdown, appendix: breakdownAppendix(breakdown, templateFor(version)) };
}

/**
 * The sum from its cells' totals (model/sums.ts: each cell's exact sum, or null with the inputs
 * null or unmapped in it) and its inputs' heads, in input order: the report with its drafted meta
 * and sections, the sum's own findings and its checks. `sumReports` adds the totals from models;
 * a store adds them by SQL — one road from the totals on, so both say the same.
 */
export function finishSum(cells: readonly SummedCell[], heads: readonly SumHead[], opts: SumOptions): { report: Report; source: SourceMap; findings: SumFinding[]; diagnostics: Diagnostic[] } {
  const version = opts.template ?? versionForYear(opts.year);
  const t = templateFor(version);
  const names = heads.map(nameOf);
  const findings: SumFinding[] = [];

  const report = blankReport(version);
  for (const c of cells) {
    setCell(report, c.path, c.value);
    if (c.value !== null) continue;
    const label = describeCell(t, c.path);
    if (c.nullIn.length) {
      const who = c.nullIn.map((i) => names[i]);
      findings.push({ kind: 'sum-null', severity: 'warning', path: c.path, label, departments: who, inputs: c.nullIn, message: `${label}：${named(who)}的报告中该项为空，汇总数空缺（未按 0 计算）` });
    }
    if (c.unmappedIn.length) {
      const who = c.unmappedIn.map((i) => names[i]);
      const from = heads[c.unmappedIn[0]].template;
      findings.push({
        kind: 'sum-unmapped', severity: 'warning', path: c.path, label, departments: who, inputs: c.unmappedIn,
        message: `${label}：${named(who)}的报告用 ${from} 版格式，没有与 ${version} 版完全对应的数据，汇总数空缺`,
      });
    }
  }
  // One finding per format converted from, naming its departments: what is dropped is the same
  // for every report of a format (model/convert.ts conversionOf).
  for (const from of new Set(heads.map((h) => h.template))) {
    const { dropped } = conversionOf(from, version);
    if (!dropped.length) continue;
    const inputs = heads.flatMap((h, i) => (h.template === from ? [i] : []));
    const who = inputs.map((i) => names[i]);
    const rows = [...new Set(dropped.map((p) => describeCell(templateFor(from), p)))];
    findings.push({
      kind: 'sum-dropped', severity: 'info', path: 'template', label: '', departments: who, inputs,
      message: `${named(who)}的报告用 ${from} 版格式，已换算为 ${version} 版；以下 ${rows.length} 项在 ${version} 版中没有对应栏目，未计入：${rows.join('、')}`,
    });
  }
  const seen = new Map<string, number>();
  heads.forEach((h, i) => {
    // The same agency as carry-over pairs reports (model/agency.ts).
    const a = agencyKey(h.agency);
    if (!a) return;
    const first = seen.get(a);
    if (first === undefined) return void seen.set(a, i);
    findings.push({
      kind: 'sum-duplicate', severity: 'warning', path: 'meta.agency', label: '', departments: [names[first], names[i]], inputs: [first, i],
      message: `${h.agency}有两份报告（${heads[first].file}、${h.file}），都已计入汇总，请确认没有重复计算`,
    });
  });

  report.meta = draftMeta(opts.agency, opts.year);
  report.sections = draftSections(report);
  const source = modelSource(report, `${opts.agency}（汇总）`);
  const read: ReadReport = { report, source };
  const diagnostics = check(read, [], { rules: SUM_RULES });
  return { report, source, findings, diagnostics };
}
