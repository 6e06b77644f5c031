// Grey page images and the table rules on them. Tesseract reads a ruled table badly: the rules
// come out as `|`, `1`, `丨` glued to the numbers, and cells next to a rule are lost. So the rules
// are found and painted out before OCR, and their positions are kept to split cells at them.

export interface Gray {
  width: number;
  height: number;
  /** One byte per pixel, row by row, 0 = black. */
  data: Uint8Array;
}

/** A vertical rule, pixels: its x and the rows it spans. */
export interface VRule {
  x: number;
  y0: number;
  y1: number;
}

/** Reads a binary PGM (P5, 8-bit), as pdftoppm -gray writes it. */
export function readPgm(buf: Uint8Array): Gray {
  let pos = 0;
  const token = () => {
    // Header tokens are separated by whitespace; `#` starts a comment line.
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
      if (buf[pos] === 0x23) while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      else break;
    }
    const start = pos;
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    return String.fromCharCode(...buf.subarray(start, pos));
  };
  if (token() !== 'P5') throw new Error('not a binary PGM');
  const width = +token();
  const height = +token();
  const max = +token();
  if (!(width > 0 && height > 0) || max !== 255) throw new Error('unsupported PGM');
  pos++;
  return { width, height, data: buf.subarray(pos, pos + width * height) };
}

