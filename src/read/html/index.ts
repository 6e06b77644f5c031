// The HTML reader: a government portal's page → Document. Paragraphs become rows of one cell,
// each <tr> of a data table one table row; navigation, scripts, footers, hidden text and the
// layout tables around the report are passed over.
//
// Parser: htmlparser2 (its DOM, with start offsets for line numbers). Measured on Node 20 against
// the alternatives the project considered, parsing a 20 KB report page / a 10 MB page:
// htmlparser2 0.8 ms / 0.41 s, parse5 with source locations 1.2 ms / 2.3 s, cheerio.load (parse5
// underneath, with locations) 3.0 ms. htmlparser2 is not a spec tree builder (a <td> opened inside
// an unclosed <p> nests in it), so rows and cells are collected by their nearest <tr>/<table>,
// not by parent and child, and every walk is iterative so deep unclosed nesting cannot overflow
// the stack.
import type { ChildNode, Element, Text } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { DocRow, Document, ReaderMessage, SourceCell } from '../document.ts';
import { readTextDocument } from '../text/index.ts';

/** Never text of the report. (`form` is not here: ASP.NET portals wrap the whole page in one.) */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'footer', 'aside', 'title', 'meta', 'link',
  'select', 'option', 'optgroup', 'button', 'input', 'textarea', 'datalist', 'iframe', 'frame', 'object', 'embed',
  'svg', 'math', 'canvas', 'audio', 'video', 'map', 'xml',
]);

/** Elements that start and end a line of text. Everything else (span, font, a, o:p …) is inline. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html',
  'legend', 'li', 'listing', 'main', 'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul', 'xmp', 'plaintext',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** A numbered section heading at the start of a text: `一、总体情况`, `第二部分`. */
const SECTION_MARK = /^[\s\u00a0\u3000]*(?:[一二三四五六七八九十]{1,3}[\s\u00a0\u3000]*[、.．]|第[一二三四五六七八九十]{1,3}(?:部分|章))/;
const TITLE_WORDS = /年度报告|年报/;
/** A report's title, however it is spaced (`2023 年政府信息公开工作年度 报告`). */
const isTitle = (text: string) => text.length <= 100 && !/[。，；：,;:]/.test(text) && TITLE_WORDS.test(text.replace(/\s+/g, ''));
const NUMBER_ONLY = /^[\s\u00a0\u3000]*[-+]?\d[\d,.]*[\s\u00a0\u3000]*$/;

/** Cell text longer than any label or note of a report's tables: the table lays out a page. */
const LONG_CELL = 300;

function hidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  const style = a.style;
  if (!style) return false;
  const s = style.replace(/\s/g, '').toLowerCase();
  // Word's "Save as Web Page" marks hidden text mso-hide:all.
  return s.includes('display:none') || s.includes('visibility:hidden') || s.includes('mso-hide:all');
}

const isWhite = (code: number) => code <= 32 || code === 0xa0 || code === 0x3000 || code === 0x200b || code === 0xfeff;

function visibleChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!isWhite(s.charCodeAt(i))) n++;
  return n;
}

/** CJK characters and their punctuation (and full-width forms): no space where a line breaks between them. */
const isCjk = (ch: string | undefined) => ch !== undefined && ch.charCodeAt(0) >= 0x2e80;

/** Stands for a <br> or a block boundary inside a table cell. */
const BREAK = '\n';

/**
 * Text as a browser shows it, on one line: whitespace collapsed, `&nbsp;` a space. Where the
 * source broke the line (a newline, a <br>, a block inside a cell) CJK text joins without a
 * separator and Latin words get one space.
 */
export function collapseText(raw: string): string {
  const runs = raw.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, (run) => (run.includes('\n') ? '\n' : ' '));
  if (!runs.includes('\n')) return runs.trim();
  return runs
    .replace(/\n/g, (_m, at: number, s: string) => {
      const left = s[at - 1];
      const right = s[at + 1];
      if (left === undefined || right === undefined || left === ' ' || right === ' ' || isCjk(left) || isCjk(right)) return '';
      return ' ';
    })
    .trim();
}

