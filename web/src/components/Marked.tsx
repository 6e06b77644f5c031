// Text with the searched words marked (<mark>), matched as the server's search matches them:
// without regard to case.
import { Fragment } from 'react';

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function Marked({ text, words }: { text: string; words: string[] }) {
  const ws = words.filter((w) => w.length);
  if (!ws.length) return <>{text}</>;
  const parts = text.split(new RegExp(`(${ws.map(escape).join('|')})`, 'gi'));
  return (
    <>
      {parts.map((p, i) => (i % 2 ? <mark key={i}>{p}</mark> : <Fragment key={i}>{p}</Fragment>))}
    </>
  );
}

/** The address of a report opened at a search's match: the words to mark, the section they are in, the cell of a condition. */
export function atMatch(id: number, search: { words: string[]; cells: string[] } | undefined, where?: string | number): string {
  if (!search) return `/reports/${id}`;
  const q = new URLSearchParams();
  if (search.words.length) q.set('mark', search.words.join(' '));
  if (where !== undefined) q.set('in', String(where));
  if (search.cells[0]) q.set('cell', search.cells[0]);
  return `/reports/${id}${q.size ? `?${q}` : ''}`;
}
