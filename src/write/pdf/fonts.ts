// The PDF writer's fonts: the three faces found on the system (Debian's fonts-noto-cjk, else
// fc-match; XXGK_PDF_FONT_DIRS instead), parsed once per process, and text measured in them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { compactSubsets } from './subsets.ts';

/** The three faces, by what they stand in for. */
export type Face = 'title' | 'body' | 'heading';

export interface FaceDef {
  /** fontconfig family and style, for fc-match. */
  family: string;
  style: string;
  /** PostScript name inside the collection. */
  postscript: string;
  /** File names of Debian's fonts-noto-cjk (and the single-face OTFs of other distributions). */
  files: string[];
}

export const FACES: Record<Face, FaceDef> = {
  // 小标宋 → Noto Serif CJK SC Bold
  title: { family: 'Noto Serif CJK SC', style: 'Bold', postscript: 'NotoSerifCJKsc-Bold', files: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold.otf'] },
  // 仿宋 → Noto Serif CJK SC
  body: { family: 'Noto Serif CJK SC', style: 'Regular', postscript: 'NotoSerifCJKsc-Regular', files: ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular.otf'] },
  // 黑体 → Noto Sans CJK SC
  heading: { family: 'Noto Sans CJK SC', style: 'Regular', postscript: 'NotoSansCJKsc-Regular', files: ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular.otf'] },
};

/** Where Debian's fonts-noto-cjk puts them. */
export const SYSTEM_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk', '/usr/share/fonts/opentype/noto-cjk'];

/**
 * Directories searched instead of the system's (path-list, like PATH): for tests and for fonts
 * kept elsewhere. When set, fc-match is not asked.
 */
export const FONT_DIRS_ENV = 'XXGK_PDF_FONT_DIRS';

/** No CJK font to embed: the one message the CLI prints, naming the package that has them. */
export class PdfFontError extends Error {
  constructor(missing: string[]) {
    super(`缺少中文字体 ${missing.join('、')}：请安装 Debian 软件包 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk）后重试`);
    this.name = 'PdfFontError';
  }
}

/** The part of a fontkit font this module uses. */
export interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
  hasGlyphForCodePoint(cp: number): boolean;
}

export interface LoadedFace {
  font: FontkitFont;
  /** Advance widths in em, by code point. */
  widths: Map<number, number>;
}

export type Fonts = Record<Face, LoadedFace>;

/** fontkit is pdfkit's own dependency: resolved from pdfkit, so that both use the same copy. */
export const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont & { fonts?: FontkitFont[] };
};


/** Parsed fonts by the lookup that found them: a process parses each file once. */
export const fontCache = new Map<string, Fonts>();
/** Font files already read (a collection holds two of the faces' siblings). */
export const fileCache = new Map<string, Buffer>();

export function fcMatch(def: FaceDef): string | null {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}\n%{family}', `${def.family}:style=${def.style}`], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    const [file, families = ''] = out.split('\n');
    // fc-match always answers with something: only the family asked for will do.
    return file && families.split(',').includes(def.family) && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

export function findFile(def: FaceDef, dirs: string[] | null): string | null {
  for (const dir of dirs ?? SYSTEM_DIRS) {
    for (const f of def.files) {
      const p = join(dir, f);
      if (existsSync(p)) return p;
    }
  }
  return dirs ? null : fcMatch(def);
}

export function openFace(file: string, def: FaceDef): FontkitFont | null {
  let buf = fileCache.get(file);
  if (!buf) {
    try {
      buf = readFileSync(file);
    } catch {
      return null;
    }
    fileCache.set(file, buf);
  }
  try {
    const f = fontkit.create(buf, def.postscript);
    // A single-face file is taken whatever its name; a collection must hold the face asked for.
    if (f && typeof f.glyphForCodePoint === 'function' && (f.postscriptName === def.postscript || !basename(file).endsWith('.ttc'))) return f;
  } catch {
    // not a font, or not this face
  }
  return null;
}

/** The fonts, found and parsed once per process (per lookup directory list). */
export function loadFonts(): Fonts {
  const env = process.env[FONT_DIRS_ENV];
  const dirs = env === undefined ? null : env.split(':').filter((d) => d !== '');
  const key = env ?? '';
  const cached = fontCache.get(key);
  if (cached) return cached;
  const out: Partial<Fonts> = {};
  const missing: string[] = [];
  for (const face of Object.keys(FACES) as Face[]) {
    const def = FACES[face];
    const file = findFile(def, dirs);
    const font = file ? openFace(file, def) : null;
    if (font) {
      compactSubsets(font);
      out[face] = { font, widths: new Map() };
    }
    else if (!missing.includes(`${def.family} ${def.style}`)) missing.push(`${def.family} ${def.style}`);
  }
  if (missing.length) throw new PdfFontError(missing);
  fontCache.set(key, out as Fonts);
  return out as Fonts;
}

/** Width of `text` in points at `size`. */
export function measure(face: LoadedFace, text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(face, ch.codePointAt(0)!);
  return w * size;
}

export function charWidth(face: LoadedFace, cp: number): number {
  let w = face.widths.get(cp);
  if (w === undefined) {
    w = face.font.glyphForCodePoint(cp).advanceWidth / face.font.unitsPerEm;
    face.widths.set(cp, w);
  }
  return w;
}
