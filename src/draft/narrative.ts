// Drafts of the narrative sections (一、五、六) built from a report's figures, for a person to edit.
// STUB: the signature is fixed; the helper who owns this module replaces the body.
import type { Report, Section } from '../model/report.ts';

/** Draft texts of sections 一, 五 and 六, from the figures only; a null figure is a blank to fill, never a guess. */
export function draftNarrative(report: Report): Record<1 | 5 | 6, string> {
  void report;
  return { 1: '', 5: '', 6: '' };
}

/**
 * The six sections of `report`, official headings where it has none, with sections 一, 五 and 六
 * drafted where their text is empty (or always, with `overwrite`). Sections 二–四 keep their text.
 */
export function draftSections(report: Report, opts: { overwrite?: boolean } = {}): Section[] {
  void opts;
  return report.sections;
}
