// The report as a Word document in the official layout: the tables of the official template
// (template-2021-blank.docx: the same merged cells, column order and column widths), set in the
// type of GB/T 9704-2012 《党政机关公文格式》. Every table comes from gridsOf (src/write/grid.ts),
// so the labels are the template's own; this module only decides how they are set on the page.
import {
  AlignmentType,
  BorderStyle,
  Document,
  FileChild,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IContext,
  type IRunOptions,
  type IXmlableObject,
  type ParagraphChild,
} from 'docx';
import type { Report } from '../model/report.ts';
import { paragraphsOf } from '../model/paragraphs.ts';
import { gridsOf, OFFICIAL_PAGE, officialColumnWidths, placeCells, sectionsOf, tableKind, titleOf, type Grid, type GridCell, type WriteOptions } from './grid.ts';

/** Twips (1/20 pt) in a millimetre. */
const MM = 1440 / 25.4;
const mm = (x: number) => Math.round(x * MM);
const { margin: M, pt: PT } = OFFICIAL_PAGE;
/** Font sizes in half-points (OFFICIAL_PAGE); the template's tables are 10 pt. */
const SIZE = { title: PT.title * 2, body: PT.body * 2, footer: PT.pageNumber * 2, table: 20 } as const;
/** GB/T 9704: 22 lines on the 225 mm type area, i.e. a fixed line pitch of 28.95 pt. */
const LINE = 579;

/*
 * Fonts. The faces are named as Windows and WPS know the GB/T 9704 faces; a machine without them
 * substitutes, and the font table (word/fontTable.xml, written here: docx writes only the fonts a
 * document embeds) says with what. Each face is declared the way Word itself declares it — GB2312
 * (charset 86), its PANOSE class, pitch and Unicode ranges, which Word and WPS match a substitute
 * by — with the alternate name (w:altName) of a face every Chinese Windows has: 仿宋_GB2312 → 仿宋,
 * 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体, 黑体 → SimHei, 宋体 → SimSun; Windows 10 and later no
 * longer ship the _GB2312 faces. A font table holds one alternate per face, so Noto Serif CJK SC
 * cannot be named beside them; and LibreOffice uses neither altName nor PANOSE and family (tried):
 * it takes fontconfig's face for the runs' language, zh-CN (here Noto Sans CJK, from
 * fonts-noto-cjk). Embedding the faces is no way out: they are megabytes each and their licences
 * do not allow it.
 */
