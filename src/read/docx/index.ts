// The DOCX reader: word/document.xml → Document. fflate unzips (small, fast, and it tells each
// entry's declared size before inflating it, which is how zip bombs are refused); htmlparser2 in
// XML mode parses (it never expands DTD entities, and a DOCTYPE is refused outright). mammoth was
// not used: it drops the vMerge structure of the official tables and text boxes.
import { DomHandler, type ChildNode, type Element } from 'domhandler';
import { unzipSync } from 'fflate';
import { Parser, parseDocument } from 'htmlparser2';
import type { Document, DocRow } from '../document.ts';

/** Uncompressed size accepted for document.xml: a 100-page report is a few MB. */
export const MAX_XML_BYTES = 100 * 1024 * 1024;

const isElement = (n: ChildNode): n is Element => n.type === 'tag';
const kids = (n: Element, name: string) => n.children.filter((c): c is Element => isElement(c) && c.name === name);

// Every walk below is iterative (an explicit stack) and visits each node once: a document.xml
// nested 100,000 deep (text boxes in text boxes, content controls in content controls) must not
// overflow the call stack or take time growing with depth × size.

/** The text of a run container: w:t, tabs as spaces; soft breaks join (CJK needs no separator). */
function runText(root: Element, boxes: Element[]): string {
  let out = '';
  const stack: ChildNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    switch (n.name) {
      case 'w:t':
        for (const c of n.children) if (c.type === 'text') out += (c as unknown as { data: string }).data;
        break;
      case 'w:tab':
        out += ' ';
        break;
      case 'w:del':
      case 'w:deltext':
      case 'mc:fallback':
      case 'w:instrtext':
        break;
      case 'w:txbxcontent':
        // A text box's paragraphs are read after the paragraph that anchors it.
        boxes.push(n);
        break;
      default:
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return out;
}

function paragraphText(p: Element, boxes: Element[]): string {
  return runText(p, boxes).replace(/\s+/g, ' ').trim();
}

/**
 * Properties and marks that hold no text of the document: formatting of runs, paragraphs, tables
 * and rows, the section's page set-up, proofing and bookmark marks. They are most of a document.xml's
 * elements; the reader's DOM leaves them out (with their subtrees), which made reading a DOCX a
 * third faster (the garbage of their nodes was a sixth of the time, measured on the seeds). Cell
 * properties (w:tcPr) stay: they say where cells are merged.
 */
export const NO_TEXT = new Set(['w:rpr', 'w:ppr', 'w:sectpr', 'w:tblpr', 'w:tblgrid', 'w:trpr', 'w:tblprex', 'w:prooferr', 'w:bookmarkstart', 'w:bookmarkend', 'w:lastrenderedpagebreak']);

/** domhandler's DOM without the NO_TEXT elements: their open and close events are counted, not built. */
class TextDomHandler extends DomHandler {
  private skipping = 0;
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.skipping || NO_TEXT.has(name)) this.skipping++;
    else super.onopentag(name, attribs);
  }
  override onclosetag(): void {
    if (this.skipping) this.skipping--;
    else super.onclosetag();
  }
  override ontext(data: string): void {
    if (!this.skipping) super.ontext(data);
  }
}

const XML = { xmlMode: true, decodeEntities: true, lowerCaseTags: true } as const;

/** A cell's formatting: all of its properties but its merging (w:vMerge, read below). */
const CELL_FORMATTING = ['w:tcborders', 'w:tcmar', 'w:tcw', 'w:shd', 'w:valign'];

/** The opening tag of an element cut before the tokenizer: NO_TEXT's and a cell's formatting, most of a document.xml's bytes. */
const PROPERTIES = new RegExp(`<(${[...NO_TEXT, ...CELL_FORMATTING].join('|')})[\\s>/]`, 'gi');

/** Whether position `end` stands inside quotes opened after `start` (an odd count of either quote before it). */
function inQuotes(xml: string, start: number, end: number): boolean {
  let double = 0;
  let single = 0;
  for (let i = start; i < end; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x22) double++;
    else if (c === 0x27) single++;
  }
  return double % 2 === 1 || single % 2 === 1;
}

