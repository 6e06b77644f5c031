// A Document flattened into one stream of cells ("items"), each with its matching key,
// whether it can only be a value, and where it sits (its row, its source line).
import type { Document } from '../read/document.ts';
import { labelKey } from './normalize.ts';
import { isValueLike } from './numbers.ts';

export interface Item {
  text: string;
  /** Matching key (labelKey of the text); '' for values. */
  key: string;
  line: number;
  page?: number;
  /** Index of the DocRow the item came from. */
  row: number;
  /** The reader placed this cell in a table row (tabs, pipes, <tr>). */
  tableRow: boolean;
  /** The only non-empty cell of its row: a candidate heading or paragraph. */
  alone: boolean;
  /** A number, a placeholder or an empty cell: it cannot be a label. */
  value: boolean;
}

/** Longer than any printed label (the longest, 其他处理 1., is 36 characters). */
const MAX_LABEL = 80;
const LONG = '#';

/** A long cell is a label only when a note follows a short label: `规范性文件（行政机关制定……）`. */
function longKey(text: string): string {
  const open = text.search(/[(（]/);
  return open > 0 && open <= 30 ? labelKey(text.slice(0, open)) : LONG;
}

export function itemsOf(doc: Document): Item[] {
  const items: Item[] = [];
  const rows = doc.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let filled = 0;
    for (const c of row.cells) if (c.text !== '') filled++;
    for (const c of row.cells) {
      const text = c.text;
      const value = isValueLike(text);
      const item: Item = {
        text,
        // Labels are short; a long paragraph is never matched, so it needs no key.
        key: value ? '' : text.length > MAX_LABEL ? longKey(text) : labelKey(text),
        line: c.line,
        row: r,
        tableRow: row.tableRow,
        alone: filled === 1 && text !== '',
        value,
      };
      if (c.page !== undefined) item.page = c.page;
      items.push(item);
    }
  }
  return items;
}
