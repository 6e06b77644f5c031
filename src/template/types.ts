// The shape of the national template, as data. Everything that knows a label,
// a row, a column or a sum reads it from a Template value; nothing else lists labels.

export type TemplateVersion = '2021' | '2019';

/** A label as the format prints it, with the variants real reports use. */
export interface Label {
  /** The official wording. */
  official: string;
  /**
   * Other wordings seen in real reports that mean the same row or column.
   * `flag: true` marks words that differ in substance (the `row-label` check reports them);
   * the others are accepted silently (numbering or spacing styles, mirror-site conversions).
   */
  variants?: { text: string; flag: boolean }[];
}

export interface ColumnDef {
  /** Model key of the column (e.g. `issued`, `naturalPerson`). */
  key: string;
  label: Label;
  /** A header printed above this column that groups several columns (e.g. 法人或其他组织). */
  group?: Label;
  /** Values may be negative (2019 本年增/减). */
  signed?: boolean;
  /** Values may be fractional, in this unit. */
  unit?: '万元';
  /** The unit is not printed in the column label (2019 采购总金额). */
  unitUnstated?: boolean;
}

export interface RowDef {
  /** Model key of the row inside its table's model object (e.g. `regulations`, `stateSecret`). */
  key: string;
  label: Label;
}

/** A group of rows under one printed label, e.g. （三）不予公开 with its eight sub-rows. */
export interface RowGroupDef {
  key: string;
  label: Label;
  rows: RowDef[];
}

/** Section 二: four (2021) or five (2019) small tables, each led by a 第二十条 heading row. */
export interface ActiveTableDef {
  kind: 'active';
  /** Identifier used in diagnostics and writers, e.g. `item1`. */
  id: string;
  heading: Label;
  /** The printed header of the row-label column. */
  rowHeader: Label;
  columns: ColumnDef[];
  rows: RowDef[];
}

/** Section 三: one table, rows by outcome, columns by applicant. */
export interface ApplicationsTableDef {
  kind: 'applications';
  id: 'applications';
  corner: Label;
  /** Header cells that carry no column of their own. */
  headerLabels: Label[];
  columns: ColumnDef[];
  /** Printed columns that the model does not keep (e.g. a 法人或其他组织 小计 column). */
  extraColumns: Label[];
  /** Rows in printed order; a group's label is printed before its rows. */
  rows: (RowDef | RowGroupDef)[];
  /** The label printed before the outcome rows (三、本年度办理结果), which has no values. */
  outcomeHeader: Label;
}

/** Section 四: one row of fifteen numbers under a two-level header. */
export interface ReviewsTableDef {
  kind: 'reviews';
  id: 'reviews';
  groups: { key: string; label: Label; parent?: Label }[];
  columns: ColumnDef[];
}

export type TableDef = ActiveTableDef | ApplicationsTableDef | ReviewsTableDef;

export interface SectionDef {
  no: number;
  /** Chinese numeral used in the official heading. */
  numeral: string;
  title: Label;
  /** Words whose presence identifies the heading when its wording varies. */
  keywords: string[][];
  /** Subsection titles the format lists for this section (总体情况's five). */
  subsections?: Label[];
}

/**
 * An arithmetic identity the format demands: the sum of the `left` cells equals the sum of
 * the `right` cells. Declared in the template and checked by the rule named in `rule`.
 */
export interface Identity {
  rule: string;
  left: string[];
  right: string[];
  /** The cell a failure points at (the printed total). */
  at: string;
}

export interface Template {
  version: TemplateVersion;
  /** The notice that set this format. */
  source: string;
  sections: SectionDef[];
  active: ActiveTableDef[];
  applications: ApplicationsTableDef;
  reviews: ReviewsTableDef;
  /** The 勾稽关系 of sections 三 and 四, expanded to model paths. */
  identities: Identity[];
}
