// The prose of a report is kept, as paragraphs, measured by the evaluation corpus's own tool:
// ../shared/tools/prose.py (≥ 99% of prose lines kept, ≥ 95% of a PDF section's line breaks at a
// paragraph end) over the shared real PDFs and seeds. prose.py runs the built command
// (`npx --no-install xxgk parse`): `npm test` builds first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, sharedPath, tempDir, withShared } from './shared.ts';

withShared('prose kept as paragraphs (../shared/tools/prose.py)', () => {
  const has = (cmd: string, arg: string) => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
  const skip = has('python3', '--version') && has('pdftotext', '-v') ? false : 'python3 or pdftotext (poppler-utils) is not installed';
  test('the shared real PDFs and seeds: ≥ 99% of prose lines kept, ≥ 95% of PDF line breaks at a paragraph end', { skip }, () => {
    const files = ['real', 'seeds'].flatMap((d) =>
      readdirSync(sharedPath('corpus', d))
        .filter((f) => /\.(pdf|txt)$/.test(f))
        .sort()
        .map((f) => sharedPath('corpus', d, f)),
    );
    assert.ok(files.some((f) => f.endsWith('.pdf')) && files.some((f) => f.endsWith('.txt')), 'the corpus holds real PDFs and seeds');
    const run = spawnSync('python3', [sharedPath('tools', 'prose.py'), '--min-kept', '0.99', '--min-breaks', '0.95', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    const out = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    assert.doesNotMatch(out, /parse failed/, out);
    // The summary line is printed for every run; the exit code says whether both shares were met.
    const m = /prose kept (\d+)\/(\d+) = [\d.]+%; PDF line breaks at paragraph ends (\d+)\/(\d+)/.exec(out);
    assert.ok(m, `prose.py printed no summary:\n${out}`);
    assert.ok(Number(m[2]) > 0 && Number(m[4]) > 0, `prose.py found no prose lines or no PDF line breaks to judge:\n${out}`);
    assert.equal(run.status, 0, `prose.py: below 99% kept or 95% breaks:\n${out}`);
  });
});

// prose.py itself must be able to fail: a file whose prose the command keeps nowhere is 0% kept.
withShared('prose.py can fail', () => {
  test('a text of prose and no report falls below the bar', { skip: spawnSync('python3', ['--version']).status === 0 ? false : 'python3 is not installed' }, () => {
    const dir = tempDir('prose');
    try {
      const f = join(dir, 'x.txt');
      writeFileSync(f, '这是一段没有任何章节标题的文字，读取器不会把它当作报告的正文保留下来。\n');
      const run = spawnSync('python3', [sharedPath('tools', 'prose.py'), '--min-kept', '0.99', f], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      assert.notEqual(run.status, 0, run.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
