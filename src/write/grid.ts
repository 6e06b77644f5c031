// The official table layout of a report, derived from the template: which cells merge, in
// which order rows and columns are printed. Every writer renders these grids.
import { getCell } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import type { Appendix, Grid, GridCell } from '../model/grid.ts';
import { isGroup, officialHeading, officialTitle, outcomeRowPaths, templateFor, type Template } from '../template/index.ts';

// The grid types are the model's (model/grid.ts), shared with the sum's appendix; the title the template's.
export type { Appendix, Grid, GridCell };
export { officialTitle };

/**
 * Column widths of the official tables in twips, from the w:tblGrid of template-2021-blank.docx
 * (9,740 twips in all). The 2019 tables have the same column counts.
 */
const OFFICIAL_COLUMNS: Record<'active' | 'applications' | 'reviews', number[]> = {
  active: [2435, 2435, 2435, 2435],
  applications: [754, 921, 3271, 685, 685, 685, 685, 685, 685, 685],
  reviews: [649, 649, 649, 649, 649, 649, 649, 650, 650, 650, 650, 650, 650, 650, 650],
};

/**
 * The page of GB/T 9704-2012 《党政机关公文格式》, for the DOCX and PDF writers: A4 (mm), its
 * margins (mm), 22 lines on the type area, and the type sizes (pt): title 二号, body 三号, page number 四号.
 */
export const OFFICIAL_PAGE = {
  size: { width: 210, height: 297 },
  margin: { top: 37, bottom: 35, left: 28, right: 26 },
  lines: 22,
  pt: { title: 22, body: 16, pageNumber: 14 },
} as const;

/** Which of the report's tables a grid is: a section 二 item, 三 or 四; null for an appendix table. */
export const tableKind = (g: Grid): 'active' | 'applications' | 'reviews' | null =>
  g.id === 'applications' || g.id === 'reviews' ? g.id : /^item\d+$/.test(g.id) ? 'active' : null;

/** The official template's column widths (twips) for one of the report's tables; null for any other grid. */
export function officialColumnWidths(g: Grid): number[] | null {
  const kind = tableKind(g);
  const widths = kind ? OFFICIAL_COLUMNS[kind] : null;
  return widths && widths.length === g.width ? widths : null;
}

/** A grid cell where it stands: its first row and column, and the rows and columns it covers. */
export interface PlacedCell {
  cell: GridCell;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
}

/** Every cell of a grid where a table layout puts it: in the first column its row leaves free, spans clipped to the grid. */
export function placeCells(grid: Grid): PlacedCell[] {
  const taken: boolean[][] = grid.rows.map(() => Array<boolean>(grid.width).fill(false));
  const out: PlacedCell[] = [];
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < grid.width && taken[r][c]) c++;
      if (c >= grid.width) break;
      const colspan = Math.min(cell.colspan ?? 1, grid.width - c);
      const rowspan = Math.min(cell.rowspan ?? 1, grid.rows.length - r);
      for (let i = r; i < r + rowspan; i++) for (let j = c; j < c + colspan; j++) taken[i][j] = true;
      out.push({ cell, row: r, col: c, rowspan, colspan });
      c += colspan;
    }
  });
  return out;
}

const value = (report: Report, path: string): GridCell => {
  const v = getCell(report, path);
  return { text: v === null || v === undefined ? '' : String(v), path };
};

function activeGrids(report: Report, t: Template): Grid[] {
  // The 2021 tables are four columns wide; the 2019 ones as wide as their widest.
  const width = Math.max(...t.active.map((table) => table.columns.length + 1));
  return t.active.map((table) => {
    const last = width - table.columns.length;
    const cols = table.columns.map((c, i) => ({ c, span: i === table.columns.length - 1 ? last : 1 }));
    return {
      section: 2 as const,
      id: table.id,
      caption: table.heading.official,
      width,
      rows: [
        [{ text: table.heading.official, colspan: width, header: 'col' as const }],
        [{ text: table.rowHeader.official, header: 'col' as const }, ...cols.map(({ c, span }) => ({ text: c.label.official, header: 'col' as const, colspan: span }))],
        ...table.rows.map((r) => [
          { text: r.label.official, header: 'row' as const },
          ...cols.map(({ c, span }) => ({ ...value(report, `active.${r.key}.${c.key}`), colspan: span })),
        ]),
      ],
    };
  });
}

