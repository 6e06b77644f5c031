// CSV as spreadsheet programs read it (RFC 4180; UTF-8 with a BOM, CRLF line ends): for the
// writers, the server's exports and the web app's chart downloads alike.

/** One CSV field: quoted where it holds a quote, a comma or a line break. */
export const csvField = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows as a CSV document: BOM (so spreadsheet programs read UTF-8), CRLF line ends. */
export const csvTable = (rows: (string | number | null)[][]): string => `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
