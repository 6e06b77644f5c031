// `node --import tsx scripts/pdf-fixtures.ts`: the PDF fixtures of test/prose-pdf.test.ts, made
// from a seed in examples/ by the project's own PDF writer and by LibreOffice (from the project's
// DOCX with a running header and a 第 x 页 共 y 页 footer put in), each beside the text report it
// was made from (test/fixtures/pdf/NAME.txt + NAME.pdf), and pdftotext's text of the first. The fixtures are committed, so the tests
// need neither LibreOffice nor fonts; run this again only to remake them. Needs LibreOffice and
// poppler-utils.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readText } from '../src/engine.ts';
import type { Report } from '../src/model/report.ts';
import { toDocx } from '../src/write/docx.ts';
import { toPdf } from '../src/write/pdf.ts';

const root = join(import.meta.dirname, '..');
const out = join(root, 'test', 'fixtures', 'pdf');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'xxgk-fixtures-'));

/** The text report NAME.txt: a seed with edits, and its model. */
function source(name: string, seed: string, edits: [string, string][]): Report {
  let text = readFileSync(join(root, 'examples', seed), 'utf8');
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`${seed}: no ${from}`);
    text = text.replace(from, to);
  }
  writeFileSync(join(out, `${name}.txt`), text);
  const r = readText(text, `${name}.txt`);
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

// 1. The project's PDF writer. The 总体情况 text says 12 applications in a sentence that wraps over
//    a line with its figure set in the Latin font; the table says 0 (narrative-applications).
const applications = source('xxgk-applications', 'seed-000_015671194d5bc82a.txt', [
  ['截至2024年12月31日，广水市科技经信局未收到依申请公开信件。', '广水市科技经信局坚持依法依规办理依申请公开事项，畅通申请渠道，规范受理、审查、答复等各个环节，截至2024年12月31日，全年共收到政府信息公开申请 12 件，均已在法定期限内予以答复，答复率 100%。'],
]);
writeFileSync(join(out, 'xxgk-applications.pdf'), await toPdf(applications));

// 2. LibreOffice, from the project's DOCX with a running header (the report's title, on every page)
//    and a footer of 第 x 页 共 y 页.
const header = source('libreoffice-header', 'seed-002_feb0df35534c8ae6.txt', []);
const docx = unzipSync(await toDocx(header));
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const run = (inner: string) => `<w:r><w:rPr><w:sz w:val="21"/></w:rPr>${inner}</w:r>`;
const field = (code: string) => `${run('<w:fldChar w:fldCharType="begin"/>')}${run(`<w:instrText xml:space="preserve">${code}</w:instrText>`)}${run('<w:fldChar w:fldCharType="separate"/>')}${run('<w:t>1</w:t>')}${run('<w:fldChar w:fldCharType="end"/>')}`;
const footer = `<?xml version="1.0" encoding="UTF-8"?><w:ftr ${W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>${run('<w:t xml:space="preserve">第 </w:t>')}${field('PAGE')}${run('<w:t xml:space="preserve"> 页 共 </w:t>')}${field('NUMPAGES')}${run('<w:t xml:space="preserve"> 页</w:t>')}</w:p></w:ftr>`;
const title = header.meta.title ?? '政府信息公开工作年度报告';
docx['word/header9.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:hdr ${W}><w:p><w:pPr><w:jc w:val="right"/></w:pPr>${run(`<w:t>${title}</w:t>`)}</w:p></w:hdr>`);
docx['word/footer1.xml'] = strToU8(footer);
docx['word/footer2.xml'] = strToU8(footer);
const rels = 'word/_rels/document.xml.rels';
docx[rels] = strToU8(strFromU8(docx[rels]).replace('</Relationships>', '<Relationship Id="rIdHeader9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header9.xml"/></Relationships>'));
const types = '[Content_Types].xml';
docx[types] = strToU8(strFromU8(docx[types]).replace('</Types>', '<Override PartName="/word/header9.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>'));
const body = 'word/document.xml';
docx[body] = strToU8(strFromU8(docx[body]).replace(/<w:sectPr>/g, '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader9"/><w:headerReference w:type="even" r:id="rIdHeader9"/>'));
writeFileSync(join(work, 'libreoffice-header.docx'), zipSync(docx));
execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, join(work, 'libreoffice-header.docx')], { stdio: 'ignore', timeout: 180_000 });
writeFileSync(join(out, 'libreoffice-header.pdf'), readFileSync(join(work, 'libreoffice-header.pdf')));

// 3. The text pdftotext (poppler-utils) gives of the first, as it is and with -layout: text broken
//    at a fixed width, for the text reader's soft line breaks.
for (const [kind, args] of [['pdftotext', []], ['layout', ['-layout']]] as const) {
  execFileSync('pdftotext', [...args, '-enc', 'UTF-8', join(out, 'xxgk-applications.pdf'), join(out, `xxgk-applications.${kind}.txt`)]);
}

rmSync(work, { recursive: true, force: true });
process.stdout.write(`pdf-fixtures: written to ${out}\n`);