function applicationsGrid(report: Report, t: Template): Grid {
  const a = t.applications;
  const cols = a.columns;
  const grouped = cols.filter((c) => c.group);
  const values = (path: string) => cols.map((c) => value(report, `applications.${path}.${c.key}`));
  const rows: GridCell[][] = [
    [
      { text: a.corner.official, colspan: 3, rowspan: 3, header: 'col' },
      { text: a.headerLabels[0].official, colspan: cols.length, header: 'col' },
    ],
    [
      ...cols
        .filter((c, i) => !c.group || cols.findIndex((o) => o.group) === i)
        .map((c) => (c.group ? { text: c.group.official, colspan: grouped.length, header: 'col' as const } : { text: c.label.official, rowspan: 2, header: 'col' as const })),
    ],
    grouped.map((c) => ({ text: c.label.official, header: 'col' as const })),
  ];
  // As in the official template, 三、本年度办理结果 runs down over its outcome rows and （七）总计.
  const outcomes = new Set([...outcomeRowPaths(a), 'total']);
  const outcomeCount = outcomes.size;
  let outcomeOpened = false;
  for (const r of a.rows) {
    const subRows = isGroup(r) ? r.rows.map((s) => ({ path: `${r.key}.${s.key}`, label: s.label.official })) : [{ path: r.key, label: r.label.official }];
    subRows.forEach((s, k) => {
      const row: GridCell[] = [];
      const isOutcome = outcomes.has(s.path);
      if (isOutcome && !outcomeOpened) {
        row.push({ text: a.outcomeHeader.official, rowspan: outcomeCount, header: 'row' });
        outcomeOpened = true;
      }
      if (isGroup(r)) {
        if (k === 0) row.push({ text: r.label.official, rowspan: r.rows.length, header: 'row' });
        row.push({ text: s.label, header: 'row' });
      } else {
        row.push({ text: s.label, colspan: isOutcome ? 2 : 3, header: 'row' });
      }
      rows.push([...row, ...values(s.path)]);
    });
  }
  return { section: 3, id: 'applications', caption: '收到和处理政府信息公开申请情况', width: 3 + cols.length, rows };
}

function reviewsGrid(report: Report, t: Template): Grid {
  const r = t.reviews;
  const n = r.columns.length;
  const parents = r.groups.filter((g) => g.parent);
  const first = r.groups.find((g) => !g.parent)!;
  const rows: GridCell[][] = [
    [
      { text: first.label.official, colspan: n, header: 'col' },
      { text: parents[0].parent!.official, colspan: n * parents.length, header: 'col' },
    ],
    [...r.columns.map((c) => ({ text: c.label.official, rowspan: 2, header: 'col' as const })), ...parents.map((g) => ({ text: g.label.official, colspan: n, header: 'col' as const }))],
    parents.flatMap(() => r.columns.map((c) => ({ text: c.label.official, header: 'col' as const }))),
    r.groups.flatMap((g) => r.columns.map((c) => value(report, `reviews.${g.key}.${c.key}`))),
  ];
  return { section: 4, id: 'reviews', caption: '政府信息公开行政复议、行政诉讼情况', width: n * r.groups.length, rows };
}

export function gridsOf(report: Report): Grid[] {
  const t = templateFor(report.template);
  return [...activeGrids(report, t), applicationsGrid(report, t), reviewsGrid(report, t)];
}

/** The six sections with their heading and text, official headings where the report has none. */
export function sectionsOf(report: Report): { no: number; heading: string; text: string }[] {
  const t = templateFor(report.template);
  return t.sections.map((s) => {
    const found = report.sections.find((x) => x.no === s.no);
    return { no: s.no, heading: found?.heading || officialHeading(s), text: found?.text ?? '' };
  });
}

export function titleOf(report: Report): string {
  return report.meta.title || officialTitle(report.meta.agency, report.meta.year);
}

/** What writers take beside the report. */
export interface WriteOptions {
  appendices?: Appendix[];
}
