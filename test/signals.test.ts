// Ctrl-C and `kill` stop the command cleanly: the OCR and .doc programs it runs (tesseract,
// pdftoppm, soffice — and what they start) are killed and their temporary folders removed, on the
// single-file road (render reads in the main thread) and on the batch road (check reads in worker
// threads); a batch worker ended by its time limit mid-OCR leaves nothing either. The programs are
// stand-ins on PATH that record their pids and those of a child each, then wait: the signal always
// lands mid-OCR / mid-conversion. One test does the same with the real tesseract where installed.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { ROOT, seedPath, tempDir } from './shared.ts';

const XXGK = join(ROOT, 'bin', 'xxgk.js');
const work = tempDir('signals');
after(() => rmSync(work, { recursive: true, force: true }));

/** Stand-ins for the programs: each records its pid and its child's, then waits for ever. */
const fakeBin = join(work, 'bin');
mkdirSync(fakeBin);
const STAND_IN = `#!/bin/sh
if [ "$1" = "--list-langs" ]; then printf 'List of available languages (2):\\nchi_sim\\neng\\n'; exit 0; fi
echo $$ >> "$SIGNALS_TEST_PIDS"
sleep 300 &
echo $! >> "$SIGNALS_TEST_PIDS"
wait
`;
for (const tool of ['tesseract', 'pdftoppm', 'soffice']) {
  writeFileSync(join(fakeBin, tool), STAND_IN);
  chmodSync(join(fakeBin, tool), 0o755);
}

/** A page-sized PNG with a ruled box on it: a scan as far as the reader can tell. */
const scan = join(work, 'scan.png');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="white"/><rect x="100" y="300" width="1000" height="400" fill="none" stroke="black" stroke-width="3"/><line x1="100" y1="500" x2="1100" y2="500" stroke="black" stroke-width="3"/><line x1="600" y1="300" x2="600" y2="700" stroke="black" stroke-width="3"/></svg>`;
writeFileSync(scan, await sharp(Buffer.from(svg)).png().toBuffer());
writeFileSync(join(work, 'scan2.png'), readFileSync(scan));
/** An OLE file word-extractor cannot read: the DOC reader hands it to LibreOffice. */
const doc = join(work, 'broken.doc');
writeFileSync(doc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 0x41)]));

/** A process that still runs (a zombie, waiting for a parent to collect it, has ended). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const pidsIn = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : []);

/** Pids of running processes whose environment holds `needle`. */
function withEnv(needle: string): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (readFileSync(`/proc/${e}/environ`, 'latin1').includes(needle) && alive(Number(e))) out.push(Number(e));
    } catch {
      // Gone, or not ours.
    }
  }
  return out;
}

/**
 * Runs xxgk with the stand-ins first on PATH and a temporary directory of its own, waits until
 * `programs` stand-ins (and their children) run, sends `signal`, and returns how it ended.
 */
async function interrupt(args: string[], signal: NodeJS.Signals, programs = 1) {
  const tmp = mkdtempSync(join(work, 'tmp-'));
  const pids = join(tmp, '..', `${tmp.slice(tmp.lastIndexOf('/') + 1)}.pids`);
  const child = spawn('node', [XXGK, ...args], {
    env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH}`, TMPDIR: tmp, SIGNALS_TEST_PIDS: pids },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, sig) => r({ code, signal: sig })));
  await until(`${programs} stand-in(s) to start (${stderr})`, () => pidsIn(pids).length >= programs * 2);
  // The reader made its folder before it ran the program.
  assert.ok(readdirSync(tmp).some((n) => n.startsWith('xxgk-')), `a temporary folder while the program runs: ${readdirSync(tmp)}`);
  child.kill(signal);
  const end = await exited;
  const started = pidsIn(pids);
  // Killed processes are gone at once; give the kernel a moment to deliver.
  await until('the programs to end', () => started.every((p) => !alive(p)), 5_000).catch(() => {});
  return { ...end, stderr, started, left: readdirSync(tmp), running: started.filter(alive) };
}

