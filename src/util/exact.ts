// Adding and comparing cell values exactly: never over a null, and decimal money (万元) without
// float noise. Used by the sum, the 2019 ↔ 2021 conversion, the drafts and the
// hierarchy-sum check.
/** A cell value as the model has it (model/report.ts `Cell`), spelt here: util sits below the model. */
type Cell = number | null;

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
  // Whole numbers (nearly every count) are printed with no places: equal, or not.
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  const places = Math.max(decimals(a), decimals(b));
  return Math.round(a * 10 ** places) === Math.round(b * 10 ** places);
}