/**
 * The XML without those elements, cut by string search before the tokenizer:
 * TextDomHandler builds no nodes for them, but htmlparser2's tokenizer still went through every
 * byte (its time was a fourth of reading a DOCX). Measured: the seeds as LibreOffice writes them,
 * document.xml 128 → 35 KB; `xxgk check --jobs 1` of 60 such files 809 → 722 ms. An element not
 * plainly closed by its own close tag with no other of its name inside (a tracked change,
 * `w:rPrChange`, holds a `w:rPr` of its own), not closed at all, or whose first `>` stands inside
 * an attribute's quotes (a value may hold one), is left for the parser, which skips it as before.
 */
export function withoutProperties(xml: string): string {
  const parts: string[] = [];
  let kept = 0;
  PROPERTIES.lastIndex = 0;
  for (let m = PROPERTIES.exec(xml); m; m = PROPERTIES.exec(xml)) {
    const start = m.index;
    const openEnd = xml.indexOf('>', start);
    if (openEnd < 0) break;
    if (inQuotes(xml, start, openEnd)) {
      PROPERTIES.lastIndex = openEnd;
      continue;
    }
    let end: number;
    if (xml.charCodeAt(openEnd - 1) === 0x2f /* / */) end = openEnd + 1;
    else {
      const close = `</${m[1]}>`;
      const at = xml.indexOf(close, openEnd);
      if (at < 0) break;
      // Another element of the same name, or a tracked change, inside: not cut.
      const inner = xml.slice(openEnd, at);
      if (inner.includes(`<${m[1]}`) || inner.includes('Change')) {
        PROPERTIES.lastIndex = openEnd;
        continue;
      }
      end = at + close.length;
    }
    parts.push(xml.slice(kept, start));
    kept = end;
    PROPERTIES.lastIndex = end;
  }
  if (!parts.length) return xml;
  parts.push(xml.slice(kept));
  return parts.join('');
}

/**
 * The <w:body> of a document.xml, tag names in lower case. `all`: every element, formatting
 * included (the tests read the writer's files with it); else the elements that may hold text.
 */
export function documentBody(xml: string, all = true): Element | null {
  let dom;
  if (all) dom = parseDocument(xml, XML);
  else {
    const handler = new TextDomHandler(undefined, XML);
    new Parser(handler, XML).end(withoutProperties(xml));
    dom = handler.root;
  }
  // w:body is a child of w:document: no need to search the whole tree.
  for (const c of dom.children) {
    if (!isElement(c)) continue;
    if (c.name === 'w:body') return c;
    const body = kids(c, 'w:body')[0];
    if (body) return body;
  }
  return null;
}

/**
 * Deepest element nesting accepted in document.xml. Word's own documents stay under a hundred
 * (a table in a text box in a table is some 30); htmlparser2 takes time growing with depth × size
 * (its open-element stack), so a document nested thousands deep is refused before parsing.
 */
export const MAX_XML_DEPTH = 1000;

/** The deepest element nesting of an XML text, by one linear scan of its tags (indexOf: a tag
 *  regex took 0.6 ms of a report's 10). A `>` ends a tag, as in the parser's own first pass. */
function xmlDepth(xml: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let at = xml.indexOf('<'); at >= 0; at = xml.indexOf('<', at + 1)) {
    const end = xml.indexOf('>', at + 1);
    if (end < 0) break;
    const kind = xml.charCodeAt(at + 1);
    if (kind === 0x2f /* / */) depth--;
    else if (kind !== 0x3f /* ? */ && kind !== 0x21 /* ! */ && xml.charCodeAt(end - 1) !== 0x2f) {
      depth++;
      if (depth > max && (max = depth) > limit) break;
    }
    at = end;
  }
  return max;
}

/** Containers whose children are read as blocks of the body. */
const BLOCK_CONTAINERS = new Set(['w:sdt', 'w:sdtcontent', 'w:customxml', 'w:ins']);

/** Work of the body walk: read a paragraph or a table row, or open a container / a table into its parts. */
type Task = { kind: 'blocks' | 'p' | 'tbl' | 'tr'; el: Element };

