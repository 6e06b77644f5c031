// What "read back equal" means for the writers' round trips, and the reports they start from.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBytes } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { titleOf } from '../src/write/grid.ts';
import { EXAMPLES, hasShared, seedNames, sharedPath } from './shared.ts';


/** Section text compared without white space: writers and readers may rewrap lines. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Every way `got` differs from `want`: template, every table cell, meta, section headings and texts. Empty: equal. */
export function differences(got: Report, want: Report): string[] {
  const out: string[] = [];
  if (got.template !== want.template) return [`template ${got.template} ≠ ${want.template}`];
  for (const c of cellsOf(templateFor(want.template))) {
    const g = getCell(got, c.path) ?? null;
    const w = getCell(want, c.path) ?? null;
    if (g !== w) out.push(`${c.path}: ${g} ≠ ${w}`);
  }
  // A report without a title line is written with the one the writers make up (titleOf).
  const title = want.meta.title ?? titleOf(want);
  if (got.meta.title !== title) out.push(`meta.title: ${got.meta.title} ≠ ${title}`);
  for (const k of ['agency', 'year', 'reviewer'] as const) {
    if (got.meta[k] !== want.meta[k]) out.push(`meta.${k}: ${got.meta[k]} ≠ ${want.meta[k]}`);
  }
  // The region is not printed but resolved from the agency: compared where the model has one.
  if (want.meta.region && got.meta.region?.code !== want.meta.region.code) out.push(`meta.region: ${got.meta.region?.code} ≠ ${want.meta.region.code}`);
  if (squeeze(got.preamble ?? '') !== squeeze(want.preamble ?? '')) out.push(`preamble: «${(got.preamble ?? '').slice(0, 60)}» ≠ «${(want.preamble ?? '').slice(0, 60)}»`);
  const gs = got.sections.map((s) => s.no).join(',');
  const ws = want.sections.map((s) => s.no).join(',');
  if (gs !== ws) out.push(`sections ${gs} ≠ ${ws}`);
  for (const w of want.sections) {
    const g = got.sections.find((s) => s.no === w.no);
    if (!g) continue;
    if (squeeze(g.heading) !== squeeze(w.heading)) out.push(`sections[${w.no}].heading: ${g.heading} ≠ ${w.heading}`);
    if (squeeze(g.text) !== squeeze(w.text)) out.push(`sections[${w.no}].text differs: «${g.text.slice(0, 60)}…» ≠ «${w.text.slice(0, 60)}…»`);
  }
  return out;
}

/** How many reports `corpusReports` gives: the five seeds, and the two real PDFs where the evaluation corpus is. */
export const CORPUS_REPORTS = 5 + (hasShared ? 2 : 0);

/**
 * The seed reports (examples/) and, where the evaluation corpus is, its real PDFs, as the project
 * reads them: the models the writers start from. Named `seeds/000_….txt`, `real/….pdf`.
 */
export async function corpusReports(): Promise<{ name: string; report: Report }[]> {
  const files = seedNames.map((f) => ({ name: `seeds/${f.replace(/^seed-/, '')}`, path: join(EXAMPLES, f) }));
  if (hasShared) {
    const real = sharedPath('corpus', 'real');
    for (const f of readdirSync(real).filter((x) => !x.endsWith('.json')).sort()) files.push({ name: `real/${f}`, path: join(real, f) });
  }
  const out: { name: string; report: Report }[] = [];
  for (const { name, path } of files) {
    const r = await readBytes(new Uint8Array(readFileSync(path)), name.slice(name.indexOf('/') + 1));
    if (!r.ok) throw new Error(`${name}: ${r.error}`);
    out.push({ name, report: r.report });
  }
  return out;
}
