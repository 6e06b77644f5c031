// The DOCX reader: word/document.xml → Document. fflate unzips (small, fast, and it tells each
// entry's declared size before inflating it, which is how zip bombs are refused); htmlparser2 in
// XML mode parses (it never expands DTD entities, and a DOCTYPE is refused outright). mammoth was
// not used: it drops the vMerge structure of the official tables and text boxes.
import type { ChildNode, Element } from 'domhandler';
import { unzipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import type { Document, DocRow } from '../document.ts';

/** Uncompressed size accepted for document.xml: a 100-page report is a few MB. */
export const MAX_XML_BYTES = 100 * 1024 * 1024;

const isElement = (n: ChildNode): n is Element => n.type === 'tag';
const kids = (n: Element, name: string) => n.children.filter((c): c is Element => isElement(c) && c.name === name);

/** The text of a run container: w:t, tabs as spaces; soft breaks join (CJK needs no separator). */
function runText(n: ChildNode, boxes: Element[]): string {
  if (n.type === 'text') return '';
  if (!isElement(n)) return '';
  switch (n.name) {
    case 'w:t':
      return n.children.map((c) => (c.type === 'text' ? (c as unknown as { data: string }).data : '')).join('');
    case 'w:tab':
      return ' ';
    case 'w:del':
    case 'w:deltext':
    case 'mc:fallback':
    case 'w:instrtext':
      return '';
    case 'w:txbxcontent':
      // A text box's paragraphs are read after the paragraph that anchors it.
      boxes.push(n);
      return '';
    default:
      return n.children.map((c) => runText(c, boxes)).join('');
  }
}

function paragraphText(p: Element, boxes: Element[]): string {
  return runText(p, boxes).replace(/\s+/g, ' ').trim();
}

/** The first element named `name` in document order under `n` (itself included). */
function find(n: ChildNode, name: string): Element | null {
  if (!isElement(n)) return null;
  if (n.name === name) return n;
  for (const c of n.children) {
    const f = find(c, name);
    if (f) return f;
  }
  return null;
}

/** The <w:body> of a document.xml, tag names in lower case (the tests read written files with it too). */
export function documentBody(xml: string): Element | null {
  const dom = parseDocument(xml, { xmlMode: true, decodeEntities: true, lowerCaseTags: true });
  let body: Element | null = null;
  for (const c of dom.children) body ??= find(c, 'w:body');
  return body;
}

export function readDocxXml(xml: string): Document | { error: string } {
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096))) return { error: 'DOCX 含有 XML 实体声明（DOCTYPE），已拒绝' };
  const body = documentBody(xml);
  if (!body) return { error: '不是有效的 DOCX 文件（document.xml 中没有正文）' };

  const rows: DocRow[] = [];
  let line = 0;
  const paragraph = (p: Element) => {
    const boxes: Element[] = [];
    const text = paragraphText(p, boxes);
    line++;
    if (text) rows.push({ cells: [{ text, line }], line, tableRow: false });
    for (const box of boxes) blocks(box);
  };
  const table = (tbl: Element) => {
    for (const tr of kids(tbl, 'w:tr')) {
      line++;
      const rowLine = line;
      const cells: { text: string; line: number }[] = [];
      const nested: Element[] = [];
      for (const tc of kids(tr, 'w:tc')) {
        const vMerge = find(tc, 'w:vmerge');
        // A vertically merged cell appears once, in its first row.
        if (vMerge && vMerge.attribs['w:val'] !== 'restart' && kids(tc, 'w:tcpr').length) continue;
        const boxes: Element[] = [];
        const parts: string[] = [];
        for (const c of tc.children) {
          if (!isElement(c)) continue;
          if (c.name === 'w:p') parts.push(paragraphText(c, boxes));
          else if (c.name === 'w:tbl') nested.push(c);
        }
        cells.push({ text: parts.join('').trim(), line: rowLine });
        boxes.forEach((b) => nested.push(b));
      }
      if (cells.length) rows.push({ cells, line: rowLine, tableRow: cells.length > 1 });
      for (const n of nested) (n.name === 'w:tbl' ? table : blocks)(n);
    }
  };
  const blocks = (container: Element) => {
    for (const c of container.children) {
      if (!isElement(c)) continue;
      if (c.name === 'w:p') paragraph(c);
      else if (c.name === 'w:tbl') table(c);
      else if (c.name === 'w:sdt' || c.name === 'w:sdtcontent' || c.name === 'w:customxml' || c.name === 'w:ins') blocks(c);
    }
  };
  blocks(body);
  return { format: 'docx', layout: 'docx', rows, messages: [] };
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
    return { error: `不是有效的 DOCX 文件（${(e as Error).message}）` };
  }
  if (tooBig) return { error: `DOCX 解压后超过 ${MAX_XML_BYTES / 1048576} MB 上限，可能是压缩炸弹` };
  const xml = files['word/document.xml'];
  if (!xml) return { error: '不是有效的 DOCX 文件（缺少 word/document.xml）' };
  // A zip may declare a small size and inflate to more: the size that came out is what counts.
  if (xml.length > MAX_XML_BYTES) return { error: `DOCX 解压后超过 ${MAX_XML_BYTES / 1048576} MB 上限，可能是压缩炸弹` };
  return readDocxXml(new TextDecoder('utf-8').decode(xml));
}
