// Round trips through an independent producer: the project writes HTML, LibreOffice turns it into
// DOCX and PDF, and the project's readers read them back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readBytes, readText } from '../src/engine.ts';
import { getCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { toHtml } from '../src/write/html.ts';
import { randomReport } from './generate.ts';
import { EXAMPLES, seedNames, tempDir } from './shared.ts';

const has = (cmd: string, arg = '--version') => {
  try {
    execFileSync(cmd, [arg], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};
const soffice = has('soffice');
const skip = soffice ? false : 'LibreOffice (soffice) is not installed';
const seedDir = EXAMPLES;
const dir = tempDir('lo');

/** The seeds' models and 10 random ones, each written as HTML and converted in one LibreOffice run per format. */
const models: { name: string; report: Report }[] = [];
if (soffice) {
  for (const f of seedNames) {
    const r = readText(readFileSync(join(seedDir, f), 'utf8'), f);
    if (r.ok) models.push({ name: f.replace(/\.txt$/, ''), report: r.report });
  }
  for (let i = 0; i < 10; i++) models.push({ name: `random-${i}`, report: randomReport(7000 + i, i % 3 === 2 ? '2019' : '2021') });
  for (const m of models) writeFileSync(join(dir, `${m.name}.html`), toHtml(m.report));
  const html = models.map((m) => join(dir, `${m.name}.html`));
  // A profile of its own, so a LibreOffice open elsewhere does not take the conversion.
  const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
  for (const to of ['docx:MS Word 2007 XML', 'pdf']) execFileSync('soffice', [profile, '--headless', '--convert-to', to, '--outdir', dir, ...html], { stdio: 'ignore', timeout: 300_000 });
}

function compare(got: Report, want: Report): { right: number; total: number; wrong: string[] } {
  let right = 0;
  const wrong: string[] = [];
  const cells = cellsOf(templateFor(want.template));
  for (const c of cells) {
    const a = getCell(got, c.path);
    const b = getCell(want, c.path);
    if (a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9)) right++;
    else wrong.push(`${c.path}: ${a} ≠ ${b}`);
  }
  return { right, total: cells.length, wrong };
}

for (const format of ['docx', 'pdf'] as const) {
  test(`LibreOffice ${format.toUpperCase()} of the seeds and 10 random reports read back to the same model`, { skip }, async () => {
    for (const m of models) {
      const r = await readBytes(new Uint8Array(readFileSync(join(dir, `${m.name}.${format}`))), `${m.name}.${format}`);
      if (!r.ok) assert.fail(`${m.name}.${format}: ${r.error}`);
      assert.equal(r.source.document.format, format);
      const { wrong } = compare(r.report, m.report);
      assert.deepEqual(wrong, [], `${m.name}.${format}`);
    }
  });
}

// Scans: test/ocr.test.ts rasterises the real (ruled) report PDFs and reads them by OCR. LibreOffice's
// renderings of our HTML have no table rules, and OCR of borderless tables is not at 99 % yet.
