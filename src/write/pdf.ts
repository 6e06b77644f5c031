// The official layout as PDF, typeset after GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm,
// title 二号 小标宋 (Noto Serif CJK SC Bold), body 三号 仿宋 (Noto Serif CJK SC: 仿宋 is not in Debian),
// headings 黑体 (Noto Sans CJK SC), page numbers `— 1 —` at the foot, the six sections and the
// template's tables (gridsOf: merged cells drawn merged, ruled, column widths in the template's
// proportions), appendices after section 六 on a new page.
//
// pdfkit directly, not pdfmake: pdfmake is a layout engine on top of pdfkit, and what this writer
// needs is exact geometry — every cell's text placed inside its box the way Word and WPS place it,
// so that the project's PDF reader (positions → lines → cells) reads the tables back; pdfmake's
// table model decides the line breaks, vertical alignment of merged cells and page breaks itself.
// Measured on one core of the shared test machine, the same random reports with their tables:
// pdfkit direct 15–18 PDF/s (7–11 before the subsets were compacted, see compactSubsets);
// pdfmake 0.3 (tables as pdfmake tables) 2.4 PDF/s, as it opens and parses the font collections
// again for every document.
//
// Text is real text: each line of a paragraph, and each line of a cell, is one run in one font,
// with a ToUnicode map (pdfkit), the fonts embedded as subsets. Fonts are found on the system
// (the Debian paths of fonts-noto-cjk, else fc-match; XXGK_PDF_FONT_DIRS instead) and parsed
// once per process.
//
// The parts, one module each under pdf/: fonts (finding, parsing, measuring), subsets (smaller CFF
// subsets), geometry (the page and table metrics), lines (line breaking), tables (table layout);
// this module sets the document.
import PDFDocument from 'pdfkit';
import type { Report } from '../model/report.ts';
import { paragraphsOf } from '../model/paragraphs.ts';
import { gridsOf, sectionsOf, titleOf, type WriteOptions } from './grid.ts';
import { type Face, FACES, type Fonts, type LoadedFace, loadFonts, measure } from './pdf/fonts.ts';
import { ASCENT, CELL_LEADING, CELL_PAD_X, type Geometry, HEADING_AFTER, LANDSCAPE, MARGIN, MM, PITCH, PORTRAIT, RULE, SIZE, TABLE_GAP, TEXT_W, TITLE_PITCH } from './pdf/geometry.ts';
import { printable, wrap } from './pdf/lines.ts';
import { layoutTable, type TableLayout, wantsLandscape } from './pdf/tables.ts';

export { FONT_DIRS_ENV, loadFonts, PdfFontError } from './pdf/fonts.ts';

type Doc = InstanceType<typeof PDFDocument>;

class Writer {
  readonly doc: Doc;
  y = MARGIN.top;
  page = 0;
  /** The current page's text block. */
  g: Geometry = PORTRAIT;
  private face: Face | null = null;
  private size = 0;

