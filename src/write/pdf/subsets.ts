// Smaller font subsets for the PDF writer: fontkit's CFF subsets with their charstrings flattened.
import type { FontkitFont } from './fonts.ts';

/** fontkit's CFF table, as far as this module reads it. */
export interface CffTable {
  stream: { pos: number; readBuffer(n: number): Uint8Array };
  globalSubrIndex: { offset: number; length: number }[];
  topDict: { FDArray?: { Private?: { Subrs?: { offset: number; length: number }[] } }[]; Private?: { Subrs?: { offset: number; length: number }[] } };
  isCIDFont: boolean;
  getCharString(gid: number): Uint8Array;
  fdForGlyph(gid: number): number | null;
}

export interface CffSubset {
  cff: CffTable;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetSubrs(subrs: unknown, used: unknown): Uint8Array[];
}

export const bias = (n: number) => (n < 1240 ? 107 : n < 33900 ? 1131 : 32768);

/**
 * A Type 2 charstring with its subroutine calls inlined. fontkit's CFF subset keeps every one of
 * the collection's ~30,000 subroutine slots (unused ones as a bare return), some 80 KB a face in
 * every PDF, which pdf.js and poppler then parse again; glyphs without subroutines need none.
 */
export function flatten(cff: CffTable, gid: number): Uint8Array {
  const read = (r: { offset: number; length: number }) => {
    cff.stream.pos = r.offset;
    return cff.stream.readBuffer(r.length);
  };
  const gsubrs = cff.globalSubrIndex;
  const fd = cff.isCIDFont ? cff.fdForGlyph(gid) : null;
  const lsubrs = (fd !== null ? cff.topDict.FDArray?.[fd]?.Private?.Subrs : cff.topDict.Private?.Subrs) ?? [];
  const out: number[] = [];
  /** Operands since the last operator: value and where its bytes start in `out`. */
  let args: { value: number; start: number }[] = [];
  let stems = 0;
  let depth = 0;
  const run = (cs: Uint8Array): boolean => {
    if (++depth > 12) throw new Error('charstring subroutines nested too deep');
    let i = 0;
    while (i < cs.length) {
      const b = cs[i];
      if (b === 28 || b >= 32) {
        const start = out.length;
        let value: number;
        let n: number;
        if (b === 28) {
          value = ((cs[i + 1] << 24) >> 16) | cs[i + 2];
          n = 3;
        } else if (b <= 246) {
          value = b - 139;
          n = 1;
        } else if (b <= 250) {
          value = (b - 247) * 256 + cs[i + 1] + 108;
          n = 2;
        } else if (b <= 254) {
          value = -(b - 251) * 256 - cs[i + 1] - 108;
          n = 2;
        } else {
          value = ((cs[i + 1] << 24) | (cs[i + 2] << 16) | (cs[i + 3] << 8) | cs[i + 4]) / 65536;
          n = 5;
        }
        for (let k = 0; k < n; k++) out.push(cs[i + k]);
        args.push({ value, start });
        i += n;
        continue;
      }
      if (b === 10 || b === 29) {
        const subrs = b === 10 ? lsubrs : gsubrs;
        const a = args.pop();
        if (!a) throw new Error('charstring subroutine call without an index');
        out.length = a.start;
        const subr = subrs[a.value + bias(subrs.length)];
        if (!subr) throw new Error('charstring subroutine out of range');
        if (run(read(subr))) return true;
        depth--;
        i++;
        continue;
      }
      if (b === 11) return false;
      if (b === 12) {
        out.push(b, cs[i + 1]);
        args = [];
        i += 2;
        continue;
      }
      out.push(b);
      i++;
      if (b === 14) return true;
      if (b === 1 || b === 3 || b === 18 || b === 23) stems += args.length >> 1;
      if (b === 19 || b === 20) {
        // Operands before the first hintmask are vstems; the mask has a bit per stem.
        stems += args.length >> 1;
        const n = (stems + 7) >> 3;
        for (let k = 0; k < n; k++) out.push(cs[i + k]);
        i += n;
      }
      args = [];
    }
    return false;
  };
  run(cff.getCharString(gid));
  return Uint8Array.from(out);
}

/** Flattened charstrings by font and glyph: the same glyphs come back in every report. */
export const flatCache = new WeakMap<object, Map<number, Uint8Array>>();

/** Makes the font's CFF subsets carry flattened charstrings and no subroutines. */
export function compactSubsets(font: FontkitFont & { createSubset?: () => unknown }) {
  const create = font.createSubset?.bind(font);
  if (!create) return;
  font.createSubset = () => {
    const sub = create() as Partial<CffSubset>;
    if (typeof sub.subsetCharstrings !== 'function' || !sub.cff) return sub;
    const original = sub.subsetCharstrings.bind(sub);
    const originalSubrs = sub.subsetSubrs!.bind(sub);
    sub.subsetCharstrings = function (this: CffSubset) {
      let cache = flatCache.get(this.cff);
      if (!cache) flatCache.set(this.cff, (cache = new Map()));
      try {
        const cs: Uint8Array[] = [];
        for (const gid of this.glyphs) {
          let c = cache.get(gid);
          if (!c) cache.set(gid, (c = flatten(this.cff, gid)));
          cs.push(c);
        }
        this.charstrings = cs;
        this.gsubrs = [];
        this.subsetSubrs = () => [];
      } catch {
        // A charstring this does not understand: fontkit's own subset, subroutines and all.
        this.subsetSubrs = originalSubrs;
        original();
      }
    };
    return sub;
  };
}
