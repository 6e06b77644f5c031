// The text reader: plain text in any of the layouts real reports are saved in → Document.
// It knows nothing of the template; it only decides which pieces of text are cells and which
// cells share a table row. Layouts seen in real files (all handled line by line, so a document
// may mix them):
//   tab-rows     `规章\t0\t0\t0`                      one table row per line
//   cell-lines   `\t规章` / `\t0` / blank line          one cell per line, a leading tab, rows split by blank lines
//   pipe-rows    `| 规章 | 0 | 0 | 0 |` or `规章 | 0 |`  markdown-like rows
//   pipe-cells   `规章 |` / `0 |` / `|`                 one cell per line ending in a pipe; a lone pipe is an empty cell
//   cell-pipe    `规章` / `|` / `0` / `|`               cell text on its own line(s), terminated by a lone pipe line
//   lines        `规章` / `` / ` 0`                     one cell per line, nothing else; an empty cell is an
//                                                      empty line (see emptyCells)
import { fixedWidthWraps, type TypedLine } from '../../model/paragraphs.ts';
import type { Document, DocRow, SourceCell } from '../document.ts';

/** Page numbers and similar furniture that is never a cell: `-3-`, `— 3 —`, `第3页`, `第 3 页 共 5 页`. */
const PAGE_NUMBER = /^(?:[-－—–~]\s*\d{1,3}\s*[-－—–~]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;
/** A bare number on its own line that may be a page number when it stands between tab cells. */
const BARE_NUMBER = /^\d{1,3}$/;
/** Word-export artefacts such as `[bookmark: _GoBack]`. */
const ARTEFACT = /\[bookmark:[^\]]*\]/g;
/** A markdown table separator row: `|---|:---:|`. */
const MD_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;
const PIPES_ONLY = /^\|+$/;

/**
 * Which marks the whole text holds at all: a line is searched for one only where the text has it
 * (one search of the text instead of one of each line; most reports have none of them).
 */
interface Marks {
  bracket: boolean;
  hash: boolean;
  /** A `*` anywhere: `**` may also appear where an artefact between two `*` goes. */
  star: boolean;
  space: boolean;
  tab: boolean;
  pipe: boolean;
  formFeed: boolean;
}

const marksOf = (text: string): Marks => ({
  bracket: text.includes('['),
  hash: text.includes('#'),
  star: text.includes('*'),
  space: text.includes('\u00a0') || text.includes('\u3000'),
  tab: text.includes('\t'),
  pipe: text.includes('|'),
  formFeed: text.includes('\f'),
});

