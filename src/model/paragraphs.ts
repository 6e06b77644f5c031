// The one paragraph model of the project: a text (preamble, a section's text) is its paragraphs
// joined by "\n". Readers build paragraphs from printed lines here (joinLines); every writer
// prints exactly the paragraphs paragraphsOf gives, one paragraph per printed paragraph.

/** The paragraphs of a text: its "\n"-separated pieces, trimmed, empty ones left out. */
export function paragraphsOf(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A printed line and whether the reader saw it continue the line before (a soft line break). */
export interface PrintedLine {
  text: string;
  /** The reader knows this line continues the paragraph of the line before it. */
  wrap?: boolean;
}

/** A subheading or numbered item (`（二）` `二、` `1.` `1、` `(1)` `①` `㈡` `⑵` `⒉`) always begins a paragraph. */
export const OPENS_PARAGRAPH = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]+\s*、|\d{1,2}\s*[.．、](?!\d)|[①-⑳㈠-㈩⑴-⒛])/;

/** Two pieces of one paragraph: Chinese joins without a space, Latin letters and digits with one. */
export function joinPieces(a: string, b: string): string {
  const left = a.replace(/\s+$/, '');
  const right = b.replace(/^\s+/, '');
  return /[A-Za-z0-9,.;:%)]$/.test(left) && /^[A-Za-z0-9(]/.test(right) ? `${left} ${right}` : left + right;
}

/** Printed lines → paragraphs: a line marked as a soft break continues the paragraph before, unless it opens a subheading. */
export function joinLines(lines: PrintedLine[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const text = l.text.trim();
    if (!text) continue;
    if (l.wrap && out.length && !OPENS_PARAGRAPH.test(text)) out[out.length - 1] = joinPieces(out[out.length - 1], text);
    else out.push(text);
  }
  return out;
}

/** A line of fixed-width text as printed: its leading whitespace kept; null for a line that is no prose (a table row). */
export interface TypedLine {
  text: string;
  /** A blank line stands before it. */
  blankBefore: boolean;
}

/**
 * Columns a string takes in fixed-width type: East Asian wide and fullwidth characters two, others
 * one. Hand-written (a few code point ranges) rather than a dependency: it only has to tell a
 * line's length in a text whose lines were broken at one width.
 */
export function columns(s: string): number {
  return columnsOf(s, 0, s.length);
}

/**
 * columns() of s.slice(from, to), without the slice. By char codes rather than `for…of` over code
 * points (iterator and codePointAt per character: fixedWidthWraps was a tenth of the text
 * reader's profile; the reader went from 2.91M to 1.99M instructions a report with this): a
 * surrogate pair is one character, of two columns from U+20000 on; a lone surrogate is one column.
 */
function columnsOf(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x1100) {
      n++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    n += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return n;
}

/**
 * A line that begins with one or two characters and then a mark that may not open a line (`时、…`):
 * the line-start rule (禁则) carried them down, so the line before may stop up to two characters
 * short of the margin and still be full.
 */
export const KINSOKU_PULLED = /^[^\s、，。；：！？）」』”’》]{1,2}[、，。；：！？）」』”’》,.;:!?)]/u;

const SENTENCE_ENDS = /[。！？；!?;]["”’」』）)]*$/;

/**
 * Soft line breaks of text broken at a fixed width (a PDF's text as pdftotext gives it, a mail, a
 * scan's text): which lines continue the line before. Only where the text shows a width — a third
 * or more of its long lines end within two characters of one column, and at most a quarter runs
 * past it (centred headers) — does a line continue the one before, when that one reaches the width and this one is not
 * indented and follows without a blank line. Where the text indents its paragraphs, a sentence's
 * end at the width is no paragraph's end; where it does not, it is. A subheading opens its own
 * paragraph anyway (joinLines). A text of one paragraph per line shows no width: nothing is joined.
 */
export function fixedWidthWraps(lines: (TypedLine | null)[]): boolean[] {
  const wraps = lines.map(() => false);
  const info = lines.map((l) => {
    if (!l) return null;
    const body = l.text.trim();
    if (!body) return null;
    const lead = l.text.length - l.text.trimStart().length;
    const indent = columnsOf(l.text, 0, lead);
    const width = columnsOf(l.text, lead, lead + body.length);
    return { indent, end: indent + width, long: width >= 20, body };
  });
  const long = info.filter((x): x is NonNullable<typeof x> => x !== null && x.long);
  if (long.length < 3) return wraps;
  const SLACK = 4;
  const ends = long.map((x) => x.end).sort((a, b) => a - b);
  let width = 0;
  let best = 0;
  for (let i = 0, j = 0; i < ends.length; i++) {
    while (ends[i] - ends[j] > SLACK) j++;
    if (i - j + 1 >= best) {
      best = i - j + 1;
      width = ends[i];
    }
  }
  const past = ends.filter((e) => e > width + 2).length;
  if (best < 3 || best < long.length / 3 || past > long.length / 4) return wraps;
  const full = long.filter((x) => x.end >= width - SLACK);
  const left = Math.min(...full.map((x) => x.indent));
  const indents = info.filter((x) => x !== null && x.long && x.indent >= left + 2).length >= 2;
  // Text that lost its indentation (pdftotext without -layout) prints a paragraph's first line
  // short by the indent: such a line still reaches the width, two characters more or less.
  const reach = width - (indents ? SLACK : SLACK * 2);
  for (let i = 1; i < lines.length; i++) {
    const a = info[i - 1];
    const b = info[i];
    if (!a || !b || lines[i]!.blankBefore) continue;
    // A bare number on a line of its own is a cell (one cell per line), never a paragraph's rest.
    if (!/[\u4e00-\u9fff。，；：！？]/.test(b.body)) continue;
    // A subheading (`（二）依申请公开情况`, numbered, no punctuation) is a paragraph of its own.
    if (OPENS_PARAGRAPH.test(a.body) && !/[，。；：！？,;:!?]/.test(a.body)) continue;
    // A number or Latin word is kept whole: the line before stops short of the width by its length.
    const pulled = (KINSOKU_PULLED.test(b.body) ? SLACK : 0) + columns(/^[\w%.,]*/.exec(b.body)![0]);
    if (a.end < reach - pulled || b.indent > left + 1) continue;
    if (!indents && SENTENCE_ENDS.test(a.body)) continue;
    wraps[i] = true;
  }
  return wraps;
}
