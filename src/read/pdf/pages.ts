// From laid-out pages to the document's rows: what only the pages together show. A running header
// or footer is a line printed at the top or bottom of most pages (the report's title, the
// agency's name, 第 x 页 共 y 页) — page furniture, never prose nor a cell; it is dropped. Then the
// soft line breaks of the prose are marked across the pages (markWraps). The PDF reader and the
// OCR reader both end here.
import type { DocRow } from '../document.ts';
import { markWraps, PAGE_NUMBER, type PageText } from './layout.ts';

/** Rows looked at from each edge of a page: a header may take two lines (a title and a date). */
const EDGE_ROWS = 3;

/** A row's text with what changes from page to page (page numbers, digits) made equal. */
const furnitureKey = (r: DocRow) => r.cells.map((c) => c.text).join('').replace(/\s+/g, '').replace(/\d+/g, '#');

/** 第 3 页 共 5 页 split into cells by the numbers' font (`第 | 3页 共 | 5页`) is still a page number. */
const isPageNumber = (r: DocRow) => {
  const text = r.cells.map((c) => c.text).join('').replace(/\s+/g, '');
  return text.length <= 16 && PAGE_NUMBER.test(text);
};

/**
 * The rows of a page that may be furniture, from its top and from its bottom. A table row is only
 * ever a page number: a table's heading rows repeated on every page it runs over are cells.
 */
function edges(rows: DocRow[]): { top: number[]; bottom: number[] } {
  const n = Math.min(EDGE_ROWS, rows.length);
  const top = Array.from({ length: n }, (_, k) => k);
  const bottom = Array.from({ length: n }, (_, k) => rows.length - 1 - k);
  return { top, bottom };
}

/**
 * Drops each page's running header and footer: from the top and from the bottom of the page,
 * the rows that are a page number or whose text (digits aside) stands at that edge of at least
 * half the pages, two at least — until the first row that is not. Each text is dropped once per
 * edge, so a title printed under a header of the same words stays.
 */
export function dropRunningLines(pages: DocRow[][]): { pages: DocRow[][]; dropped: number } {
  const counts = new Map<string, number>();
  for (const rows of pages) {
    const { top, bottom } = edges(rows);
    const seen = new Set<string>();
    for (const k of [...top, ...bottom]) {
      const r = rows[k];
      if (r.tableRow) continue;
      const key = furnitureKey(r);
      if (key && !seen.has(key)) {
        seen.add(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const need = Math.max(2, Math.ceil(pages.length / 2));
  const running = (r: DocRow) => isPageNumber(r) || (!r.tableRow && (counts.get(furnitureKey(r)) ?? 0) >= need);
  let dropped = 0;
  const out = pages.map((rows) => {
    const drop = new Set<number>();
    const { top, bottom } = edges(rows);
    for (const side of [top, bottom]) {
      const done = new Set<string>();
      for (const k of side) {
        const key = furnitureKey(rows[k]);
        if (!running(rows[k]) || done.has(key)) break;
        done.add(key);
        drop.add(k);
      }
    }
    dropped += drop.size;
    return drop.size ? rows.filter((_, k) => !drop.has(k)) : rows;
  });
  return { pages: out, dropped };
}

/** The document's rows from its laid-out pages: running headers and footers dropped, soft line breaks marked. */
export function joinPages(pages: PageText[]): DocRow[] {
  const boxOf = new Map<DocRow, PageText['boxes'][number]>();
  for (const p of pages) p.rows.forEach((r, k) => boxOf.set(r, p.boxes[k]));
  const kept = dropRunningLines(pages.map((p) => p.rows)).pages.flat();
  markWraps(kept, kept.map((r) => boxOf.get(r) ?? null));
  return kept;
}
