// Drafts of the narrative sections (一、五、六) built from a report's figures, for a person to edit.
// A draft says only what the tables say: each number is a cell (or a sum of cells) of the report,
// a null figure is a blank to fill (`____`), never 0 or a guess; what the data cannot tell (the
// problems, the fees charged, the work done) is a heading with a blank under it. The sentences are
// worded so that the checks comparing text and tables (narrative-applications, narrative-reviews,
// fees-not-reported) read them as the figures they are.
import { getCell } from '../model/paths.ts';
import type { Cell, Report, Section } from '../model/report.ts';
import { isGroup, officialHeading, outcomeRowPaths, templateFor, type Label, type Template } from '../template/index.ts';
import { sumCells } from '../util/exact.ts';

/** A figure the data does not give: to be filled in. */
export const BLANK = '____';
/** Words the data cannot give: to be written. */
export const TEXT_BLANK = '______';

const fig = (v: Cell | undefined): string => (typeof v === 'number' ? String(v) : BLANK);
const cell = (r: Report, path: string): Cell => getCell(r, path) ?? null;

/** The sum of cells, or null when any of them is null: a sum over a blank is not known. */
const sum = (r: Report, paths: string[]): Cell => sumCells(paths.map((p) => cell(r, p)));

/** A label without its printed numbering: `（三）不予公开` → `不予公开`. */
const bare = (l: Label) => l.official.replace(/^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)/, '');

const rowLabel = (t: Template, key: string) => bare(t.active.flatMap((a) => a.rows).find((x) => x.key === key)!.label);

/** 主动公开: the figures of section 二, in the words of its tables. */
function activeParagraph(r: Report, t: Template): string {
  const reg = rowLabel(t, 'regulations');
  const docs = rowLabel(t, 'normativeDocuments');
  const a = (row: string, col: string) => fig(cell(r, `active.${row}.${col}`));
  const parts: string[] = [];
  if (t.version === '2021') {
    parts.push(
      `本年度制发${reg}${a('regulations', 'issued')}件、${docs}${a('normativeDocuments', 'issued')}件，废止${reg}${a('regulations', 'repealed')}件、${docs}${a('normativeDocuments', 'repealed')}件，现行有效${reg}${a('regulations', 'inForce')}件、${docs}${a('normativeDocuments', 'inForce')}件。`,
      `本年度作出行政许可决定${a('licensing', 'decisions')}件，作出行政处罚决定${a('punishment', 'decisions')}件、行政强制决定${a('coercion', 'decisions')}件。`,
      `本年度行政事业性收费金额${a('fees', 'amount')}万元。`,
    );
  } else {
    parts.push(
      `本年度新制作${reg}${a('regulations', 'made')}件、${docs}${a('normativeDocuments', 'made')}件，新公开${reg}${a('regulations', 'published')}件、${docs}${a('normativeDocuments', 'published')}件，对外公开${reg}总数${a('regulations', 'totalPublic')}件、${docs}总数${a('normativeDocuments', 'totalPublic')}件。`,
      `本年度行政许可处理决定${a('licensing', 'decisions')}件，其他对外管理服务事项处理决定${a('otherServices', 'decisions')}件，行政处罚处理决定${a('punishment', 'decisions')}件，行政强制处理决定${a('coercion', 'decisions')}件。`,
      `本年度政府集中采购项目${a('procurement', 'projects')}个，采购总金额${a('procurement', 'amount')}万元。`,
    );
  }
  parts.push(`通过政府网站、政务新媒体等渠道主动公开政府信息的情况：${TEXT_BLANK}。`);
  return parts.join('');
}

/** 依申请公开: the totals of section 三, outcome by outcome. */
function applicationsParagraph(r: Report, t: Template): string {
  const total = (row: string) => cell(r, `applications.${row}.total`);
  const outcomeRows = new Set(outcomeRowPaths(t.applications).map((p) => p.split('.')[0]));
  const outcomes: string[] = [];
  for (const row of t.applications.rows) {
    if (!outcomeRows.has(row.key)) continue;
    const v = isGroup(row) ? sum(r, row.rows.map((s) => `applications.${row.key}.${s.key}.total`)) : total(row.key);
    outcomes.push(`${bare(row.label).replace(/（.*$/, '')}${fig(v)}件`);
  }
  return (
    `本年度共收到政府信息公开申请${fig(total('received'))}件，上年结转${fig(total('carriedOver'))}件，办结${fig(total('total'))}件，其中${outcomes.join('，')}；` +
    `结转下年度继续办理${fig(total('carriedForward'))}件。依申请公开工作的其他情况：${TEXT_BLANK}。`
  );
}

/** 行政复议、行政诉讼: the totals of section 四. */
function reviewsSentence(r: Report): string {
  const reconsideration = cell(r, 'reviews.reconsideration.total');
  const litigation = sum(r, ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total']);
  return `本年度因政府信息公开工作被申请行政复议${fig(reconsideration)}件，被提起行政诉讼${fig(litigation)}件。`;
}

/** Draft texts of sections 一, 五 and 六, from the figures only; a null figure is a blank to fill, never a guess. */
export function draftNarrative(report: Report): Record<1 | 5 | 6, string> {
  const t = templateFor(report.template);
  const [active, applications, management, platforms, oversight] = (t.sections[0].subsections ?? []).map((l) => l.official);
  const one = [
    `（一）${active}`,
    activeParagraph(report, t),
    `（二）${applications}`,
    applicationsParagraph(report, t),
    reviewsSentence(report),
    `（三）${management}`,
    `${TEXT_BLANK}。`,
    `（四）${platforms}`,
    `${TEXT_BLANK}。`,
    `（五）${oversight}`,
    `${TEXT_BLANK}。`,
  ].join('\n');
  const five = [
    '（一）存在的主要问题',
    `存在的主要问题：${TEXT_BLANK}。`,
    '（二）改进情况',
    `改进情况：${TEXT_BLANK}。`,
    '（三）上年度问题整改情况',
    `上年度报告所列问题的整改情况：${TEXT_BLANK}。`,
  ].join('\n');
  const six = [
    '（一）收取信息处理费情况',
    // The model has no figure for the fees charged: the sentence is there to be completed.
    `本年度收取政府信息公开信息处理费${BLANK}元（请按实际情况填写）。`,
    '（二）人大代表建议和政协委员提案办理情况',
    `${TEXT_BLANK}。`,
    '（三）政务公开工作要点落实情况',
    `${TEXT_BLANK}。`,
    '（四）政务公开创新情况',
    `${TEXT_BLANK}。`,
  ].join('\n');
  return { 1: one, 5: five, 6: six };
}

/**
 * The six sections of `report`, official headings where it has none, with sections 一, 五 and 六
 * drafted where their text is empty (or always, with `overwrite`). Sections 二–四 keep their text.
 */
export function draftSections(report: Report, opts: { overwrite?: boolean } = {}): Section[] {
  const t = templateFor(report.template);
  let drafts: Record<1 | 5 | 6, string> | null = null;
  return t.sections.map((def) => {
    const found = report.sections.find((s) => s.no === def.no);
    const heading = found?.heading.trim() ? found.heading : officialHeading(def);
    const text = found?.text ?? '';
    if ((def.no === 1 || def.no === 5 || def.no === 6) && (opts.overwrite || text.trim() === '')) {
      drafts ??= draftNarrative(report);
      return { no: def.no, heading, text: drafts[def.no] };
    }
    return { no: def.no, heading, text };
  });
}
