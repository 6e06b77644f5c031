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

export function itemsOf(doc: Document): Item[] {
  const items: Item[] = [];
  doc.rows.forEach((row, r) => {
    let filled = 0;
    for (const c of row.cells) if (c.text !== '') filled++;
    for (const c of row.cells) {
      const value = isValueLike(c.text);
      items.push({
        text: c.text,
        key: value ? '' : labelKey(c.text),
        line: c.line,
        ...(c.page !== undefined ? { page: c.page } : {}),
        row: r,
        tableRow: row.tableRow,
        alone: filled === 1 && c.text !== '',
        value,
      });
    }
  });
  return items;
}