/** Line numbers of source offsets, by binary search over the line starts. */
function lineIndex(html: string): (offset: number | null) => number {
  const nl = html.includes('\n') ? '\n' : '\r';
  const starts = [0];
  for (let i = html.indexOf(nl); i >= 0; i = html.indexOf(nl, i + 1)) starts.push(i + 1);
  return (offset) => {
    const o = offset ?? 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** Element ids, kept on the nodes themselves: a Map of a million elements costs more than the read. */
const ID = Symbol('xxgk.id');
type Tagged = Element & { [ID]?: number };
const idOf = (el: Element) => (el as Tagged)[ID];

const IS_TABLE = 1;
const IS_CELL = 2;
const IS_HEADING = 4;
const IS_BLOCK = 8; // a block element or a <br>
const IN_LINK = 16;
const HAS_NUMBER = 32; // a cell whose text is a number

/**
 * What the first pass knows of every element that can hold report text (skipped and hidden ones
 * have no id). Id 0 is the document; ids follow document order, so an element's subtree is the
 * ids `id … id + size - 1`. Typed arrays, sized by a count of the elements, keep a 10 MB page cheap.
 */
interface Tree {
  count: number;
  el: Element[];
  parent: Int32Array;
  depth: Int32Array;
  size: Int32Array;
  /** Visible characters, those inside links, and the number of links, in the subtree. */
  chars: Int32Array;
  linkChars: Int32Array;
  links: Int32Array;
  /** Tables, headings and blocks (including <br>) strictly inside the element. */
  tablesIn: Int32Array;
  headingsIn: Int32Array;
  blocksIn: Int32Array;
  flags: Uint8Array;
  /** For a cell: its table (-1: none); for a table: its number of rows. */
  cellTable: Int32Array;
  tableRows: Int32Array;
  /** The block, table and cell an element's text belongs to (-1: none). */
  inBlock: Int32Array;
  inTable: Int32Array;
  inCell: Int32Array;
  /** Section headings, as pairs: the block that holds one, its nearest table. */
  marks: number[];
  titleEl: Element | null;
}

function countElements(roots: ChildNode[]): number {
  let n = 0;
  const stack: ChildNode[] = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    n++;
    for (const c of node.children) stack.push(c);
  }
  return n;
}

function survey(roots: ChildNode[]): Tree {
  const max = countElements(roots) + 1;
  const int = () => new Int32Array(max);
  const t: Tree = {
    count: 1, el: [roots[0] as Element], parent: int(), depth: int(), size: int(), chars: int(), linkChars: int(), links: int(),
    tablesIn: int(), headingsIn: int(), blocksIn: int(), flags: new Uint8Array(max), cellTable: int(), tableRows: int(),
    inBlock: int(), inTable: int(), inCell: int(), marks: [], titleEl: null,
  };
  t.parent[0] = -1;
  t.size[0] = 1;
  t.inTable[0] = -1;
  t.inCell[0] = -1;
  const nodes: ChildNode[] = [];
  const parents: number[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    nodes.push(roots[i]);
    parents.push(0);
  }
  while (nodes.length) {
    const n = nodes.pop()!;
    const p = parents.pop()!;
    if (n.type === 'text') {
      const data = (n as Text).data;
      const c = visibleChars(data);
      if (c === 0) continue;
      t.chars[p] += c;
      if (t.flags[p] & IN_LINK) t.linkChars[p] += c;
      const cell = t.inCell[p];
      if (cell >= 0 && NUMBER_ONLY.test(data)) t.flags[cell] |= HAS_NUMBER;
      if (SECTION_MARK.test(data)) t.marks.push(t.inBlock[p], t.inTable[p]);
      continue;
    }
    if (!isElement(n)) continue;
    const name = n.name;
    if (name === 'title' && !t.titleEl) t.titleEl = n;
    if (SKIP.has(name) || hidden(n)) continue;
    const id = t.count++;
    t.el.push(n);
    (n as Tagged)[ID] = id;
    t.parent[id] = p;
    t.depth[id] = t.depth[p] + 1;
    t.size[id] = 1;
    let flags = t.flags[p] & IN_LINK;
    if (name === 'a') {
      t.links[id] = 1;
      flags |= IN_LINK;
    }
    if (BLOCK.has(name) || name === 'br') flags |= IS_BLOCK;
    if (HEADINGS.has(name)) flags |= IS_HEADING;
    t.inBlock[id] = BLOCK.has(name) ? id : t.inBlock[p];
    t.inTable[id] = t.inTable[p];
    t.inCell[id] = t.inCell[p];
    t.cellTable[id] = -1;
    if (name === 'table') {
      flags |= IS_TABLE;
      t.inTable[id] = id;
      t.inCell[id] = -1;
    } else if (name === 'td' || name === 'th') {
      flags |= IS_CELL;
      t.inCell[id] = id;
      t.cellTable[id] = t.inTable[p];
    } else if (name === 'tr' && t.inTable[p] >= 0) {
      t.tableRows[t.inTable[p]]++;
    }
    t.flags[id] = flags;
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]);
      parents.push(id);
    }
  }
  // Children before parents: sums over subtrees.
  for (let id = t.count - 1; id > 0; id--) {
    const p = t.parent[id];
    const f = t.flags[id];
    t.size[p] += t.size[id];
    t.chars[p] += t.chars[id];
    t.linkChars[p] += t.linkChars[id];
    t.links[p] += t.links[id];
    t.tablesIn[p] += t.tablesIn[id] + (f & IS_TABLE ? 1 : 0);
    t.headingsIn[p] += t.headingsIn[id] + (f & IS_HEADING ? 1 : 0);
    t.blocksIn[p] += t.blocksIn[id] + (f & IS_BLOCK ? 1 : 0);
  }
  return t;
}

