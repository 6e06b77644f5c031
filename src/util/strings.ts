// Strings kept beyond the document they came from.

/**
 * A copy of `s` that holds no reference to the text it was cut from. V8 makes a substring of 13
 * characters or more (split, slice, trim, a regex match) a view into its parent, so a memo keyed
 * by a cell's text keeps the whole document alive: measured, a batch worker's heap grew by 3.5 KB
 * a report (85 MB after 20,000 reports, the documents of the memos' entries). Memos store copies.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}