function assertClean(r: Awaited<ReturnType<typeof interrupt>>, code: number) {
  assert.equal(r.code, code, r.stderr);
  assert.deepEqual(r.running, [], `programs still running: ${r.running}`);
  assert.deepEqual(r.left, [], 'temporary folders left');
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+|Error:/, 'no stack trace');
}

test('Ctrl-C mid-OCR on the single-file road (render: OCR in the main thread) ends tesseract and its folder', async () => {
  assertClean(await interrupt(['render', scan, '--to', 'json'], 'SIGINT'), 130);
});

test('SIGTERM mid-OCR on the single-file road ends the same way, exit 143', async () => {
  assertClean(await interrupt(['render', scan, '--to', 'json'], 'SIGTERM'), 143);
});

test('Ctrl-C mid-OCR on the batch road (check, two worker threads) ends every tesseract and folder', async () => {
  const r = await interrupt(['check', scan, join(work, 'scan2.png'), '--jobs', '2'], 'SIGINT', 2);
  assert.equal(r.started.length, 4);
  assertClean(r, 130);
});

test('Ctrl-C mid-conversion of a .doc (LibreOffice and what it started) on both roads', async () => {
  assertClean(await interrupt(['render', doc, '--to', 'json'], 'SIGINT'), 130);
  assertClean(await interrupt(['check', doc], 'SIGINT'), 130);
});

test('a batch worker ended by its time limit mid-OCR leaves no program and no folder', async () => {
  const tmp = mkdtempSync(join(work, 'limit-'));
  const pids = join(work, 'limit.pids');
  // The built code, as the command runs it, from a file (workers inherit `--input-type` and fail on it).
  const script = join(work, 'limit.mjs');
  writeFileSync(script, `
    import { runBatch } from ${JSON.stringify(join(ROOT, 'dist', 'batch', 'index.js'))};
    const out = [];
    await runBatch([${JSON.stringify(scan)}, ${JSON.stringify(join(work, 'scan2.png'))}], { kind: 'check' }, (r) => void out.push(r), { jobs: 2, limits: { timeoutMs: 6000, maxMemoryMb: 384 } });
    console.log(JSON.stringify(out));
    // The folders and programs go once the worker has been terminated.
    await new Promise((r) => setTimeout(r, 500));
  `);
  const r = execFileSync('node', [script], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH}`, TMPDIR: tmp, SIGNALS_TEST_PIDS: pids },
    encoding: 'utf8',
    timeout: 60_000,
  });
  // Two files: a batch of one is read on the calling thread.
  const results = JSON.parse(r) as { ok: boolean; error?: string }[];
  assert.equal(results.length, 2);
  for (const result of results) {
    assert.equal(result.ok, false);
    assert.match(result.error!, /超时|时间/);
  }
  const started = pidsIn(pids);
  assert.equal(started.length, 4, 'the stand-ins and their children ran');
  assert.deepEqual(started.filter(alive), []);
  assert.deepEqual(readdirSync(tmp), []);
});

function hasTesseract(): boolean {
  try {
    return /^chi_sim$/m.test(execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))
      && (execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' }), true);
  } catch {
    return false;
  }
}

test('Ctrl-C mid-OCR with the real tesseract leaves none running and no /tmp/xxgk-*', { skip: hasTesseract() ? false : 'tesseract（中文数据）或 pdftoppm 未安装' }, async () => {
  // A seed printed to PDF and rasterised: a real page for tesseract to work on for a while.
  const pdf = join(work, 'seed.pdf');
  execFileSync('node', [XXGK, 'render', seedPath('001'), '-o', pdf]);
  execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', '-f', '1', '-l', '1', pdf, join(work, 'page')]);
  const tmp = mkdtempSync(join(work, 'real-'));
  const child = spawn('node', [XXGK, 'check', join(work, 'page.png')], { env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const mark = `XXGK_TOOL_OWNER=${child.pid}.`;
  await until('tesseract to start', () => withEnv(mark).length > 0, 60_000);
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  await until('tesseract to end', () => withEnv(mark).length === 0, 5_000).catch(() => {});
  assert.deepEqual(withEnv(mark), []);
  assert.deepEqual(readdirSync(tmp), []);
});