/**
 * Layout tables: a table holding another table, or a heading, or a cell of page-long text in a
 * table with hardly any numbers. Word's own tables put <p> in every cell, so block content
 * alone does not make a layout table.
 */
function layoutTables(t: Tree): Uint8Array {
  const layout = new Uint8Array(t.count);
  const longCell = new Uint8Array(t.count);
  const numeric = new Int32Array(t.count);
  for (let id = 1; id < t.count; id++) {
    const f = t.flags[id];
    if (f & IS_TABLE && t.tablesIn[id] > 0) layout[id] = 1;
    const table = t.cellTable[id];
    if (!(f & IS_CELL) || table < 0) continue;
    if (t.headingsIn[id] > 0) layout[table] = 1;
    if (t.chars[id] > LONG_CELL || (t.blocksIn[id] >= 3 && t.chars[id] > 120)) longCell[table] = 1;
    if (f & HAS_NUMBER) numeric[table]++;
  }
  for (let id = 1; id < t.count; id++) if (longCell[id] && numeric[id] < 3) layout[id] = 1;
  return layout;
}

/**
 * The report's container: the deepest element holding at least 80% of the report's landmarks
 * (numbered section headings outside data tables, and data tables of two rows or more), so a
 * stray landmark in a sidebar does not widen it to the whole page. 0 (the document) when the
 * page has fewer than two landmarks.
 */
function contentRoot(t: Tree, layout: Uint8Array): number {
  const marks = new Int32Array(t.count);
  let total = 0;
  for (let k = 0; k < t.marks.length; k += 2) {
    const table = t.marks[k + 1];
    if (table >= 0 && !layout[table]) continue;
    marks[t.marks[k]]++;
    total++;
  }
  for (let id = 1; id < t.count; id++) {
    if (!(t.flags[id] & IS_TABLE) || layout[id] || t.tableRows[id] < 2) continue;
    marks[id]++;
    total++;
  }
  if (total < 2) return 0;
  for (let id = t.count - 1; id > 0; id--) marks[t.parent[id]] += marks[id];
  let best = 0;
  for (let id = 1; id < t.count; id++) if (marks[id] >= 0.8 * total && t.depth[id] > t.depth[best]) best = id;
  return best;
}

