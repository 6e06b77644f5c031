// One self-contained HTML page per report, with the official merged table headers: for portals,
// readable at 320 px (tables scroll inside their box) and in print.
import type { Report } from '../model/report.ts';
import { gridsOf, sectionsOf, titleOf, type Grid, type WriteOptions } from './grid.ts';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
body{font-family:"FangSong","仿宋_GB2312","Noto Serif CJK SC","SimSun",serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.8;color:#111}
h1{font-family:"方正小标宋简体","Noto Serif CJK SC","SimSun",serif;text-align:center;font-size:1.6em;font-weight:normal}
h2{font-family:"SimHei","黑体","Noto Sans CJK SC",sans-serif;font-size:1.15em;font-weight:normal}
p{text-indent:2em;margin:.4em 0}
.table{overflow-x:auto;margin:1em 0}
table{border-collapse:collapse;margin:0 auto;font-size:.9em}
caption{font-weight:bold;padding:.3em}
th,td{border:1px solid #333;padding:.25em .5em;text-align:center;vertical-align:middle}
th{font-weight:normal}
th[scope=row]{text-align:left}
td{min-width:2.5em}
@media print{body{margin:0;max-width:none}.table{overflow:visible}table{page-break-inside:auto}tr{page-break-inside:avoid}}
`;

function tableHtml(g: Grid): string {
  const rows = g.rows.map((r) => {
    const cells = r.map((c) => {
      const span = `${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
      return c.header ? `<th scope="${c.header}"${span}>${escape(c.text)}</th>` : `<td${span}${c.path ? ` data-path="${escape(c.path)}"` : ''}>${escape(c.text)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<div class="table"><table>\n<caption>${escape(g.caption)}</caption>\n${rows.join('\n')}\n</table></div>`;
}

export function toHtml(report: Report, opts: WriteOptions = {}): string {
  void opts; // appendices: rendered by the HTML writer's owner
  const grids = gridsOf(report);
  const body: string[] = [`<h1>${escape(titleOf(report))}</h1>`];
  for (const s of sectionsOf(report)) {
    body.push(`<section>\n<h2>${escape(s.heading)}</h2>`);
    for (const p of s.text.split('\n').filter(Boolean)) body.push(`<p>${escape(p)}</p>`);
    for (const g of grids.filter((x) => x.section === s.no)) body.push(tableHtml(g));
    body.push('</section>');
  }
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(titleOf(report))}</title>
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
