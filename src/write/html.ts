// One self-contained HTML page per report, with the official merged table headers, for government
// portals: no script, no external file; semantic tables (<caption>, <thead>, <th scope> as the
// spans say, and `headers` on every value cell, since the merged headers are irregular); readable
// at 320 px (text reflows, each table scrolls inside its own box) and printed on A4.
import type { Report } from '../model/report.ts';
import { paragraphsOf } from '../model/paragraphs.ts';
import { gridsOf, placeCells, sectionsOf, titleOf, type Appendix, type Grid, type GridCell, type PlacedCell, type WriteOptions } from './grid.ts';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font-family:"FangSong","仿宋_GB2312","仿宋","Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.8;color:#111;background:#fff;overflow-wrap:anywhere}
h1{font-family:"方正小标宋简体","Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;text-align:center;font-size:1.6em;font-weight:normal;line-height:1.4}
h2{font-family:"SimHei","黑体","Noto Sans CJK SC","Source Han Sans SC",sans-serif;font-size:1.15em;font-weight:normal;margin:1.2em 0 .4em}
p{text-indent:2em;margin:.4em 0}
p.reviewer{text-indent:0;text-align:center}
.table{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:1em 0;max-width:100%}
.table:focus{outline:2px solid #36c;outline-offset:2px}
table{border-collapse:collapse;margin:0 auto;font-size:.9em;line-height:1.5}
caption{font-weight:bold;padding:.3em;text-align:center}
th,td{border:1px solid #333;padding:.25em .5em;text-align:center;vertical-align:middle}
th{font-weight:normal;overflow-wrap:normal}
th[scope=row],th[scope=rowgroup]{text-align:left;min-width:6em}
td{min-width:2.5em;white-space:nowrap}
@media (max-width:480px){body{margin:1em auto;padding:0 .6em;font-size:15px}h1{font-size:1.35em}table{font-size:.8em}th,td{padding:.2em .3em}}
@media print{
@page{size:A4;margin:2.5cm 2cm}
body{margin:0;max-width:none;padding:0;font-size:12pt;line-height:1.6}
h1{font-size:18pt}
h2{font-size:13pt;break-after:avoid;page-break-after:avoid}
.table{overflow:visible;max-width:none}
.table:focus{outline:none}
table{width:100%;font-size:9pt;page-break-inside:auto}
thead{display:table-header-group}
tr,caption{break-inside:avoid;page-break-inside:avoid}
th,td{padding:.15em .25em;white-space:normal}
td{min-width:0}
}
`;

/** The scope a header cell has as its spans say: a header over several columns labels a column group. */
const scopeOf = (c: GridCell): string =>
  c.header === 'col' ? ((c.colspan ?? 1) > 1 ? 'colgroup' : 'col') : (c.rowspan ?? 1) > 1 ? 'rowgroup' : 'row';

interface Placed extends PlacedCell {
  id: string;
}

/**
 * Where every cell of a grid stands (rows and columns it covers), as a browser lays it out, so that
 * each value cell can name its headers: the column headers above it and the row headers to its left.
 */
function place(g: Grid, prefix: string): Placed[] {
  const inRow = new Map<number, number>();
  return placeCells(g).map((p) => {
    const k = inRow.get(p.row) ?? 0;
    inRow.set(p.row, k + 1);
    return { ...p, id: `${prefix}-${p.row}-${k}` };
  });
}

const covers = (p: Placed, row: number, col: number, axis: 'row' | 'col') =>
  axis === 'col' ? col >= p.col && col < p.col + p.colspan && p.row < row : row >= p.row && row < p.row + p.rowspan && p.col < col;

/** Header rows: those before the first row with a value cell; they go in <thead>. */
function headRows(g: Grid): number {
  const first = g.rows.findIndex((r) => r.some((c) => !c.header));
  return first < 0 ? g.rows.length : first;
}

function tableHtml(g: Grid, prefix: string): string {
  const placed = place(g, prefix);
  const heads = placed.filter((p) => p.cell.header);
  const used = new Set<string>();
  const cellHtml = (p: Placed): string => {
    const c = p.cell;
    const span = `${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
    if (c.header) return `<th scope="${scopeOf(c)}"${span} id="${p.id}">${escape(c.text)}</th>`;
    const cols = heads.filter((h) => h.cell.header === 'col' && covers(h, p.row, p.col, 'col'));
    const rows = heads.filter((h) => h.cell.header === 'row' && covers(h, p.row, p.col, 'row'));
    const ids = [...cols, ...rows].map((h) => h.id);
    for (const id of ids) used.add(id);
    const headers = ids.length ? ` headers="${ids.join(' ')}"` : '';
    return `<td${span}${headers}${c.path ? ` data-path="${escape(c.path)}"` : ''}>${escape(c.text)}</td>`;
  };
  const byRow = g.rows.map((_, i) => placed.filter((p) => p.row === i));
  const line = (ps: Placed[]) => `<tr>${ps.map(cellHtml).join('')}</tr>`;
  const n = headRows(g);
  const head = byRow.slice(0, n).map(line);
  const body = byRow.slice(n).map(line);
  // An id no value cell names is noise: only the ids in use are kept.
  const html = [
    `<div class="table" role="region" aria-label="${escape(g.caption)}" tabindex="0"><table>`,
    `<caption>${escape(g.caption)}</caption>`,
    ...(head.length ? ['<thead>', ...head, '</thead>'] : []),
    ...(body.length ? ['<tbody>', ...body, '</tbody>'] : []),
    '</table></div>',
  ].join('\n');
  return html.replace(/ id="([^"]+)"/g, (m, id: string) => (used.has(id) ? m : ''));
}

const paragraphs = (text: string | null | undefined): string[] => paragraphsOf(text).map((p) => `<p>${escape(p)}</p>`);

function appendixHtml(a: Appendix, k: number): string {
  const out = [`<section class="appendix">`, `<h2>${escape(a.heading)}</h2>`, ...paragraphs(a.text)];
  a.grids.forEach((g, j) => out.push(tableHtml(g, `a${k + 1}-${j + 1}`)));
  out.push('</section>');
  return out.join('\n');
}

export function toHtml(report: Report, opts: WriteOptions = {}): string {
  const grids = gridsOf(report);
  const title = titleOf(report);
  const body: string[] = [`<h1>${escape(title)}</h1>`];
  if (report.meta.reviewer) body.push(`<p class="reviewer">审核人：${escape(report.meta.reviewer)}</p>`);
  body.push(...paragraphs(report.preamble));
  for (const s of sectionsOf(report)) {
    body.push(`<section>\n<h2>${escape(s.heading)}</h2>`);
    body.push(...paragraphs(s.text));
    for (const g of grids.filter((x) => x.section === s.no)) body.push(tableHtml(g, g.id));
    body.push('</section>');
  }
  (opts.appendices ?? []).forEach((a, k) => body.push(appendixHtml(a, k)));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
