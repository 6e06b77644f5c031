// A table as printed: rows of cells, merged or not, each value cell naming its model path. The
// writers render grids (write/grid.ts lays out the report's own); the sum makes its breakdown
// appendix of them. Declared here, below both, so that neither imports the other.

export interface GridCell {
  text: string;
  colspan?: number;
  rowspan?: number;
  /** A label (rendered as <th>), with the direction it labels. */
  header?: 'col' | 'row';
  /** Model path of a value cell. */
  path?: string;
}

export interface Grid {
  /** The section the table is printed in; null for an appendix table. */
  section: 2 | 3 | 4 | null;
  /** Table id: item1…item9, applications, reviews. */
  id: string;
  caption: string;
  /** Number of columns of the full grid. */
  width: number;
  rows: GridCell[][];
}

/**
 * Tables printed after the six sections (附件), outside the report model: e.g. the per-department
 * breakdown of a government-wide report made by `xxgk sum`. Every writer renders them in order.
 */
export interface Appendix {
  heading: string;
  /** Paragraphs before the tables. */
  text?: string;
  grids: Grid[];
}
