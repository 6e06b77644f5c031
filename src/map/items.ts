// A Document flattened into one stream of cells ("items"), each with its matching key,
// whether it can only be a value, and where it sits (its row, its source line).
import type { Box, Document } from '../read/document.ts';
import { dropPinyin, labelKey } from './normalize.ts';
import { isValueLike } from './numbers.ts';

/** One cell of the stream. Its key is computed when first asked for: most prose never is. */
export class Item {
  page?: number;
  /** Where the cell stands on its page (SourceCell.box). */
  box?: Box;
  /** The row continues the paragraph of the row before (DocRow.wrap). */
  wrap?: boolean;
  private cachedKey: string | undefined;

  constructor(
    readonly text: string,
    readonly line: number,
    /** Index of the DocRow the item came from. */
    readonly row: number,
    /** The reader placed this cell in a table row (tabs, pipes, <tr>). */
    readonly tableRow: boolean,
    /** The only non-empty cell of its row: a candidate heading or paragraph. */
    readonly alone: boolean,
    /** A number, a placeholder or an empty cell: it cannot be a label. */
    readonly value: boolean,
  ) {}

  /** Matching key (labelKey of the text); '' for values. */
  get key(): string {
    if (this.cachedKey === undefined) this.cachedKey = this.value ? '' : this.text.length > MAX_LABEL ? longKey(this.text) : labelKey(this.text);
    return this.cachedKey;
  }
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
      // Once for every reader: annotations out of the text before anything is matched.
      const text = dropPinyin(c.text);
      const item = new Item(text, c.line, r, row.tableRow, filled === 1 && text !== '', isValueLike(text));
      if (c.page !== undefined) item.page = c.page;
      if (c.box !== undefined) item.box = c.box;
      if (row.wrap) item.wrap = true;
      items.push(item);
    }
  }
  return items;
}