const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', subheading: '楷体_GB2312', table: '宋体', corner: '楷体' } as const;
interface FontEntry {
  name: string;
  alt?: string;
  panose: string;
  charset: string;
  family: 'auto' | 'modern' | 'roman';
  pitch: 'fixed' | 'variable';
  /** usb0–usb3, csb0–csb1: the Unicode ranges and code pages the face covers. */
  sig: [string, string, string, string, string, string];
}
const GB2312_FIXED: Omit<FontEntry, 'name' | 'alt'> = {
  panose: '02010609030101010101',
  charset: '86',
  family: 'modern',
  pitch: 'fixed',
  sig: ['00000001', '080E0000', '00000010', '00000000', '00040000', '00000000'],
};
const WINDOWS_CJK: Omit<FontEntry, 'name' | 'alt'> = {
  panose: '02010609060101010101',
  charset: '86',
  family: 'modern',
  pitch: 'fixed',
  sig: ['800002BF', '38CF7CFA', '00000016', '00000000', '00040001', '00000000'],
};
const FONT_TABLE: FontEntry[] = [
  { name: '方正小标宋简体', alt: '宋体', panose: '02000000000000000000', charset: '86', family: 'auto', pitch: 'variable', sig: ['00000001', '08000000', '00000000', '00000000', '00040000', '00000000'] },
  { name: '仿宋_GB2312', alt: '仿宋', ...GB2312_FIXED },
  { name: '楷体_GB2312', alt: '楷体', ...GB2312_FIXED },
  { name: '黑体', alt: 'SimHei', ...WINDOWS_CJK },
  { name: '宋体', alt: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable', sig: ['00000003', '288F0000', '00000016', '00000000', '00040001', '00000000'] },
  { name: '楷体', alt: 'KaiTi', ...WINDOWS_CJK },
  { name: '仿宋', alt: 'FangSong', ...WINDOWS_CJK },
  { name: 'Times New Roman', panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable', sig: ['E0002EFF', 'C000785B', '00000009', '00000000', '000001FF', '00000000'] },
];

function fontTableXml(): string {
  const fonts = FONT_TABLE.map((f) => {
    const [u0, u1, u2, u3, c0, c1] = f.sig;
    return (
      `<w:font w:name="${f.name}">${f.alt ? `<w:altName w:val="${f.alt}"/>` : ''}<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/>` +
      `<w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/><w:sig w:usb0="${u0}" w:usb1="${u1}" w:usb2="${u2}" w:usb3="${u3}" w:csb0="${c0}" w:csb1="${c1}"/></w:font>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts.join('')}</w:fonts>`;
}

/** Text as XML 1.0 can hold it: no control characters but tab (as a space) and line breaks, no lone surrogates. */
const clean = (s: string) => s.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' });
const LANG = { value: 'en-US', eastAsia: 'zh-CN' };

/** The template's tables are 9,740 twips wide (171.8 mm), centred: wider than the 156 mm type area, as there. */
const TABLE_WIDTH = 9740;

/** The template's widths where the grid has its shape; otherwise label columns twice as wide as value columns. */
function columnWidths(g: Grid): number[] {
  const fixed = officialColumnWidths(g);
  if (fixed) return fixed;
  const kind = tableKind(g);
  // Label columns: those a row label covers at the start of a value row.
  let labels = 0;
  for (const row of g.rows) {
    if (!row.some((c) => c.path)) continue;
    labels = Math.max(labels, row.filter((c) => c.header === 'row').reduce((n, c) => n + (c.colspan ?? 1), 0));
  }
  if (labels === 0 && kind !== 'reviews') labels = 1;
  const parts = Array.from({ length: g.width }, (_, i) => (i < labels ? 2 : 1));
  const total = parts.reduce((a, b) => a + b, 0);
  const widths = parts.map((p) => Math.floor((TABLE_WIDTH * p) / total));
  widths[widths.length - 1] += TABLE_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}


/** The template's cell margins in section 三, twips. */
const CELL_MARGIN = 57;

/**
 * A value's size, half-points: the table size, or smaller where the number would not fit on one
 * line of its cell (a wrapped 11504 reads as 1150 and 4). Digits are reckoned 0.64 em wide, as
 * wide as the widest fallback face's (DejaVu Sans); 宋体's are 0.5 em.
 */
function fitSize(text: string, room: number): number {
  const needed = text.length * 0.64 * SIZE.table * 10; // twips at the table size
  if (needed <= room - 20) return SIZE.table;
  return Math.max(10, Math.floor(((room - 20) * SIZE.table) / needed));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** Marks the k-th value cell of a table in the XML docx prepares once for the table's shape. */
const mark = (k: number) => `\uE000${k}\uE001`;
const MARK = /\uE000(\d+)\uE001/;

function cellParagraphs(c: GridCell, g: Grid, corner: boolean, keepNext: boolean): Paragraph[] {
  const fullRow = (c.colspan ?? 1) === g.width;
  // As in the template: row labels of section 三 and the 第二十条 rows flush left, the rest centred.
  const left = corner || (c.header === 'row' && g.id === 'applications') || (c.header === 'col' && fullRow);
  const style = corner ? 'TableCorner' : left ? 'TableLabel' : 'TableText';
  const lines = c.text === '' ? [''] : clean(c.text).split('\n');
  return lines.map((line) => new Paragraph({ style, keepNext: keepNext || undefined, children: line ? [new TextRun(line)] : [] }));
}

/** The most rows a merged label keeps together on one page. */
const KEEP_GROUP = 10;

/** One Word table for grids of one width: rows as given, rowspan → vMerge, colspan → gridSpan; value cells marked. */
function table(grids: Grid[], widths: number[], cornerText: string | null): { table: Table; rooms: number[] } {
  /** The width each value cell has for its text, twips. */
  const rooms: number[] = [];
  const headerRows = new Set<GridCell[]>();
  // The applications table repeats its three header rows on every page it runs onto.
  for (const g of grids) if (g.id === 'applications') g.rows.slice(0, 3).forEach((r) => headerRows.add(r));
  const rows: TableRow[] = [];
  for (const g of grids) {
    const kind = tableKind(g);
    // Where each cell stands, for the width of the grid columns it covers.
    const placed = new Map(placeCells(g).map((p) => [p.cell, p]));
    // A label merged down a few rows (（五）不予处理 over its five) keeps them on one page: each row
    // but its last keeps with the next (Word and LibreOffice keep table rows so), or a page break
    // inside it prints the label away from its rows. The label of the whole outcome block is not
    // such a group: it is taller than a page may hold.
    const keep = new Set<number>();
    for (const p of placed.values()) if (p.cell.header === 'row' && p.rowspan > 1 && p.rowspan <= KEEP_GROUP) for (let i = p.row; i < p.row + p.rowspan - 1; i++) keep.add(i);
    for (const [ri, r] of g.rows.entries()) {
      const cells: TableCell[] = [];
      for (const c of r) {
        const { col, colspan: span, rowspan: rowSpan } = placed.get(c)!;
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        cells.push(
          new TableCell({
            children: cellParagraphs(c.path ? { ...c, text: mark(rooms.push(width - 2 * CELL_MARGIN) - 1) } : c, g, c.text === cornerText, keep.has(ri)),
            columnSpan: span > 1 ? span : undefined,
            rowSpan: rowSpan > 1 ? rowSpan : undefined,
            width: { size: width, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
          }),
        );
      }
      rows.push(
        new TableRow({
          children: cells,
          // Row heights as in the template: 6 mm rows in section 二, a 12 mm value row in section 四.
          cantSplit: kind === 'applications' || undefined,
          tableHeader: headerRows.has(r) || undefined,
          height: kind === 'active' ? { value: 340, rule: HeightRule.ATLEAST } : kind === 'reviews' && r.some((c) => c.path) ? { value: 672, rule: HeightRule.ATLEAST } : undefined,
        }),
      );
    }
  }
  const table = new Table({
    rows,
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: BORDERS,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
  });
  return { table, rooms };
}

/*
 * Speed. docx takes some 6 µs to prepare an element, and the tables are nine tenths of a report's
 * 3,200 elements; their shape is the template's, the same in every report. So each shape is
 * prepared by docx once, with its value cells marked, and every document fills its values into a
 * copy (a value set smaller takes docx's run for that size): the XML is what docx writes for the
 * table, at about twice the speed of preparing it afresh (about 13 ms a report instead of 22).
 * A shape is its labels, merges, widths and which cells hold values; test/docx-write.test.ts
 * checks that a report written after others is byte for byte the one written afresh.
 */
interface Prepared {
  xml: IXmlableObject;
  rooms: number[];
  /** The nodes (objects and arrays) with a mark below them: the only ones copied. */
  marked: WeakSet<object>;
  /** The w:r of each mark, left out where the value is blank (as docx writes an empty cell). */
  runs: Map<object, number>;
}
const PREPARED = new Map<string, Prepared>();
const MAX_PREPARED = 64;

function prepare(xml: IXmlableObject, rooms: number[]): Prepared {
  const marked = new WeakSet<object>();
  const runs = new Map<object, number>();
  const walk = (node: unknown, run: object | null): boolean => {
    if (typeof node === 'string') {
      const m = MARK.exec(node);
      if (m && run) runs.set(run, Number(m[1]));
      return m !== null;
    }
    if (!node || typeof node !== 'object') return false;
    let any = false;
    if (Array.isArray(node)) for (const c of node) any = walk(c, c && typeof c === 'object' && !Array.isArray(c) && 'w:r' in c ? c : run) || any;
    else for (const v of Object.values(node)) any = walk(v, run) || any;
    if (any) marked.add(node);
    return any;
  };
  walk(xml, null);
  return { xml, rooms, marked, runs };
}

/** docx's w:r for a value set smaller than the table size, by size: a mark in its text. */
const SMALL_RUNS = new Map<number, IXmlableObject>();

function fill(p: Prepared, values: string[], context: IContext): IXmlableObject {
  const small = (k: number, size: number): unknown => {
    let run = SMALL_RUNS.get(size);
    if (!run) {
      run = new TextRun({ text: mark(0), size }).prepForXml(context)!;
      SMALL_RUNS.set(size, run);
    }
    return fill(prepare(run, []), [values[k]], context);
  };
  const copy = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const m = MARK.exec(node);
      return m ? node.replace(MARK, () => values[Number(m[1])]) : node;
    }
    if (!node || typeof node !== 'object' || !p.marked.has(node)) return node;
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const c of node) {
        const k = c && typeof c === 'object' ? p.runs.get(c) : undefined;
        if (k !== undefined && values[k] === '') continue;
        const size = k === undefined ? SIZE.table : fitSize(values[k], p.rooms[k]);
        out.push(size === SIZE.table ? copy(c) : small(k!, size));
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(node)) out[key] = copy(v);
    return out;
  };
  return copy(p.xml) as IXmlableObject;
}

/** A table docx prepares once for its shape; each document fills in its own values. */
class FilledTable extends FileChild {
  constructor(
    private readonly key: string,
    private readonly build: () => { table: Table; rooms: number[] },
    private readonly values: string[],
  ) {
    super('w:tbl');
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    let p = PREPARED.get(this.key);
    if (!p) {
      const { table: built, rooms } = this.build();
      const xml = built.prepForXml(context);
      if (!xml) return undefined;
      if (PREPARED.size >= MAX_PREPARED) PREPARED.clear();
      p = prepare(xml, rooms);
      PREPARED.set(this.key, p);
    }
    return fill(p, this.values, context);
  }
}

/** Forgets the prepared tables (for tests: the next document prepares its tables afresh). */
export function forgetPreparedTables(): void {
  PREPARED.clear();
  SMALL_RUNS.clear();
}

function filledTable(grids: Grid[], widths: number[], corner: string | null): FileChild {
  const values: string[] = [];
  const shape = grids.map((g) => [g.id, g.width, g.rows.map((r) => r.map((c) => [c.path ? null : c.text, c.colspan ?? 1, c.rowspan ?? 1, c.header ?? '']))]);
  for (const g of grids) for (const r of g.rows) for (const c of r) if (c.path) values.push(clean(c.text).replace(/\n/g, ''));
  return new FilledTable(JSON.stringify([widths, corner, shape]), () => table(grids, widths, corner), values);
}

/** A body paragraph: 仿宋 三号, two characters indented; a leading （一）… heading in 楷体. */
function bodyParagraph(text: string): Paragraph {
  const line = clean(text);
  // The body face comes from the style; a （一） heading's run is 楷体 directly.
  const run = (text: string, name: string): TextRun => (name === FONT.body ? new TextRun(text) : new TextRun({ text, font: font(name) }));
  const m = /^（[一二三四五六七八九十]+）/.exec(line);
  let children: ParagraphChild[];
  if (m && line.length <= 30 && !/[。；]$/.test(line)) children = [run(line, FONT.subheading)];
  else if (m && /^[^。；]{1,28}[。；]/.test(line)) {
    const end = line.search(/[。；]/) + 1;
    children = [run(line.slice(0, end), FONT.subheading), run(line.slice(end), FONT.body)];
  } else children = [run(line, FONT.body)];
  return new Paragraph({ style: 'Body', children });
}

const heading = (text: string) => new Paragraph({ style: 'SectionHeading', children: [new TextRun(clean(text))] });

/** A title over about 20 characters is set on two lines, broken before 政府信息公开 (readers join it). */
function title(printed: string): Paragraph {
  const text = clean(printed);
  const at = text.indexOf('政府信息公开');
  const parts = text.length > 20 && at > 0 ? [text.slice(0, at), text.slice(at)] : [text];
  return new Paragraph({
    style: 'ReportTitle',
    children: parts.map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : undefined })),
  });
}

/** 4 号 宋体 page number, `— 1 —`, on the outer side one character in (GB/T 9704 7.5). */
function pageFooter(side: 'odd' | 'even'): Footer {
  const run: IRunOptions = { font: font('宋体'), size: SIZE.footer, language: LANG };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ ...run, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

function tablesOf(grids: Grid[]): { grids: Grid[]; widths: number[]; corner: string | null }[] {
  // Section 二's tables are one Word table in the template, each headed by its 第二十条 row.
  const out: { grids: Grid[]; widths: number[]; corner: string | null }[] = [];
  for (const g of grids) {
    const kind = tableKind(g);
    const widths = columnWidths(g);
    const last = out[out.length - 1];
    if (kind === 'active' && last && tableKind(last.grids[0]) === 'active' && last.widths.length === g.width) last.grids.push(g);
    else out.push({ grids: [g], widths, corner: kind === 'applications' ? (g.rows[0]?.[0]?.text ?? null) : null });
  }
  return out;
}

export async function toDocx(report: Report, opts: WriteOptions = {}): Promise<Uint8Array> {
  const grids = gridsOf(report);
  const children: FileChild[] = [title(titleOf(report))];
  // Under the title, as the other writers put it: before section 一, so that it is in no section's text.
  if (report.meta.reviewer) children.push(new Paragraph({ style: 'Reviewer', children: [new TextRun(clean(`审核人：${report.meta.reviewer}`))] }));
  children.push(new Paragraph({ style: 'Body', children: [] }));
  for (const p of paragraphsOf(report.preamble)) children.push(bodyParagraph(p));
  const tables = (gs: Grid[]) =>
    tablesOf(gs).flatMap((x, i) => [
      ...(i > 0 ? [new Paragraph({ style: 'Gap', children: [] })] : []),
      filledTable(x.grids, x.widths, x.corner),
    ]);
  for (const s of sectionsOf(report)) {
    children.push(heading(s.heading));
    for (const p of paragraphsOf(s.text)) children.push(bodyParagraph(p));
    const mine = grids.filter((g) => g.section === s.no);
    if (mine.length) children.push(...tables(mine), new Paragraph({ style: 'Gap', children: [] }));
  }
  (opts.appendices ?? []).forEach((a, i) => {
    // 附件 as GB/T 9704 sets it: 黑体 at the left margin, the first one on a new page.
    children.push(new Paragraph({ style: 'AppendixHeading', pageBreakBefore: i === 0, children: [new TextRun(clean(a.heading))] }));
    for (const p of paragraphsOf(a.text)) children.push(bodyParagraph(p));
    // Tables as in the report (section 二's together), each captioned unless its first row says what it is.
    tablesOf(a.grids).forEach((x) => {
      const g = x.grids[0];
      if (g.caption && g.rows[0]?.[0]?.text !== g.caption) children.push(new Paragraph({ style: 'TableCaption', children: [new TextRun(clean(g.caption))] }));
      children.push(filledTable(x.grids, x.widths, x.corner), new Paragraph({ style: 'Gap', children: [] }));
    });
  });

  const body = { font: font(FONT.body), size: SIZE.body, language: LANG };
  const exact = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const single = { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }, indent: { firstLine: 0, left: 0 } };
  const tableRun = { font: font(FONT.table), size: SIZE.table };
  const doc = new Document({
    title: clean(titleOf(report)),
    creator: clean(report.meta.agency ?? 'xxgk'),
    lastModifiedBy: 'xxgk',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: body, paragraph: { spacing: exact } } },
      paragraphStyles: [
        { id: 'Body', name: '正文（公文）', basedOn: 'Normal', quickFormat: true, run: body, paragraph: { spacing: exact, indent: { firstLineChars: 200, firstLine: 640 }, alignment: AlignmentType.JUSTIFIED } },
        { id: 'ReportTitle', name: '标题（公文）', basedOn: 'Normal', next: 'Body', quickFormat: true, run: { font: font(FONT.title), size: SIZE.title }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 } } },
        { id: 'SectionHeading', name: '一级标题（公文）', basedOn: 'Body', next: 'Body', quickFormat: true, run: { font: font(FONT.heading), size: SIZE.body }, paragraph: { keepNext: true, outlineLevel: 0 } },
        { id: 'Reviewer', name: '审核人', basedOn: 'Normal', next: 'Body', run: { font: font(FONT.subheading), size: SIZE.body }, paragraph: { alignment: AlignmentType.CENTER } },
        { id: 'AppendixHeading', name: '附件标识', basedOn: 'SectionHeading', next: 'Body', run: { font: font(FONT.heading), size: SIZE.body }, paragraph: { keepNext: true, indent: { firstLine: 0, firstLineChars: 0 } } },
        { id: 'TableCaption', name: '表题（公文）', basedOn: 'Body', next: 'Body', run: { font: font(FONT.subheading), size: SIZE.body }, paragraph: { keepNext: true } },
        { id: 'TableText', name: '表格文字', basedOn: 'Normal', run: tableRun, paragraph: { ...single, alignment: AlignmentType.CENTER } },
        { id: 'TableLabel', name: '表格栏目（居左）', basedOn: 'TableText', run: tableRun, paragraph: { ...single, alignment: AlignmentType.LEFT } },
        { id: 'TableCorner', name: '表格说明', basedOn: 'TableText', run: { ...tableRun, font: font(FONT.corner) }, paragraph: { ...single, alignment: AlignmentType.LEFT } },
        { id: 'Gap', name: '表后空行', basedOn: 'Normal', run: { size: SIZE.table }, paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(OFFICIAL_PAGE.size.width), height: mm(OFFICIAL_PAGE.size.height) },
            margin: { top: mm(M.top), bottom: mm(M.bottom), left: mm(M.left), right: mm(M.right), header: mm(15), footer: mm(21), gutter: 0 },
          },
        },
        footers: { default: pageFooter('odd'), even: pageFooter('even') },
        children,
      },
    ],
  });
  return Packer.pack(doc, 'uint8array', false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
