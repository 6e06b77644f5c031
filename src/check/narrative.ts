// Reading the narrative: sentences, for the rules that compare what the text says with the tables.

/** Splits a section's text into sentences (。！？；and line ends). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?；;])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}
