// Bounded memory: `xxgk check` over 100 HTML pages and 100 text reports, a few of them large
// (1–16 MB: pages with pictures inlined as base64, Word's verbose HTML, scripts, menus; text with
// pages of prose), keeps its peak RSS (/usr/bin/time's %M) under 400 MB with two workers —
// the large files are read one at a time over the workers, and a worker gives back the heap a large
// file grew (src/batch); before that, two large pages read side by side took it to 450–500 MB.
// The inputs are made here from the seed reports.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, seedNames, tempDir } from './shared.ts';

const XXGK = join(ROOT, 'bin', 'xxgk.js');
const TIME = '/usr/bin/time';
const LIMIT_MB = 400;

const work = tempDir('memory');
after(() => rmSync(work, { recursive: true, force: true }));

const MB = 1048576;
const fill = (piece: string, bytes: number) => piece.repeat(Math.ceil(bytes / Buffer.byteLength(piece)));
/** What makes real report pages large, each about `bytes` long. */
const LARGE = {
  image: (n: number) => `<p><img src="data:image/png;base64,${Buffer.alloc(Math.ceil((n * 3) / 4), 0x5a).toString('base64')}"></p>`,
  word: (n: number) =>
    fill(
      `<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:仿宋_GB2312;color:black'>本机关坚持以习近平新时代中国特色社会主义思想为指导，全面推进政务公开。<span lang=EN-US><o:p></o:p></span></span></p>\n`,
      n,
    ),
  script: (n: number) => `<script>${fill('var a=[1,2,3,4,5,6,7,8,9];function f(x){return x*2;}\n', n)}</script>`,
  menu: (n: number) => `<ul>${fill('<li><a href="/xxgk/2024/list_123.html">政府信息公开目录</a></li>\n', n)}</ul>`,
};

function corpus(): string[] {
  const seeds = seedNames.map((n) => readFileSync(join(ROOT, 'examples', n), 'utf8'));
  const page = (text: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>\n${text.split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n')}\n</body></html>`;
  const html = join(work, 'html');
  const text = join(work, 'text');
  mkdirSync(html);
  mkdirSync(text);
  // Page number → what makes it large, and its MB. A dense page of menus costs some 25 times its size
  // in the reader's tree; one far larger is bounded by the worker's heap limit (test/batch.test.ts).
  const htmlSizes = new Map<number, [keyof typeof LARGE, number]>([[3, ['menu', 1]], [17, ['menu', 2]], [31, ['menu', 4]], [38, ['image', 4]], [45, ['word', 8]], [59, ['image', 16]], [73, ['word', 16]], [87, ['script', 12]], [99, ['word', 6]]]);
  const textSizes = new Map([[5, 4], [25, 8], [50, 16], [75, 16]]);
  const prose = '本机关坚持以习近平新时代中国特色社会主义思想为指导，全面推进政务公开，取得了良好效果。\n';
  for (let i = 0; i < 100; i++) {
    const seed = seeds[i % seeds.length];
    const big = htmlSizes.get(i);
    const body = page(seed);
    writeFileSync(join(html, `r${i}.html`), big ? body.replace('<body>', `<body>${LARGE[big[0]](big[1] * MB)}`) : body);
    const t = textSizes.get(i);
    writeFileSync(join(text, `r${i}.txt`), t ? seed + fill(prose, t * MB) : seed);
  }
  return [html, text];
}

test(`check over 100 HTML pages and 100 text reports (some 1–16 MB) peaks under ${LIMIT_MB} MB`, { skip: existsSync(TIME) ? false : `${TIME} 不存在（apt-get install time）`, timeout: 600_000 }, () => {
  const dirs = corpus();
  const r = spawnSync(TIME, ['-f', 'peak %M', 'node', XXGK, 'check', '-q', '--jobs', '2', ...dirs], { encoding: 'utf8', maxBuffer: 64 * MB });
  const peak = Number(/peak (\d+)\s*$/.exec(r.stderr)?.[1]) / 1024;
  assert.match(r.stdout, /检查了 200 份报告/, r.stderr.slice(-500));
  assert.ok(peak > 0, r.stderr.slice(-300));
  assert.ok(peak < LIMIT_MB, `peak RSS ${peak.toFixed(0)} MB`);
});
