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

/** A subheading or numbered item (`（二）` `二、` `1.` `1、` `(1)` `①`) always begins a paragraph. */
export const OPENS_PARAGRAPH = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]+\s*、|\d{1,2}\s*[.．、](?!\d)|[①-⑳])/;

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
