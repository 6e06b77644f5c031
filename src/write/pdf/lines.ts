// Line breaking for the PDF writer: Chinese text with the usual rules (禁则).
import { type LoadedFace, measure } from './fonts.ts';

/** May not start a line (closing punctuation). */
export const NO_START = new Set([...'，。、；：？！）》」』”’】〕〉…—%‰·,.;:?!)]}']);
/** May not end a line (opening punctuation). */
export const NO_END = new Set([...'（《「『“‘【〔〈([{']);
/** Runs of these stay on one line: numbers, Latin words, addresses. */
export const WORD = /[A-Za-z0-9@#&_%‰.\-+/:=?~]/;

/** Control characters (tabs, form feeds, stray NULs) print as spaces; nothing else is changed. */
export const printable = (s: string) => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');

/** Splits into break units: a Latin word or number, a space, or one character. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    if (WORD.test(ch)) {
      word += ch;
      continue;
    }
    if (word) out.push(word);
    word = '';
    out.push(ch);
  }
  if (word) out.push(word);
  return out;
}

/** A line the reader would take for a number (`12`, `3件。`): it must keep words with it. */
export const NUMBER_LINE = /^[-+]?[\d,，.]+(?:件|个|条|项|次|元|万元)?[。，；、）)]?$/;

/**
 * Greedy line breaking for Chinese text with the usual rules: closing punctuation never starts a
 * line, opening punctuation never ends one, numbers and Latin words are not split (unless longer
 * than a line), and no line is only a number.
 */
export function wrap(face: LoadedFace, text: string, size: number, width: number, firstIndent = 0): string[] {
  const lines: string[][] = [];
  let line: string[] = [];
  let w = firstIndent;
  const push = () => {
    while (line.length && line[line.length - 1] === ' ') line.pop();
    lines.push(line);
    line = [];
    w = 0;
  };
  /** Puts a unit on the line; a unit longer than a whole line goes by characters. */
  const add = (tok: string, tw: number) => {
    if (tw <= width + 0.01 || tok.length === 1) {
      line.push(tok);
      w += tw;
      return;
    }
    for (const ch of tok) {
      const cw = measure(face, ch, size);
      if (w + cw > width + 0.01 && line.length) push();
      line.push(ch);
      w += cw;
    }
  };
  for (const tok of tokens(printable(text))) {
    const tw = measure(face, tok, size);
    if (line.length === 0 && tok === ' ' && lines.length > 0) continue;
    if (w + tw <= width + 0.01 || line.length === 0) {
      add(tok, tw);
      continue;
    }
    // tok does not fit: break before it, moving characters that may not end/start a line.
    const carry: string[] = [];
    if (NO_START.has(tok[0])) {
      // Take the last unit down with the punctuation (when the line keeps something).
      if (line.length > 1) carry.unshift(line.pop()!);
    }
    while (line.length > 1 && NO_END.has(line[line.length - 1])) carry.unshift(line.pop()!);
    push();
    for (const c of carry) add(c, measure(face, c, size));
    add(tok, tw);
  }
  if (line.length || lines.length === 0) push();
  // No line may read as a bare number: pull a unit down from the line above.
  for (let i = 1; i < lines.length; i++) {
    while (lines[i - 1].length > 1 && NUMBER_LINE.test(lines[i].join(''))) lines[i].unshift(lines[i - 1].pop()!);
  }
  return lines.map((l) => l.join(''));
}
