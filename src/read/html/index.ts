// The HTML reader: a government portal's page → Document. htmlparser2 (fast, forgiving of the
// broken markup portals serve, with source offsets for line numbers) builds the tree; this walks
// it: paragraphs become rows of one cell, data tables become table rows, and navigation, scripts
// and layout tables around the report are passed over.
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { Document, DocRow } from '../document.ts';

const SKIP = new Set(['script', 'style', 'noscript', 'head', 'nav', 'header', 'footer', 'select', 'option', 'button', 'form', 'iframe', 'svg', 'template']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'center', 'body', 'html', 'caption', 'figure', 'address', 'hr']);

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

function hidden(el: Element): boolean {
  const style = (el.attribs.style ?? '').replace(/\s/g, '').toLowerCase();
  return 'hidden' in el.attribs || style.includes('display:none') || style.includes('visibility:hidden') || el.attribs['aria-hidden'] === 'true';
}

/** Whitespace as the browser collapses it; CJK text joins without a space where a line broke. */
function collapse(s: string): string {
  return s
    .replace(/[\u00a0\u3000\t\r\n ]+/g, ' ')
    .replace(/([^\x00-\x7f]) (?=[^\x00-\x7f])/g, '$1')
    .trim();
}

/** The text of an element, for a table cell: <br> and blocks inside join without a separator. */
function textOf(n: ChildNode): string {
  if (n.type === 'text') return (n as unknown as { data: string }).data;
  if (!isElement(n) || SKIP.has(n.name) || hidden(n)) return '';
  if (n.name === 'br') return ' ';
  return n.children.map(textOf).join(BLOCK.has(n.name) ? ' ' : '');
}

/** A data table holds cells of text; a layout table holds other tables or page blocks. */
function isLayoutTable(table: Element): boolean {
  let nested = false;
  const visit = (n: ChildNode) => {
    if (nested || !isElement(n)) return;
    if (n !== table && n.name === 'table') nested = true;
    else n.children.forEach(visit);
  };
  visit(table);
  return nested;
}

function rowsOf(table: Element): Element[] {
  const out: Element[] = [];
  const visit = (n: ChildNode) => {
    if (!isElement(n)) return;
    if (n.name === 'tr') out.push(n);
    else if (n !== table && n.name === 'table') return;
    else n.children.forEach(visit);
  };
  visit(table);
  return out;
}

export function readHtmlDocument(html: string): Document {
  const dom = parseDocument(html, { withStartIndices: true, decodeEntities: true });
  // Line of a source offset, by binary search over the line starts.
  const starts = [0];
  for (let i = html.indexOf('\n'); i >= 0; i = html.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (offset: number | null) => {
    let lo = 0;
    let hi = starts.length - 1;
    const o = offset ?? 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const rows: DocRow[] = [];
  let para = '';
  let paraLine = 0;
  const flush = () => {
    const text = collapse(para);
    if (text) rows.push({ cells: [{ text, line: paraLine }], line: paraLine, tableRow: false });
    para = '';
  };

  const walk = (n: ChildNode) => {
    if (n.type === 'text') {
      if (!para.trim()) paraLine = lineAt(n.startIndex);
      para += (n as unknown as { data: string }).data;
      return;
    }
    if (!isElement(n) || SKIP.has(n.name) || hidden(n)) return;
    if (n.name === 'br') {
      flush();
      return;
    }
    if (n.name === 'table' && !isLayoutTable(n)) {
      flush();
      for (const tr of rowsOf(n)) {
        const line = lineAt(tr.startIndex);
        const cells = tr.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')).map((c) => ({ text: collapse(textOf(c)), line: lineAt(c.startIndex) }));
        if (cells.length && cells.some((c) => c.text !== '')) rows.push({ cells, line, tableRow: cells.length > 1 });
      }
      return;
    }
    const block = BLOCK.has(n.name) || n.name === 'table' || n.name === 'tr' || n.name === 'td' || n.name === 'th';
    if (block) flush();
    n.children.forEach(walk);
    if (block) flush();
  };
  dom.children.forEach(walk);
  flush();
  return { format: 'html', layout: 'html', rows, messages: [] };
}

/** The charset a page declares in its first 2 KB (`<meta charset>` or http-equiv), lower case. */
export function htmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}
