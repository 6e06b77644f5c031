// The report as plain text in the layouts real reports are saved in (and Markdown). The tables are
// flattened the way Word's text export does it: a merged cell is written once, in its first row.
import type { Report } from '../model/report.ts';
import { paragraphsOf } from '../model/paragraphs.ts';
import { gridsOf, placeCells, sectionsOf, titleOf, type Appendix, type Grid, type WriteOptions } from './grid.ts';

export type TextLayout = 'tab-rows' | 'cell-lines' | 'pipe-rows' | 'pipe-cells' | 'markdown';
export const TEXT_LAYOUTS: TextLayout[] = ['tab-rows', 'cell-lines', 'pipe-rows', 'pipe-cells', 'markdown'];

/** Cell text on one line: a cell never carries a line break or a separator of the layout. */
const flat = (s: string, layout: TextLayout) => {
  const one = s.replace(/\s*\n\s*/g, '');
  return layout === 'tab-rows' || layout === 'cell-lines' ? one.replace(/\t/g, ' ') : one.replace(/\|/g, '｜');
};

/** The grid as a full matrix of `grid.width` columns: a merged cell's text in its first position, blanks where it spans. */
function spread(grid: Grid): string[][] {
  const out: string[][] = grid.rows.map(() => Array(grid.width).fill(''));
  for (const p of placeCells(grid)) out[p.row][p.col] = p.cell.text;
  return out;
}

function tableText(grid: Grid, layout: TextLayout, spreadSpans = false): string {
  const rows = grid.rows.map((r) => r.map((c) => flat(c.text, layout)));
  switch (layout) {
    case 'tab-rows':
      return rows.map((r) => r.join('\t')).join('\n');
    case 'cell-lines':
      return rows.map((r) => r.map((c) => `\t${c}`).join('\n')).join('\n\n');
    case 'pipe-rows':
      return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
    case 'pipe-cells':
      return rows.map((r) => r.map((c) => (c === '' ? '|' : `${c} |`)).join('\n')).join('\n');
    case 'markdown': {
      // Markdown tables need one width: pad every row to the widest, separator after the first.
      // The report's tables are flattened as Word's text export does (as readers expect them);
      // an appendix's tables are not read back, so each of their cells stands under its header.
      const line = (r: string[]) => `| ${r.join(' | ')} |`;
      const matrix = spreadSpans ? spread(grid).map((r) => r.map((c) => flat(c, layout))) : rows;
      const width = Math.max(...matrix.map((r) => r.length));
      const [head, ...body] = matrix.map((r) => [...r, ...Array(width - r.length).fill('')]);
      return [line(head), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
    }
  }
}

/** An appendix after the six sections: its heading, its paragraphs, and each table under its caption. */
function appendixText(a: Appendix, layout: TextLayout): string[] {
  const md = layout === 'markdown';
  const out = [md ? `## ${a.heading}` : a.heading, ''];
  out.push(...paragraphsOf(a.text).flatMap((p) => [p, '']));
  for (const g of a.grids) {
    if (g.caption && g.caption !== a.heading) out.push(md ? `**${g.caption}**` : g.caption, '');
    if (g.rows.length) out.push(tableText(g, layout, true), '');
  }
  return out;
}

export function toText(report: Report, layout: TextLayout, opts: WriteOptions = {}): string {
  const md = layout === 'markdown';
  const grids = gridsOf(report);
  const out: string[] = [md ? `# ${titleOf(report)}` : titleOf(report), ''];
  // Before the first section, so that it is part of no section's text.
  if (report.meta.reviewer) out.push(`审核人：${report.meta.reviewer}`, '');
  out.push(...paragraphsOf(report.preamble).flatMap((p) => [p, '']));
  for (const s of sectionsOf(report)) {
    out.push(md ? `## ${s.heading}` : s.heading, '');
    out.push(...paragraphsOf(s.text).flatMap((p) => [p, '']));
    for (const g of grids.filter((x) => x.section === s.no)) out.push(tableText(g, layout), '');
  }
  for (const a of opts.appendices ?? []) out.push(...appendixText(a, layout));
  return out.join('\n');
}

export const toMarkdown = (report: Report, opts: WriteOptions = {}): string => toText(report, 'markdown', opts);
