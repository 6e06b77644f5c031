// A report xxgk drafts for a clerk to fill in (`xxgk new`, the workbench's 新建报告): blank in the
// format of its year, or from the same agency's report of the year before — its 结转下年度继续办理
// become this year's 上年结转, the only figures one year hands the next (carry-over checks that
// they agree) — with the narrative sections drafted from the figures (draft/narrative.ts).
// Nothing else is carried: last year's applications, decisions and reviews are not this year's.
import { blankReport } from '../model/blank.ts';
import { getCell, setCell } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import { templateFor, versionForYear, type TemplateVersion } from '../template/index.ts';
import { draftMeta } from './meta.ts';
import { draftSections } from './narrative.ts';

export interface DraftOptions {
  agency: string;
  year: number;
  /** The format; by default the year's (versionForYear). */
  template?: TemplateVersion;
  /** The agency's report of the year before, whose 结转下年度 this one carries over. */
  last?: Report | null;
}

export interface Draft {
  report: Report;
  /** What the clerk should know of how it was made, in Chinese (a figure not carried, a year that is not the one before). */
  notes: string[];
}

export function draftReport(o: DraftOptions): Draft {
  const version = o.template ?? versionForYear(o.year);
  const report = blankReport(version);
  report.meta = draftMeta(o.agency, o.year);
  const notes: string[] = [];
  if (version !== versionForYear(o.year)) notes.push(`${o.year} 年度应使用 ${versionForYear(o.year)} 版格式，按要求使用 ${version} 版`);
  if (!report.meta.region) notes.push(`未能从机关名称「${o.agency}」确定所属行政区划，行政区划留空`);
  const last = o.last;
  if (last) {
    if (last.meta.year !== null && last.meta.year !== o.year - 1) notes.push(`作为依据的报告是 ${last.meta.year} 年度的，不是上一年度（${o.year - 1}）：其结转下年度仍填入上年结转，请核对`);
    const blank: string[] = [];
    // The applicant columns of both formats are one list (template/common.ts); a column only one
    // format has would stay blank here.
    for (const col of templateFor(version).applications.columns) {
      const forward = getCell(last, `applications.carriedForward.${col.key}`);
      if (typeof forward === 'number') setCell(report, `applications.carriedOver.${col.key}`, forward);
      else blank.push(col.label.official);
    }
    if (blank.length) notes.push(`上年报告的「结转下年度继续办理」中${blank.join('、')}未填写：本年度上年结转的这些格留空`);
  }
  report.sections = draftSections(report);
  return { report, notes };
}