export function readDocxXml(xml: string): Document | { error: string } {
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096))) return { error: 'DOCX 含有 XML 实体声明（DOCTYPE），已拒绝' };
  if (xmlDepth(xml, MAX_XML_DEPTH) > MAX_XML_DEPTH) return { error: `DOCX 正文的 XML 嵌套超过 ${MAX_XML_DEPTH} 层（正常文档不到 100 层），文件已损坏或是恶意构造，已拒绝` };
  const body = documentBody(xml, false);
  if (!body) return { error: '不是有效的 DOCX 文件（document.xml 中没有正文）' };

  const rows: DocRow[] = [];
  let line = 0;
  // Tasks run in document order: a task's parts are pushed in reverse, so the first runs next.
  const stack: Task[] = [{ kind: 'blocks', el: body }];
  const pushAll = (tasks: Task[]) => {
    for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i]);
  };
  const asBlocks = (el: Element): Task => ({ kind: el.name === 'w:tbl' ? 'tbl' : 'blocks', el });
  while (stack.length) {
    const { kind, el } = stack.pop()!;
    if (kind === 'blocks') {
      const parts: Task[] = [];
      for (const c of el.children) {
        if (!isElement(c)) continue;
        if (c.name === 'w:p') parts.push({ kind: 'p', el: c });
        else if (c.name === 'w:tbl') parts.push({ kind: 'tbl', el: c });
        else if (BLOCK_CONTAINERS.has(c.name)) parts.push({ kind: 'blocks', el: c });
      }
      pushAll(parts);
    } else if (kind === 'tbl') {
      pushAll(kids(el, 'w:tr').map((tr) => ({ kind: 'tr', el: tr })));
    } else if (kind === 'p') {
      const boxes: Element[] = [];
      const text = paragraphText(el, boxes);
      line++;
      if (text) rows.push({ cells: [{ text, line }], line, tableRow: false });
      pushAll(boxes.map(asBlocks));
    } else {
      line++;
      const rowLine = line;
      const cells: { text: string; line: number }[] = [];
      const nested: Element[] = [];
      for (const tc of kids(el, 'w:tc')) {
        // A vertically merged cell appears once, in its first row (w:vMerge sits in the cell's w:tcPr).
        const vMerge = kids(tc, 'w:tcpr').flatMap((pr) => kids(pr, 'w:vmerge'))[0];
        if (vMerge && vMerge.attribs['w:val'] !== 'restart') continue;
        const boxes: Element[] = [];
        const parts: string[] = [];
        for (const c of tc.children) {
          if (!isElement(c)) continue;
          if (c.name === 'w:p') parts.push(paragraphText(c, boxes));
          else if (c.name === 'w:tbl') nested.push(c);
        }
        cells.push({ text: parts.join('').trim(), line: rowLine });
        nested.push(...boxes);
      }
      if (cells.length) rows.push({ cells, line: rowLine, tableRow: cells.length > 1 });
      pushAll(nested.map(asBlocks));
    }
  }
  return { format: 'docx', layout: 'docx', rows, messages: [] };
}

/** fflate's error codes (FlateErrorCode) in Chinese: its messages are English. */
function unzipReason(code: number | undefined): string {
  switch (code) {
    case 0:
      return '压缩数据意外结束，文件不完整';
    case 1:
    case 2:
    case 3:
      return '压缩数据已损坏';
    case 13:
      return 'ZIP 结构无效，文件不完整或已损坏';
    case 14:
      return '使用了不支持的压缩方式';
    default:
      return '无法解压';
  }
}

export function readDocxDocument(bytes: Uint8Array): Document | { error: string } {
  let files: Record<string, Uint8Array>;
  let tooBig = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== 'word/document.xml') return false;
        if (f.originalSize > MAX_XML_BYTES) tooBig = true;
        return !tooBig;
      },
    });
  } catch (e) {
    return { error: `不是有效的 DOCX 文件（${unzipReason((e as { code?: number }).code)}）` };
  }
  if (tooBig) return { error: `DOCX 解压后超过 ${MAX_XML_BYTES / 1048576} MB 上限，可能是压缩炸弹` };
  const xml = files['word/document.xml'];
  if (!xml) return { error: '不是有效的 DOCX 文件（缺少 word/document.xml）' };
  // A zip may declare a small size and inflate to more: the size that came out is what counts.
  if (xml.length > MAX_XML_BYTES) return { error: `DOCX 解压后超过 ${MAX_XML_BYTES / 1048576} MB 上限，可能是压缩炸弹` };
  return readDocxXml(new TextDecoder('utf-8').decode(xml));
}
