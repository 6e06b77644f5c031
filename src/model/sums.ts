// The arithmetic of a government-wide report: every cell of the format summed over the reports of
// its departments, exactly (decimal money without float noise), never over a null, and across
// template versions only where the conversion is exact. Shared by `xxgk sum` (src/sum/index.ts)
// and the `hierarchy-sum` check (src/check/rules/hierarchy-sum.ts).
import { getCell } from './paths.ts';
import type { Cell, Report } from './report.ts';
import { cellsOf, templateFor, type TemplateVersion } from '../template/index.ts';
import { convertReport, type Conversion } from './convert.ts';
import { sumCells } from '../util/exact.ts';

export { sameValue, sumCells } from '../util/exact.ts';

/** One cell of the sum, and why it is null where it is. */
export interface SummedCell {
  path: string;
  value: Cell;
  /** Indexes of the inputs whose own cell is null (blank, placeholder, missing row or column). */
  nullIn: number[];
  /** Indexes of the inputs in another template version whose cell has no exact counterpart. */
  unmappedIn: number[];
}

export interface CellSums {
  version: TemplateVersion;
  cells: SummedCell[];
  /** Each input in the target version (the input itself where it already was). */
  conversions: Conversion[];
}

/** Every cell of `version`'s format summed over `reports` (converted to `version` where needed). */
export function sumAllCells(reports: readonly Report[], version: TemplateVersion): CellSums {
  const conversions = reports.map((r) => convertReport(r, version));
  const unmapped = conversions.map((c) => new Set(c.unmapped));
  const cells = cellsOf(templateFor(version)).map(({ path }) => {
    const values = conversions.map((c) => getCell(c.report, path) ?? null);
    const nullIn: number[] = [];
    const unmappedIn: number[] = [];
    values.forEach((v, i) => {
      if (v !== null) return;
      if (unmapped[i].has(path)) unmappedIn.push(i);
      else nullIn.push(i);
    });
    return { path, value: sumCells(values), nullIn, unmappedIn };
  });
  return { version, cells, conversions };
}
