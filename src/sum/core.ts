// The arithmetic of a government-wide report: every cell of the format summed over the reports of
// its departments, exactly (decimal money without float noise), never over a null, and across
// template versions only where the conversion is exact. Shared by `xxgk sum` (src/sum/index.ts)
// and the `hierarchy-sum` check (src/check/rules/hierarchy-sum.ts).
import { getCell } from '../model/paths.ts';
import type { Cell, Report } from '../model/report.ts';
import { cellsOf, templateFor, type TemplateVersion } from '../template/index.ts';
import { convertReport, type Conversion } from './convert.ts';

/** Decimal places a number is printed with (`1.25` → 2, `3` → 0), at most 10. */
function decimals(v: number): number {
  if (Number.isInteger(v)) return 0;
  const s = String(Math.abs(v));
  const e = /e-(\d+)$/.exec(s);
  if (e) return Math.min(10, Number(e[1]) + (s.split('e')[0].split('.')[1]?.length ?? 0));
  return Math.min(10, s.split('.')[1]?.length ?? 0);
}

/**
 * The sum of `values`, or null when any of them is null (a sum over a blank is not computed).
 * Fractional values (万元) are added as integers at the finest precision printed, so that
 * 0.1 + 0.2 is 0.3, not 0.30000000000000004.
 */
export function sumCells(values: readonly Cell[]): Cell {
  let places = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    places = Math.max(places, decimals(v));
  }
  if (places === 0) return values.reduce<number>((a, b) => a + (b as number), 0);
  const scale = 10 ** places;
  const total = values.reduce<number>((a, b) => a + Math.round((b as number) * scale), 0);
  return Number((total / scale).toFixed(places));
}

/** Two cell values the same at the precision they are printed with. */
export function sameValue(a: number, b: number): boolean {
  const places = Math.max(decimals(a), decimals(b));
  return Math.round(a * 10 ** places) === Math.round(b * 10 ** places);
}

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