function cleanLine(raw: string, has: Marks): string {
  let s = raw;
  if (has.bracket && s.includes('[')) s = s.replace(ARTEFACT, '');
  // Markdown headings and emphasis carry no meaning for the report.
  if (has.hash && s.includes('#')) s = s.replace(/^\s{0,3}#{1,6}\s+/, '');
  if (has.star && s.includes('**')) s = s.replace(/\*\*(.+?)\*\*/g, '$1');
  if (has.space && (s.includes('\u00a0') || s.includes('\u3000'))) s = s.replace(/[\u00a0\u3000]/g, ' ');
  // Trailing tabs are cells (`label\t0\t\t`: a blank 总计), so only other white space goes.
  // By char codes rather than /[^\S\t]+$/, which V8 tries from every position of the line: with
  // the other changes of that commit the reader went from 2.91M to 1.99M instructions a report
  // (callgrind over the 1,000 generated reports).
  let end = s.length;
  while (end > 0 && isSpaceNotTab(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** What \s matches (and trim removes), less the tab. */
function isSpaceNotTab(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x0a && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A number as a one-cell-per-line table prints it, alone on its line. */
const NUMBER_LINE = /^[-+]?[\d０-９][\d０-９,，.]*(?:件|个|条|项|次|宗|家|份|元|万元)?$/;
/** A line that may be a value cell of such a table: a number, a placeholder or a mistyped value (`NaN`, `(3)`, `1O`), no Chinese words. */
const CELLISH = /^(?:[^\u4e00-\u9fff]{1,16}|[-+]?[\d０-９][\d０-９,，.]*(?:件|个|条|项|次|宗|家|份|元|万元)|若干|无|暂无|不详)$/;
const isPlain = (raw: string, has: Marks) => !(has.tab && raw.includes('\t')) && !(has.pipe && raw.includes('|'));

/**
 * How a document prints its tables, from the lines that are plain numbers alone on their line
 * (hand-written here: no library reads the one-cell-per-line exports of Word and portals):
 * - `dense`: cells follow one another line by line (`0` / `0`), so each empty line between two
 *   cells is an empty cell; else an empty line separates cells and an empty cell is one more
 *   empty line between two separators (`0` / `` / `` / `` / `0`);
 * - `oneCell`: numbers stand one to a line, so a line of digits with a space (`12 34`) is one
 *   cell that is not a number, not two cells; in text taken from a PDF with spaces for columns
 *   (`规章 0 0 0`, or `447 7 0 0` under a wrapped label) numbers share lines and this is false.
 * - `terminated`: most tab rows end in a tab (Word's text export), which closes the row and is
 *   not a blank cell; `pipeLed`: most pipe rows open with a pipe, which is not a blank cell;
 *   `cellPipe`: most lone pipes close the cell text of the line above (the cell-pipe layout).
 */
function tableStyle(lines: string[], trims: string[], has: Marks) {
  const n = { adjacent: 0, apart: 0, single: 0, several: 0, tabRows: 0, tabEnded: 0, pipeRows: 0, pipeLed: 0, lonePipes: 0, pipeAfterText: 0 };
  let lastNumber = -1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const t = trims[i];
    if (t === '') continue;
    if (t.charCodeAt(0) === 0x7c && PIPES_ONLY.test(t)) {
      n.lonePipes++;
      const before = i > 0 ? trims[i - 1] : '';
      if (before !== '' && !before.includes('|')) n.pipeAfterText++;
    }
    if (!isPlain(raw, has)) {
      lastNumber = -1;
      if (/\|.*\|/.test(t) && !PIPES_ONLY.test(t) && !MD_SEPARATOR.test(t)) {
        n.pipeRows++;
        if (t.startsWith('|')) n.pipeLed++;
      }
      if (raw.includes('\t') && !raw.includes('|') && /\t.*\S.*\t/.test(raw)) {
        n.tabRows++;
        if (raw.endsWith('\t')) n.tabEnded++;
      }
      continue;
    }
    // NUMBER_LINE opens with a sign or a digit: most lines (prose) fail at their first character,
    // without splitting them into words.
    if (!startsNumber(t.charCodeAt(0))) {
      lastNumber = -1;
      continue;
    }
    const words = t.split(/\s+/);
    if (!words.every((w) => NUMBER_LINE.test(w))) {
      lastNumber = -1;
      continue;
    }
    if (words.length > 1) n.several++;
    else n.single++;
    if (lastNumber >= 0 && i - lastNumber === 1) n.adjacent++;
    if (lastNumber >= 0 && i - lastNumber === 2) n.apart++;
    lastNumber = i;
  }
  return {
    dense: n.adjacent > n.apart,
    oneCell: n.single >= 8 && n.several * 4 < n.single,
    terminated: n.tabRows > 0 && n.tabEnded * 2 > n.tabRows,
    // Rows open with a pipe (`| a | b |`); where most do not (`a | b |`), one that does opens with an empty cell.
    pipeLed: n.pipeRows === 0 || n.pipeLed * 2 > n.pipeRows,
    cellPipe: n.lonePipes >= 8 && n.pipeAfterText * 2 > n.lonePipes,
  };
}

/** A character NUMBER_LINE may open with: `+`, `-`, an ASCII or a full-width digit. */
const startsNumber = (c: number) => c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** A character PAGE_NUMBER may open with: a dash or tilde of its set, 第, an ASCII digit. */
const opensPageNumber = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0xff0d || c === 0x2014 || c === 0x2013 || c === 0x7e || c === 0x7b2c;

const cell = (text: string, line: number): SourceCell => ({ text: text.trim(), line });

export function readTextDocument(input: string): Document {
  const body = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // cleanLine's trimEnd takes the \r of \r\n; old Mac files end lines with \r alone.
  const printed = body.split(body.includes('\n') ? '\n' : '\r');
  const has = marksOf(body);
  const lines = printed.map((l) => cleanLine(l, has));
  // Each line trimmed once, for tableStyle, the loop below and nextIsLonePipe.
  const trims = lines.map((l) => l.trim());
  const style = tableStyle(lines, trims, has);
  const hasPipes = has.pipe;
  const rows: DocRow[] = [];
  let pipes = 0;
  let tabCells = 0;
  let tabRows = 0;
  let spaced = 0;
  // Text lines waiting for a lone `|` line that makes them one cell (cell-pipe layout).
  let pending: { text: string; line: number }[] = [];
  const flushPending = () => {
    for (const p of pending) rows.push({ cells: [cell(p.text, p.line)], line: p.line, tableRow: false });
    pending = [];
  };
  // Index of the last row that was a tab-prefixed cell, for wrapped cell text and page numbers.
  let lastTabCell = -1;
  let lastWasBlank = false;
  // The empty lines since the last line with text, and the row of that line when it was a plain cell.
  let blanks: number[] = [];
  let lastPlainCell = -1;
  let afterPageNumber = false;
  // The plain lines as printed (indentation kept), for finding soft line breaks.
  // By row index (proseAt[k] is the row of typedLines[k]) rather than a Map keyed by row.
  const proseAt: number[] = [];
  const typedLines: TypedLine[] = [];

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lineNo = i + 1;
    const trimmed = trims[i];
    // A line of white space only that opens with a tab is an empty cell (/^\t\s*$/).
    if (trimmed === '' && raw.charCodeAt(0) !== 9) {
      lastWasBlank = true;
      // A page number between two cells stands between separators: with them it is one separator.
      if (afterPageNumber && !style.dense && blanks.length) afterPageNumber = false;
      else blanks.push(lineNo);
      continue;
    }
    const blankBefore = lastWasBlank;
    lastWasBlank = false;
    afterPageNumber = false;
    if (trimmed.length <= 16 && opensPageNumber(trimmed.charCodeAt(0)) && PAGE_NUMBER.test(trimmed)) {
      afterPageNumber = true;
      continue;
    }
    const gap = blanks;
    blanks = [];
    const afterPlainCell = lastPlainCell === rows.length - 1 && lastPlainCell >= 0;
    lastPlainCell = -1;

    if (hasPipes && trimmed.includes('|')) {
      pipes++;
      if (MD_SEPARATOR.test(trimmed)) continue;
      if (PIPES_ONLY.test(trimmed)) {
        // Where cell text stands on its own line closed by a lone pipe (cell-pipe), a line of
        // pipes right after the closing one ends the row (`0` / `|` / `|`); an empty cell is an
        // empty line closed by a pipe (`` / `|`).
        if (style.cellPipe && !pending.length && i > 0 && PIPES_ONLY.test(trims[i - 1])) continue;
        // A lone pipe ends the pending cell text; every further pipe is an empty cell.
        let n = trimmed.length;
        if (pending.length) {
          const text = pending.map((p) => p.text.trim()).join('');
          rows.push({ cells: [cell(text, pending[0].line)], line: pending[0].line, tableRow: false });
          pending = [];
          n--;
        }
        for (let k = 0; k < n; k++) rows.push({ cells: [cell('', lineNo)], line: lineNo, tableRow: false });
        continue;
      }
      flushPending();
      const segments = trimmed.split('|');
      if (trimmed.startsWith('|') && style.pipeLed) segments.shift();
      if (segments.length && segments[segments.length - 1].trim() === '') segments.pop();
      const cells = segments.map((s) => cell(s, lineNo));
      rows.push({ cells, line: lineNo, tableRow: cells.length > 1 });
      continue;
    }

    if (has.tab && raw.includes('\t')) {
      flushPending();
      const parts = raw.split('\t');
      if (parts[0].trim() === '' && parts.length === 2) {
        // cell-lines: one cell per line behind a tab; the cell may be empty.
        tabCells++;
        rows.push({ cells: [cell(parts[1], lineNo)], line: lineNo, tableRow: false });
        lastTabCell = rows.length - 1;
        continue;
      }
      tabRows++;
      // A row whose cells are all empty carries nothing but layout.
      if (parts.every((p) => p.trim() === '')) continue;
      if (style.terminated && parts.length > 1 && parts[parts.length - 1].trim() === '') parts.pop();
      rows.push({ cells: parts.map((p) => cell(p, lineNo)), line: lineNo, tableRow: true });
      continue;
    }

    // A plain line. Inside a cell-lines table it may continue the cell above (`商业` / `企业`)
    // or be a page number standing between two cells.
    if (lastTabCell === rows.length - 1 && lastTabCell >= 0) {
      const prev = rows[lastTabCell].cells[0];
      const next = lines[i + 1] ?? '';
      if (BARE_NUMBER.test(trimmed) && /^\t/.test(next)) continue;
      if (!blankBefore && prev.text !== '' && !/^[-+]?\d/.test(prev.text) && trimmed.length <= 12 && !/^[一二三四五六七八九十]、/.test(trimmed)) {
        prev.text += trimmed;
        continue;
      }
    }
    if (hasPipes && nextIsLonePipe(trims, i)) {
      pending.push({ text: trimmed, line: lineNo });
      continue;
    }
    flushPending();
    // One cell per line: a line of values alone is one cell, whatever spaces it holds.
    const aligned = style.oneCell && CELLISH.test(trimmed) ? null : spaceAligned(trimmed);
    // Empty cells stand before a value: those after a row's last value, before a label or
    // a paragraph, are page layout, and a row short of cells at its end is read so anyway.
    if (!aligned && afterPlainCell && gap.length && CELLISH.test(trimmed)) {
      for (const at of emptyCells(gap, style.dense)) rows.push({ cells: [cell('', at)], line: at, tableRow: false });
    }
    if (aligned) {
      spaced++;
      rows.push({ cells: aligned.map((t) => cell(t, lineNo)), line: lineNo, tableRow: true });
      continue;
    }
    if (!aligned) lastPlainCell = rows.length;
    const prose: DocRow = { cells: [cell(trimmed, lineNo)], line: lineNo, tableRow: false };
    // A page break (form feed) and the page number and blank lines before it do not end a paragraph.
    // Its width as printed: a full-width space indents by two columns.
    let text = printed[i];
    if (has.bracket && text.includes('[')) text = text.replace(ARTEFACT, '');
    if (has.formFeed && text.includes('\f')) text = text.replace(/\f/g, '');
    proseAt.push(rows.length);
    typedLines.push({ text: text.trimEnd(), blankBefore: blankBefore && !(has.formFeed && raw.includes('\f')) });
    rows.push(prose);
  }
  flushPending();
  // Text broken at a fixed width: its soft line breaks (paragraphs.ts).
  const typed: (TypedLine | null)[] = new Array(rows.length).fill(null);
  for (let k = 0; k < proseAt.length; k++) typed[proseAt[k]] = typedLines[k];
  const wraps = fixedWidthWraps(typed);
  wraps.forEach((w, i) => {
    if (w) rows[i].wrap = true;
  });

  const layout = pipes > tabCells && pipes > tabRows ? 'pipe' : tabCells > tabRows ? 'cell-lines' : tabRows > 0 ? 'tab-rows' : spaced > 0 ? 'space-aligned' : 'lines';
  return { format: 'text', layout, rows, messages: [] };
}

/**
 * The empty cells among the empty lines `gap` between two cells of a one-cell-per-line table: all
 * of them where cells are dense, else every second one between the separators (three empty lines:
 * one empty cell). Returns their line numbers.
 */
function emptyCells(gap: number[], dense: boolean): number[] {
  if (dense) return gap;
  const out: number[] = [];
  for (let k = 1; k + 1 < gap.length; k += 2) out.push(gap[k]);
  return out;
}

const NUMERIC = /^(?:[-+]?\d[\d,，.]*(?:件|个|条|元|万元)?|[\/／—–-])$/;

/**
 * A line of a table laid out with spaces (text extracted from a PDF, `pdftotext -layout`):
 * columns stand two or more spaces apart, numbers one space apart. Returns its cells, or null
 * for prose. A line is split only where a piece is a number or every piece is short, so a
 * sentence with a double space stays one paragraph.
 */
function spaceAligned(line: string): string[] | null {
  // Most lines of Chinese text have no space at all.
  if (!/\s/.test(line)) return null;
  const pieces = line.split(/\s{2,}/).flatMap((p) => {
    const words = p.split(/\s+/);
    // `0 0 0` or `规章 0 0 0`: numbers a single space apart are cells of their own.
    let k = words.length;
    while (k > 0 && NUMERIC.test(words[k - 1])) k--;
    // A sentence that ends in a number (`…共计 95`) is prose: no label ends a sentence.
    if (k > 0 && /[。；！？]/.test(words.slice(0, k).join(''))) return [p];
    // A sentence broken at a fixed width after a figure (`…共收到申请 12` / `件，…`): words with a
    // ，and a dozen Chinese characters, then one number a space away, are prose too.
    if (k > 0 && k === words.length - 1 && /，/.test(words.slice(0, k).join('')) && (words.slice(0, k).join('').match(/[\u4e00-\u9fff]/g) ?? []).length >= 12) return [p];
    if (words.length - k >= 2 || (k < words.length && k > 0)) return [...(k > 0 ? [words.slice(0, k).join(' ')] : []), ...words.slice(k)];
    return [p];
  });
  if (pieces.length < 2) return null;
  if (pieces.some((p) => NUMERIC.test(p)) || pieces.every((p) => p.length <= 20)) return pieces;
  return null;
}

/** True when the text lines from `i` on are followed by a line of pipes only (the cell-pipe layout). */
function nextIsLonePipe(trims: string[], i: number): boolean {
  const first = trims[i];
  for (let j = i + 1; j < trims.length && j <= i + 4; j++) {
    const t = trims[j];
    if (PIPES_ONLY.test(t)) return true;
    // Only short pieces of a wrapped cell (`商业` / `企业`) run on: a heading or a sentence
    // followed by the first cell of a table stays a paragraph of its own.
    if (t === '' || t.includes('|') || first.length > 12 || t.length > 12 || /^[一二三四五六七八九十]、/.test(first)) return false;
  }
  return false;
}