/** Visible text of a subtree, collapsed to one line. */
function textOf(root: Element): string {
  const out: string[] = [];
  const stack: ChildNode[] = [...root.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out.push((n as Text).data);
    else if (isElement(n) && !SKIP.has(n.name) && !hidden(n)) {
      if (n.name === 'br' || BLOCK.has(n.name)) out.push(BREAK);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return collapseText(out.join(''));
}

function firstText(root: Element): Text | null {
  const stack: ChildNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') return n as Text;
    if (isElement(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return null;
}

/** The page's title printed before the report's container (a sibling <h1> or title block). */
function titleBefore(t: Tree, root: number): Element | null {
  for (let id = root - 1; id > 0 && id >= root - 5000; id--) {
    if (id + t.size[id] > root) continue; // an ancestor of the container
    const c = t.chars[id];
    if (c < 6 || c > 100 || t.linkChars[id] > 0) continue;
    const el = t.el[id];
    if (isTitle(textOf(el))) return el;
  }
  return null;
}

/** Tags that close themselves (void) or that the parser closes when a sibling opens: they never nest deep. */
const FLAT = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'td', 'th', 'tr', 'dd', 'dt', 'option', 'tbody', 'thead', 'tfoot',
]);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*>/g;
/** Nesting beyond any real page; htmlparser2 keeps its open elements in an array it unshifts, so depth costs depth². */
const MAX_DEPTH = 2000;

/** How deep unclosed tags nest, at most: every open tag that no end tag of its name has closed yet. */
function nestingOf(html: string): number {
  const open = new Map<string, number>();
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(TAG)) {
    const name = m[2].toLowerCase();
    if (FLAT.has(name)) continue;
    const n = open.get(name) ?? 0;
    if (m[1]) {
      if (n > 0) {
        open.set(name, n - 1);
        depth--;
      }
    } else if (!m[0].endsWith('/>')) {
      open.set(name, n + 1);
      if (++depth > max) max = depth;
    }
  }
  return max;
}

/**
 * A page nested thousands deep (unclosed <font> or <div> by the thousand) is flattened before
 * parsing, so it reads in linear time: block tags become <p> (which never nest), other tags
 * other than table structure become processing instructions, ignored. Lengths and newlines are
 * kept, so offsets and lines do not move. `keepTables: false` flattens tables and lists too.
 */
function flatten(html: string, keepTables: boolean): string {
  const keep = keepTables ? /^(table|caption|tbody|thead|tfoot|tr|td|th|ul|ol|li|p|br|pre|h[1-6]|script|style|title|head|body|html|meta|img)$/ : /^(p|br|script|style|title|head|body|html|meta)$/;
  return html.replace(TAG, (tag, _end: string, name: string) => {
    const n = name.toLowerCase();
    if (keep.test(n)) return tag;
    const inner = tag.slice(2, -1).replace(/[^\n]/g, ' ');
    // `<div class="x">` → `<p          >`, `</div>` → `</p  >`: same length, same lines.
    if (BLOCK.has(n) || n === 'table' || n === 'ul' || n === 'ol' || n === 'li') return tag[1] === '/' ? `</p${inner.slice(1)}>` : `<p${inner}>`;
    return `<?${inner}>`;
  });
}

interface Cell {
  pieces: string[];
  line: number;
}

export function readHtmlDocument(html: string): Document {
  if (html.charCodeAt(0) === 0xfeff) html = ' ' + html.slice(1); // keeps offsets
  // Below 64 KB there are too few tags for their nesting to cost anything.
  if (html.length > 65_536 && nestingOf(html) > MAX_DEPTH) {
    html = flatten(html, true);
    if (nestingOf(html) > MAX_DEPTH) html = flatten(html, false);
  }
  const dom = parseDocument(html, { withStartIndices: true, decodeEntities: true });
  const lineAt = lineIndex(html);
  const tree = survey(dom.children);
  const layout = layoutTables(tree);
  const root = contentRoot(tree, layout);

  const rows: DocRow[] = [];
  let tableRows = 0;
  let preRows = 0;
  let images = 0;
  let firstImage = 0;
  let para: string[] = [];
  let paraLine = 0;
  const paragraph = (text: string, line: number) => {
    if (text) rows.push({ cells: [{ text, line }], line, tableRow: false });
  };
  const flush = () => {
    if (para.length) paragraph(collapseText(para.join('')), paraLine);
    para = [];
  };

  const linkList = (id: number) => tree.links[id] >= 3 && tree.linkChars[id] >= 0.6 * tree.chars[id];

  const readTable = (table: Element) => {
    const trs: { line: number; cells: Cell[] }[] = [];
    type F = { node: ChildNode; row: { line: number; cells: Cell[] } | null; cell: Cell | null } | { end: Cell };
    const stack: F[] = [];
    for (let i = table.children.length - 1; i >= 0; i--) stack.push({ node: table.children[i], row: null, cell: null });
    let lastRow: { line: number; cells: Cell[] } | null = null;
    while (stack.length) {
      const f = stack.pop()!;
      if ('end' in f) {
        f.end.pieces.push(BREAK);
        continue;
      }
      const n = f.node;
      if (n.type === 'text') {
        if (f.cell) f.cell.pieces.push((n as Text).data);
        continue;
      }
      if (!isElement(n) || SKIP.has(n.name) || hidden(n)) continue;
      const name = n.name;
      let { row, cell } = f;
      if (name === 'caption') {
        // The table's title belongs to the table, not to the prose around it: a row of its own
        // (still a heading or label where its words are one), never section text.
        const text = textOf(n);
        const line = lineAt(n.startIndex);
        if (text) rows.push({ cells: [{ text, line }], line, tableRow: true });
        continue;
      }
      if (name === 'tr') {
        row = { line: lineAt(n.startIndex), cells: [] };
        trs.push(row);
        lastRow = row;
        cell = null;
      } else if (name === 'td' || name === 'th') {
        // A cell outside any <tr> (`<table><td>`) belongs to the row before it, or starts one.
        if (!row) {
          row = lastRow ?? { line: lineAt(n.startIndex), cells: [] };
          if (row !== lastRow) trs.push(row);
          lastRow = row;
        }
        cell = { pieces: [], line: lineAt(n.startIndex) };
        row.cells.push(cell);
      } else if (name === 'br') {
        cell?.pieces.push(BREAK);
        continue;
      } else if (cell && BLOCK.has(name)) {
        cell.pieces.push(BREAK);
        stack.push({ end: cell });
      }
      for (let i = n.children.length - 1; i >= 0; i--) stack.push({ node: n.children[i], row, cell });
    }
    for (const tr of trs) {
      const cells: SourceCell[] = tr.cells.map((c) => ({ text: collapseText(c.pieces.join('')), line: c.line }));
      // Rows of empty cells are spacing (Word writes a row of zero-height cells).
      if (!cells.some((c) => c.text !== '')) continue;
      rows.push({ cells, line: tr.line, tableRow: cells.length > 1 });
      tableRows++;
    }
  };

  /** Preformatted text keeps its lines and tabs: the text reader reads it, lines shifted to the page's. */
  const readPre = (pre: Element) => {
    const out: string[] = [];
    const stack: ChildNode[] = [pre];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'text') out.push((n as Text).data);
      else if (isElement(n) && !SKIP.has(n.name) && !hidden(n)) {
        if (n.name === 'br') out.push('\n');
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
      }
    }
    const first = firstText(pre);
    const shift = (first ? lineAt(first.startIndex) : lineAt(pre.startIndex)) - 1;
    for (const r of readTextDocument(out.join('')).rows) {
      rows.push({ ...r, line: r.line + shift, cells: r.cells.map((c) => ({ ...c, line: c.line + shift })) });
      preRows++;
    }
  };

  const walk = (start: ChildNode[]) => {
    const stack: (ChildNode | null)[] = [];
    for (let i = start.length - 1; i >= 0; i--) stack.push(start[i]);
    while (stack.length) {
      const n = stack.pop()!;
      if (n === null) {
        flush();
        continue;
      }
      if (n.type === 'text') {
        const data = (n as Text).data;
        if (!para.length) {
          if (visibleChars(data) === 0) continue; // whitespace before a paragraph
          paraLine = lineAt((n.startIndex ?? 0) + data.length - data.trimStart().length);
        }
        para.push(data);
        continue;
      }
      if (!isElement(n)) continue;
      const id = idOf(n);
      if (id === undefined) continue; // skipped or hidden
      const name = n.name;
      if (name === 'br') {
        flush();
        continue;
      }
      const block = BLOCK.has(name);
      if (block && id !== root && linkList(id)) continue; // a menu or a list of links
      if (name === 'img') {
        images++;
        firstImage ||= lineAt(n.startIndex);
        continue;
      }
      // Preformatted blocks (`white-space: pre` on a <span> only keeps a tab or two in a line).
      if (name === 'pre' || (block && n.attribs.style && /white-space:\s*pre/i.test(n.attribs.style))) {
        flush();
        readPre(n);
        continue;
      }
      if (name === 'table' && !layout[id]) {
        flush();
        readTable(n);
        continue;
      }
      if (block) {
        flush();
        stack.push(null);
      }
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
    flush();
  };

  walk(root === 0 ? dom.children : [tree.el[root]]);

  // The title, when the container leaves it out: printed before it, else the page's <title>.
  const head = rows.slice(0, 8).some((r) => r.cells.length === 1 && isTitle(r.cells[0].text));
  if (!head) {
    const before = root > 0 ? titleBefore(tree, root) : null;
    if (before) {
      const line = lineAt(before.startIndex);
      rows.unshift({ cells: [{ text: textOf(before), line }], line, tableRow: false });
    } else if (tree.titleEl) {
      const part = textOf(tree.titleEl)
        .split(/\s*[_|｜—–-]{1,2}\s*/)
        .find(isTitle);
      const line = lineAt(tree.titleEl.startIndex);
      if (part) rows.unshift({ cells: [{ text: part, line }], line, tableRow: false });
    }
  }

  const messages: ReaderMessage[] = [];
  if (tableRows === 0 && images > 0) {
    messages.push({ severity: 'warning', code: 'tables-as-images', message: `网页正文中没有表格，但有 ${images} 张图片：表格可能以图片形式发布，其中的数字无法读取`, line: firstImage });
  }
  const kind = tableRows > 0 ? 'html-tables' : preRows > 0 ? 'html-pre' : 'html-text';
  return { format: 'html', layout: kind, rows, messages };
}