export function writePgm(g: Gray): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${g.width} ${g.height}\n255\n`);
  const out = new Uint8Array(header.length + g.data.length);
  out.set(header);
  out.set(g.data, header.length);
  return out;
}

/** Darker than this is ink (rules may be grey or coloured). */
const INK = 180;
/** Gaps this long (pixels) in a rule are bridged: scans break thin lines. */
const BRIDGE = 3;

/** A horizontal rule, pixels: its y and the columns it spans. */
export interface HRule {
  y: number;
  x0: number;
  x1: number;
}

export interface Rules {
  h: HRule[];
  v: VRule[];
}

/**
 * Finds straight horizontal and vertical rules at least `minLen` pixels long and paints them white
 * (with their anti-aliased fringe). Character strokes are shorter than a rule: at 300 dpi a 22 pt
 * title character is about 90 pixels.
 */
export function removeRules(g: Gray, minLen: number): Rules {
  const { width: W, height: H, data } = g;
  const mask = new Uint8Array(W * H);
  const hsegs: HRule[] = [];
  for (let y = 0; y < H; y++) {
    const row = y * W;
    let start = -1;
    let last = -1;
    for (let x = 0; x <= W; x++) {
      const ink = x < W && data[row + x] < INK;
      if (ink) {
        if (start < 0) start = x;
        last = x;
      } else if (start >= 0 && x - last > BRIDGE) {
        if (last - start + 1 >= minLen) hsegs.push({ y, x0: start, x1: last });
        start = -1;
      }
    }
  }
  const vsegs: VRule[] = [];
  for (let x = 0; x < W; x++) {
    let start = -1;
    let last = -1;
    for (let y = 0; y <= H; y++) {
      const ink = y < H && data[y * W + x] < INK;
      if (ink) {
        if (start < 0) start = y;
        last = y;
      } else if (start >= 0 && y - last > BRIDGE) {
        if (last - start + 1 >= minLen) vsegs.push({ x, y0: start, y1: last });
        start = -1;
      }
    }
  }
  const h = merge(hsegs.map((r) => ({ at: r.y, a: r.x0, b: r.x1 })));
  const v = merge(vsegs.map((r) => ({ at: r.x, a: r.y0, b: r.y1 })));
  // A dark band thicker than a rule is a shaded cell or a picture: it keeps its text.
  const thin = (m: Merged) => m.n <= MAX_RULE;
  const ink = (i: number) => {
    if (data[i] < INK) mask[i] = 1;
  };
  for (const m of h) if (thin(m)) for (let y = m.first; y <= m.last; y++) for (let x = m.a; x <= m.b; x++) ink(y * W + x);
  for (const m of v) if (thin(m)) for (let x = m.first; x <= m.last; x++) for (let y = m.a; y <= m.b; y++) ink(y * W + x);
  // Paint out the rules and the grey fringe beside them (not the black of a character they touch).
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    data[i] = 255;
    for (const j of [i - 1, i + 1, i - W, i + W, i - 2, i + 2, i - 2 * W, i + 2 * W]) {
      if (j >= 0 && j < data.length && !mask[j] && data[j] < 235 && data[j] >= INK - 60) data[j] = 255;
    }
  }
  return {
    h: h.filter(thin).map((m) => ({ y: Math.round(m.sum / m.n), x0: m.a, x1: m.b })),
    v: v.filter(thin).map((m) => ({ x: Math.round(m.sum / m.n), y0: m.a, y1: m.b })),
  };
}

/** Rules are at most this many pixels thick. */
const MAX_RULE = 12;

interface Merged {
  first: number;
  last: number;
  sum: number;
  n: number;
  a: number;
  b: number;
}

/** Adjacent rows (columns) of one thick rule → one rule. Input sorted by `at`. */
function merge(segs: { at: number; a: number; b: number }[]): Merged[] {
  const open: Merged[] = [];
  const done: Merged[] = [];
  for (const s of segs) {
    const m = open.find((o) => s.at - o.last <= 1 && s.a <= o.b && s.b >= o.a);
    if (m) {
      m.last = s.at;
      m.sum += s.at;
      m.n++;
      m.a = Math.min(m.a, s.a);
      m.b = Math.max(m.b, s.b);
    } else open.push({ first: s.at, last: s.at, sum: s.at, n: 1, a: s.a, b: s.b });
    // Rules that ended more than a pixel ago cannot grow any more.
    for (let k = open.length - 1; k >= 0; k--) if (s.at - open[k].last > 1) done.push(...open.splice(k, 1));
  }
  return [...done, ...open];
}

/**
 * The skew of a scanned page, degrees (positive: text lines fall to the right): the angle at which
 * the dark pixels, projected onto the vertical, make the sharpest profile (lines and rules).
 */
export function estimateSkew(g: Gray, maxDeg = 5): number {
  const { width: W, height: H, data } = g;
  // Dark pixels of a grid every `step` pixels are plenty for the profile.
  const step = Math.max(1, Math.round(Math.min(W, H) / 1200));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < H; y += step) for (let x = 0; x < W; x += step) if (data[y * W + x] < 128) {
    xs.push(x);
    ys.push(y);
  }
  if (xs.length < 200) return 0;
  const bins = new Float64Array(Math.ceil(H / step) + Math.ceil((W * Math.tan((maxDeg * Math.PI) / 180)) / step) * 2 + 4);
  const offset = Math.ceil((W * Math.tan((maxDeg * Math.PI) / 180)) / step) + 2;
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.round((ys[i] - xs[i] * t) / step) + offset]++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -maxDeg; d <= maxDeg + 1e-9; d += 0.25) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  const coarse = best;
  for (let d = coarse - 0.25; d <= coarse + 0.25 + 1e-9; d += 0.02) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return Math.round(best * 100) / 100;
}

/** The page turned by `deg` degrees about its centre (bilinear), same size, white where it was not. */
export function rotate(g: Gray, deg: number): Gray {
  const { width: W, height: H, data } = g;
  const out = new Uint8Array(W * H);
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = W / 2;
  const cy = H / 2;
  for (let y = 0; y < H; y++) {
    const dy = y - cy;
    for (let x = 0; x < W; x++) {
      const dx = x - cx;
      // The source pixel that lands here.
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= W || y0 + 1 >= H) {
        out[y * W + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * W + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + W] + (data[i + W + 1] - data[i + W]) * fx;
      out[y * W + x] = top + (bottom - top) * fy;
    }
  }
  return { width: W, height: H, data: out };
}

/**
 * Paper to white: a scan's paper is grey and speckled, and tesseract reads speckled cells badly.
 * Everything lighter than the foot of the paper's peak in the histogram becomes white.
 */
export function whitenPaper(g: Gray): number {
  const hist = new Float64Array(256);
  const { data } = g;
  for (let i = 0; i < data.length; i += 7) hist[data[i]]++;
  let paper = 128;
  for (let v = 129; v < 256; v++) if (hist[v] > hist[paper]) paper = v;
  let foot = paper;
  while (foot > 128 && hist[foot - 1] >= hist[paper] * 0.05) foot--;
  const cut = Math.max(150, foot - 10);
  for (let i = 0; i < data.length; i++) if (data[i] >= cut) data[i] = 255;
  return cut;
}

/** The page scaled by `f` (bilinear): tesseract wants characters some 30 pixels tall. */
export function scale(g: Gray, f: number): Gray {
  const W = Math.round(g.width * f);
  const H = Math.round(g.height * f);
  const out = new Uint8Array(W * H);
  const { width: w, height: h, data } = g;
  for (let y = 0; y < H; y++) {
    const sy = Math.min(h - 1.001, Math.max(0, (y + 0.5) / f - 0.5));
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < W; x++) {
      const sx = Math.min(w - 1.001, Math.max(0, (x + 0.5) / f - 0.5));
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const i = y0 * w + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + w] + (data[i + w + 1] - data[i + w]) * fx;
      out[y * W + x] = top + (bottom - top) * fy;
    }
  }
  return { width: W, height: H, data: out };
}