  constructor(
    readonly fonts: Fonts,
    title: string,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      autoFirstPage: false,
      compress: true,
      info: { Title: title, Creator: 'xxgk', Producer: 'xxgk (pdfkit)' },
      lang: 'zh-CN',
      displayTitle: true,
    });
    // pdfkit takes a fontkit font as well as a file (typed as a buffer): the parsed fonts are shared.
    for (const face of Object.keys(FACES) as Face[]) this.doc.registerFont(face, fonts[face].font as unknown as Buffer);
    this.newPage();
  }

  newPage(g: Geometry = this.g) {
    this.g = g;
    this.doc.addPage({ size: 'A4', layout: g === LANDSCAPE ? 'landscape' : 'portrait', margin: 0 });
    this.page++;
    this.face = null;
    this.y = g.top;
    // GB/T 9704 7.5: 4号 Arabic numerals between em dashes, 7 mm under the text block, odd pages
    // to the right and even to the left, one character in.
    const label = `— ${this.page} —`;
    const w = measure(this.fonts.body, label, SIZE.pageNumber);
    const x = this.page % 2 === 1 ? g.left + g.width - SIZE.pageNumber - w : g.left + SIZE.pageNumber;
    this.text('body', SIZE.pageNumber, label, x, g.bottom + 7 * MM + (ASCENT - 0.5) * SIZE.pageNumber);
  }

  /** Room for `h` points on this page, else a new page. */
  ensure(h: number) {
    if (this.y + h > this.g.bottom + 0.01 && this.y > this.g.top + 0.01) this.newPage();
  }

  text(face: Face, size: number, s: string, x: number, baseline: number, opts: { characterSpacing?: number; horizontalScaling?: number } = {}) {
    if (this.face !== face || this.size !== size) {
      this.doc.font(face).fontSize(size);
      this.face = face;
      this.size = size;
    }
    this.doc.text(s, x, baseline, { lineBreak: false, baseline: 'alphabetic', ...opts });
  }

  /** Baseline of a line of `size` in a line box of `pitch` starting at `top`. */
  static baseline(top: number, pitch: number, size: number) {
    return top + (pitch - size) / 2 + ASCENT * size;
  }

  /**
   * The title, and under it the reviewer (审核人) where the model names one: printed before the
   * first heading, so that it reads as the report's, not as a line of section 六.
   */
  title(text: string, reviewer: string | null) {
    const face = this.fonts.title;
    const lines = titleLines(face, text);
    for (const l of lines) {
      const w = measure(face, l, SIZE.title);
      this.text('title', SIZE.title, l, MARGIN.left + (TEXT_W - w) / 2, Writer.baseline(this.y, TITLE_PITCH, SIZE.title));
      this.y += TITLE_PITCH;
    }
    if (reviewer) this.paragraph(`审核人：${reviewer}`, { indent: 0, align: 'center' });
    // One empty line between the title and the text.
    this.y += PITCH;
  }

  heading(text: string, keepWith: number, indent = 2 * SIZE.body) {
    this.ensure(PITCH + HEADING_AFTER + keepWith);
    const g = this.g;
    const lines = wrap(this.fonts.heading, text, SIZE.body, g.width, indent);
    lines.forEach((l, i) => {
      this.text('heading', SIZE.body, l, g.left + (i === 0 ? indent : 0), Writer.baseline(this.y, PITCH, SIZE.body));
      this.y += PITCH;
    });
    this.y += HEADING_AFTER;
  }

  /** A body paragraph: first line indented two characters, justified, last line flush left. */
  paragraph(text: string, opts: { indent?: number; align?: 'justify' | 'center' | 'right' } = {}) {
    const face = this.fonts.body;
    const indent = opts.indent ?? 2 * SIZE.body;
    const g = this.g;
    const lines = wrap(face, text, SIZE.body, g.width, indent);
    lines.forEach((l, i) => {
      this.ensure(PITCH);
      const x0 = g.left + (i === 0 ? indent : 0);
      const w = measure(face, l, SIZE.body);
      let x = x0;
      const spacing: { characterSpacing?: number } = {};
      if (opts.align === 'center') x = g.left + (g.width - w) / 2;
      else if (opts.align === 'right') x = g.left + g.width - w;
      else if (i < lines.length - 1) {
        // Justified, as Word sets 两端对齐; a line with too much room (a long word went down) stays ragged.
        const n = [...l].length;
        const extra = (g.left + g.width - x0 - w) / Math.max(1, n - 1);
        if (n > 1 && extra > 0 && extra < 0.08 * SIZE.body) spacing.characterSpacing = extra;
      }
      this.text('body', SIZE.body, l, x, Writer.baseline(this.y, PITCH, SIZE.body), spacing);
      this.y += PITCH;
    });
  }

  /** A table: whole when it fits, else broken between rows (between merged blocks where it can). */
  table(layout: TableLayout) {
    const { heights, clean } = layout;
    const n = heights.length;
    let start = 0;
    while (start < n) {
      // The next unit: rows up to a boundary no merged cell crosses.
      let end = start;
      let h = 0;
      do {
        h += heights[end];
        end++;
      } while (end < n && !clean[end - 1]);
      const g = this.g;
      if (this.y + h > g.bottom + 0.01) {
        if (h <= g.height && this.y > g.top + 0.01) {
          this.newPage();
        } else {
          // Taller than what is left of the page: cut inside the unit, row by row.
          end = start;
          h = 0;
          while (end < n && this.y + h + heights[end] <= g.bottom + 0.01) h += heights[end++];
          if (end === start) {
            if (this.y > g.top + 0.01) {
              this.newPage();
              continue;
            }
            h = heights[end++];
          }
        }
      }
      this.drawRows(layout, start, end);
      start = end;
    }
  }

  /** Rows [from, to) at the current position: borders of every cell that shows, text of those that start here. */
  private drawRows(layout: TableLayout, from: number, to: number) {
    const { xs, heights, cells } = layout;
    const top = [this.y];
    for (let r = from; r < to; r++) top.push(top[top.length - 1] + heights[r]);
    const yAt = (r: number) => top[r - from];
    const size = layout.size;
    const lh = size * CELL_LEADING;
    const doc = this.doc;
    doc.lineWidth(RULE).strokeColor('black');
    for (const p of cells) {
      if (p.row >= to || p.row + p.rowspan <= from) continue;
      const r0 = Math.max(p.row, from);
      const r1 = Math.min(p.row + p.rowspan, to);
      const x0 = xs[p.col];
      const x1 = xs[p.col + p.colspan];
      doc.rect(x0, yAt(r0), x1 - x0, yAt(r1) - yAt(r0));
    }
    doc.stroke();
    for (const p of cells) {
      // A merged cell cut by a page break prints its text on its first page.
      if (p.row < from || p.row >= to || p.lines.length === 0) continue;
      const r1 = Math.min(p.row + p.rowspan, to);
      const x0 = xs[p.col];
      const x1 = xs[p.col + p.colspan];
      const boxTop = yAt(p.row);
      const boxH = yAt(r1) - boxTop;
      let lineTop = boxTop + (boxH - p.lines.length * lh) / 2;
      for (const l of p.lines) {
        const w = (measure(this.fonts.body, l, size) * p.scale) / 100;
        const x = p.align === 'left' ? x0 + CELL_PAD_X : x0 + (x1 - x0 - w) / 2;
        this.text('body', size, l, x, Writer.baseline(lineTop, lh, size), p.scale !== 100 ? { horizontalScaling: p.scale } : {});
        lineTop += lh;
      }
    }
    this.y = top[top.length - 1];
  }

  caption(text: string) {
    const face = this.fonts.heading;
    const g = this.g;
    for (const l of wrap(face, text, SIZE.body, g.width)) {
      const w = measure(face, l, SIZE.body);
      this.text('heading', SIZE.body, l, g.left + (g.width - w) / 2, Writer.baseline(this.y, PITCH, SIZE.body));
      this.y += PITCH;
    }
  }

  end(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}

