// The output formats and how a file name picks one: no imports, so the CLI can declare its options
// without loading the writers.
export const FORMATS = ['json', 'ndjson', 'md', 'html', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** Formats one report is rendered to (`xxgk render`, `new`, `sum`); docx and pdf are bytes. */
export const DOCUMENT_FORMATS = ['json', 'md', 'html', 'docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The format a file name asks for, by its extension (`-o 2025.docx`). */
export function formatOfFile(file: string): DocumentFormat | undefined {
  const ext = /\.(json|md|markdown|html?|docx|pdf)$/i.exec(file)?.[1].toLowerCase();
  if (!ext) return undefined;
  return ext === 'markdown' ? 'md' : ext === 'htm' ? 'html' : (ext as DocumentFormat);
}
