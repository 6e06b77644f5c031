// `npm run render-samples`: what a reader of the written documents sees. One seed report written
// as PDF and as DOCX (laid out by LibreOffice), and the official blank template beside them, as
// PNG pages at 60 dpi in samples/, to compare table for table. Needs poppler-utils and LibreOffice;
// the official template is taken from the evaluation corpus (../shared/spec/official), when present.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBytes } from '../src/engine.ts';
import { renderReport } from '../src/write/index.ts';

const root = join(import.meta.dirname, '..');
const officialTemplate = join(root, '..', 'shared', 'spec', 'official', 'template-2021-blank.docx');
const out = join(root, 'samples');
const seed = 'seed-000_015671194d5bc82a.txt';

function need(tool: string, pkg: string) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    process.stderr.write(`render-samples: 需要 ${tool}（Debian 软件包 ${pkg}）\n`);
    process.exit(2);
  }
}
need('pdftoppm', 'poppler-utils');
need('soffice', 'libreoffice-writer-nogui');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'xxgk-samples-'));

/** PDF → samples/NAME-N.png, one a page, at 60 dpi. */
const png = (pdf: string, name: string) => execFileSync('pdftoppm', ['-r', '60', '-png', pdf, join(out, name)]);
/** DOCX → PDF by LibreOffice, in a profile of its own so a running LibreOffice does not interfere. */
function libreoffice(docx: string): string {
  execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx], { stdio: 'ignore', timeout: 120_000 });
  return docx.replace(/\.docx$/, '.pdf');
}

const read = await readBytes(new Uint8Array(readFileSync(join(root, 'examples', seed))), seed);
if (!read.ok) throw new Error(`${seed}: ${read.error}`);
const pdf = join(work, 'seed.pdf');
writeFileSync(pdf, await renderReport(read.report, 'pdf'));
png(pdf, 'pdf');
const docx = join(work, 'seed.docx');
writeFileSync(docx, await renderReport(read.report, 'docx'));
png(libreoffice(docx), 'docx');
if (existsSync(officialTemplate)) {
  const template = join(work, 'template.docx');
  writeFileSync(template, readFileSync(officialTemplate));
  png(libreoffice(template), 'template');
} else process.stderr.write(`render-samples: 没有找到官方模板（${officialTemplate}），只生成本项目的版面\n`);
rmSync(work, { recursive: true, force: true });
process.stderr.write(`render-samples: ${readdirSync(out).length} 页 → ${out}\n`);