/**
 * The title's lines: one when it fits; else broken before `(年份)政府信息公开…年度报告`, as titles
 * are set (机关名称 / 年度报告), and only then wherever the characters run out.
 */
function titleLines(face: LoadedFace, title: string): string[] {
  const text = printable(title).replace(/\s+/g, ' ').trim();
  if (measure(face, text, SIZE.title) <= TEXT_W) return [text];
  // Before 政府信息公开 (the year stays with the agency), else before the year; never at a space,
  // which a reader could not tell from the line break.
  const m = /((?:19|20)\d{2}\s*年度?\s*)?((?:政府)?信息公开)/.exec(text);
  if (m) {
    for (const at of [m.index + (m[1]?.length ?? 0), m.index]) {
      if (at <= 0 || /\s/.test(text[at - 1]) || /\s/.test(text[at])) continue;
      const tail = text.slice(at);
      if (measure(face, tail, SIZE.title) <= TEXT_W) return [...wrap(face, text.slice(0, at), SIZE.title, TEXT_W), tail];
    }
  }
  return wrap(face, text, SIZE.title, TEXT_W);
}

/** Height of a table's first unbreakable block: what a heading or caption keeps with it (at most a page). */
function firstBlock(layout: TableLayout, g: Geometry = PORTRAIT): number {
  let h = 0;
  for (let r = 0; r < layout.heights.length; r++) {
    h += layout.heights[r];
    if (layout.clean[r]) break;
  }
  return Math.min(h, g.height - PITCH - HEADING_AFTER);
}

export async function toPdf(report: Report, opts: WriteOptions = {}): Promise<Uint8Array> {
  const fonts = loadFonts();
  const title = titleOf(report);
  const w = new Writer(fonts, title);
  w.title(title, report.meta.reviewer);
  for (const p of paragraphsOf(report.preamble)) w.paragraph(p);
  const grids = gridsOf(report);
  const layouts = new Map(grids.map((g) => [g, layoutTable(g, fonts)]));
  for (const s of sectionsOf(report)) {
    const paragraphs = paragraphsOf(s.text);
    const mine = grids.filter((g) => g.section === s.no);
    const keep = paragraphs.length ? PITCH * Math.min(2, wrap(fonts.body, paragraphs[0], SIZE.body, TEXT_W, 2 * SIZE.body).length) : mine.length ? firstBlock(layouts.get(mine[0])!) : 0;
    w.heading(s.heading, keep);
    for (const p of paragraphs) w.paragraph(p);
    mine.forEach((g, i) => {
      if (i > 0 || paragraphs.length) w.y += TABLE_GAP;
      w.table(layouts.get(g)!);
    });
    if (mine.length) w.y += TABLE_GAP;
  }
  (opts.appendices ?? []).forEach((a, i) => {
    const g = wantsLandscape(a.grids, fonts.body) ? LANDSCAPE : PORTRAIT;
    if (i === 0 || g !== w.g) w.newPage(g);
    else w.y += PITCH;
    const paragraphs = paragraphsOf(a.text);
    const layouts = a.grids.map((grid) => layoutTable(grid, fonts, g));
    // The heading keeps its text and the start of its first table with it, where a page holds them.
    const text = paragraphs.reduce((h, p) => h + PITCH * wrap(fonts.body, p, SIZE.body, g.width, 2 * SIZE.body).length, 0);
    const first = layouts.length ? PITCH + firstBlock(layouts[0], g) : 0;
    const keep = text + first <= g.height - PITCH - HEADING_AFTER ? text + first : Math.min(text, PITCH * 2) || PITCH;
    // 附件 headings in 黑体 flush left (GB/T 9704 8.1).
    w.heading(a.heading, keep, 0);
    for (const p of paragraphs) w.paragraph(p);
    a.grids.forEach((grid, k) => {
      const layout = layouts[k];
      // An appendix table is captioned unless its first row already says what it is.
      if (grid.caption && grid.rows[0]?.[0]?.text !== grid.caption) {
        w.ensure(PITCH + firstBlock(layout, g));
        w.caption(grid.caption);
      }
      w.table(layout);
      w.y += TABLE_GAP;
    });
  });
  return w.end();
}
