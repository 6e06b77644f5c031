// The web app in a real browser (Debian's chromium driven by playwright-core), against the built
// server started as `npm start` starts it, on the embedded database: an editor imports the seeds
// (and the evaluation corpus's real PDFs, where it is), sees seed 001's missing 总计 column marked on
// its cells, edits a cell of seed 000 into an arithmetic error and sees `s3-row-total` appear on it,
// undoes it and sees it clear, submits it; a reviewer returns it with a reason; the editor finds it
// among the reports returned to it; a reviewer sums the 2024 seeds chosen in the library and the
// DOCX of the sum reads back to it. A screenshot of each step goes to test-results/web/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readBytes } from '../src/engine.ts';
import type { Report } from '../src/model/report.ts';
import { getCell } from '../src/model/paths.ts';
import { cellsOf, templateFor } from '../src/template/index.ts';
import { built, start } from './server-process.ts';
import { EXAMPLES, hasShared, ROOT, seedNames, sharedPath, tempDir } from './shared.ts';

const CHROMIUM = '/usr/bin/chromium';
const inCI = /^(true|1)$/i.test(process.env.CI ?? '');
const missing = !existsSync(CHROMIUM) ? `Debian's chromium is not installed (${CHROMIUM}; apt-get install chromium)` : !built ? 'the server is not built (npm run build)' : null;
const SHOTS = join(ROOT, 'test-results', 'web');

if (missing && inCI) test('the browser tests can run (CI=true)', () => assert.fail(`CI=true but ${missing}`));

describe('the web app in a browser', { skip: missing ? `skipped: ${missing}` : false }, () => {
  let server: ReturnType<typeof start>;
  let url = '';
  let browser: Browser;
  const headers: Record<string, string> = { 'content-type': 'application/json' };

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = start({ XXGK_DATA: tempDir('web'), XXGK_EXAMPLES: '0' });
    url = await server.url;
    const password = /一次性密码：(\S+?)（/.exec(server.output())?.[1];
    assert.ok(password, server.output());
    // The accounts, made by the admin through the API.
    const login = await fetch(`${url}/api/v1/session`, { method: 'POST', headers, body: JSON.stringify({ name: 'admin', password }) });
    const { csrf } = (await login.json()) as { csrf: string };
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    for (const [name, role] of [['clerk', 'editor'], ['office', 'reviewer']]) {
      const r = await fetch(`${url}/api/v1/users`, { method: 'POST', headers: { ...headers, cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ name, password: `${name}-password-1`, role, agencyId: null }) });
      assert.equal(r.status, 201, await r.text());
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  /** A fresh page signed in as `name`; errors the page throws fail the test. */
  async function signIn(name: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    // A loaded 2-core machine (the rest of the suite beside it) is slow to draw the first page.
    page.setDefaultTimeout(90_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    (page as Page & { errors: string[] }).errors = errors;
    await page.goto(`${url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill(`${name}-password-1`);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${url}/`);
    await page.getByTestId('who').filter({ hasText: name }).waitFor();
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const noErrors = (page: Page) => assert.deepEqual((page as Page & { errors: string[] }).errors, []);
  const reportIds = new Map<string, number>();

  test('a wrong password is refused in Chinese', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000);
    await page.goto(`${url}/login`);
    await page.getByLabel('用户名').fill('clerk');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor();
    await shot(page, '00-login-refused');
    await page.close();
  });

  test('the editor imports the seeds (and the real PDFs) and follows each file to the end', async () => {
    const page = await signIn('clerk');
    await shot(page, '01-editor-home');
    await page.getByRole('menuitem', { name: '导入报告' }).click();
    const pdfs = hasShared ? readdirSync(sharedPath('corpus', 'real')).filter((f) => f.endsWith('.pdf')).map((f) => sharedPath('corpus', 'real', f)) : [];
    const files = [...seedNames.map((f) => join(EXAMPLES, f)), ...pdfs];
    await page.locator('input[type=file]').setInputFiles(files);
    await page.getByRole('button', { name: new RegExp(`开始导入（${files.length} 个文件）`) }).click();
    const batch = page.getByTestId('import-batch');
    await batch.and(page.locator('[data-state="done"]')).waitFor({ timeout: 180_000 });
    await shot(page, '02-import-done');
    const rows = batch.locator('tbody tr');
    assert.equal(await rows.count(), files.length);
    for (let i = 0; i < files.length; i++) {
      const row = rows.nth(i);
      assert.match(await row.innerText(), /已入库/, await row.innerText());
      const href = await row.getByRole('link').getAttribute('href');
      const name = (await row.locator('td').first().innerText()).trim();
      reportIds.set(name, Number(/\/reports\/(\d+)/.exec(href ?? '')?.[1]));
    }
    noErrors(page);
    await page.close();
  });

  const idOf = (prefix: string) => {
    const hit = [...reportIds].find(([name]) => name.startsWith(prefix));
    assert.ok(hit, `${prefix} was imported`);
    return hit[1];
  };

  test("seed 001's missing 总计 column is marked on its cells, and only there", async () => {
    const page = await signIn('clerk');
    await page.goto(`${url}/reports/${idOf('seed-001')}`);
    const total = page.locator('[data-path="applications.received.total"]');
    await total.waitFor();
    assert.equal(await total.getAttribute('data-severity'), 'error');
    assert.equal(await page.locator('[data-path="applications.total.total"]').getAttribute('data-severity'), 'error');
    assert.equal(await page.locator('[data-path="applications.received.naturalPerson"]').getAttribute('data-severity'), null);
    await page.getByTestId('findings').locator('[data-rule="missing-column"]').click();
    await shot(page, '03-seed-001-missing-total');
    noErrors(page);
    await page.close();
  });

  test('a real PDF report: a click on a cell draws its box on the PDF page', { skip: hasShared ? false : 'skipped: the evaluation corpus (its real PDFs) is not present' }, async () => {
    const page = await signIn('clerk');
    const pdf = [...reportIds].find(([name]) => name.endsWith('.pdf'));
    assert.ok(pdf, 'a real PDF was imported');
    await page.goto(`${url}/reports/${pdf[1]}`);
    const cell = page.locator('[data-path="applications.received.naturalPerson"]');
    await cell.waitFor();
    await page.getByTestId('pdf-page').locator('canvas').waitFor();
    await cell.click();
    const box = page.getByTestId('pdf-box');
    await box.waitFor();
    const detail = (await (await page.request.get(`${url}/api/v1/reports/${pdf[1]}`)).json()) as { source: { cells: Record<string, { page?: number; box?: number[] }> } };
    const origin = detail.source.cells['applications.received.naturalPerson'];
    assert.ok(origin.box && origin.page, 'the reader placed the cell on its page');
    assert.equal(await page.getByTestId('pdf-page').getAttribute('data-page'), String(origin.page));
    // The box stands inside the drawn page, where the cell is.
    const [b, p] = [await box.boundingBox(), await page.getByTestId('pdf-page').locator('canvas').boundingBox()];
    assert.ok(b && p && b.x >= p.x && b.y >= p.y && b.x + b.width <= p.x + p.width && b.y + b.height <= p.y + p.height, JSON.stringify({ b, p }));
    await shot(page, '03b-pdf-cell-box');
    noErrors(page);
    await page.close();
  });

  test('an edit into an arithmetic error shows s3-row-total on its cell; undo clears it; the report is submitted', async () => {
    const page = await signIn('clerk');
    await page.goto(`${url}/reports/${idOf('seed-000')}`);
    const cell = page.locator('[data-path="applications.received.naturalPerson"]');
    await cell.waitFor();
    const total = page.locator('[data-path="applications.received.total"]');
    assert.equal(await total.getAttribute('data-severity'), null, 'seed 000 adds up');
    const before = Number((await cell.innerText()).trim());
    await cell.dblclick();
    await page.getByLabel('修改 applications.received.naturalPerson').fill(String(before + 7));
    await page.keyboard.press('Enter');
    await page.getByTestId('edit-result').filter({ hasText: '新出现' }).waitFor();
    await page.locator('[data-path="applications.received.total"][data-severity="error"]').waitFor();
    assert.equal((await cell.innerText()).trim(), String(before + 7));
    assert.equal(await page.getByTestId('findings').locator('[data-rule="s3-row-total"]').count() > 0, true);
    await shot(page, '04-edit-error');
    await page.getByRole('button', { name: /撤\s*销/ }).click();
    await page.getByTestId('edit-result').filter({ hasText: '已消除' }).first().waitFor();
    await page.locator('[data-path="applications.received.total"]:not([data-severity])').waitFor();
    assert.equal((await cell.innerText()).trim(), String(before));
    assert.equal(await page.getByTestId('findings').locator('[data-rule="s3-row-total"]').count(), 0);
    await shot(page, '05-undo');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByTestId('status').filter({ hasText: '已提交' }).waitFor();
    noErrors(page);
    await page.close();
  });

  test("the 2024 seeds summed from the library's selection; the DOCX export reads back to the sum", async () => {
    const page = await signIn('office');
    const seeds = [...reportIds].filter(([name]) => name.startsWith('seed-')).map(([, id]) => id);
    const years = await Promise.all(seeds.map(async (id) => ((await (await page.request.get(`${url}/api/v1/reports/${id}`)).json()) as { year: number }).year));
    const chosen = seeds.filter((_, i) => years[i] === 2024);
    assert.equal(chosen.length, 3, 'three seeds are of 2024');
    await page.goto(`${url}/reports?year=2024`);
    for (const id of chosen) await page.locator(`tr[data-row-key="${id}"] input[type=checkbox]`).check();
    await page.getByRole('button', { name: '汇总所选报告' }).click();
    await page.getByTestId('chosen').filter({ hasText: '3 份' }).waitFor();
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/sum') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /^汇\s*总$/ }).click();
    const sum = (await (await answer).json()) as { report: Report; departments: string[] };
    assert.equal(sum.departments.length, 3);
    await page.getByTestId('sum-result').waitFor();
    await shot(page, '09-sum');
    const download = page.waitForEvent('download');
    await page.getByTestId('sum-result').getByRole('button', { name: /DOCX/ }).click();
    const file = join(tempDir('web-sum'), (await download).suggestedFilename());
    await (await download).saveAs(file);
    const back = await readBytes(new Uint8Array(readFileSync(file)), file);
    assert.ok(back.ok, back.ok ? '' : back.error);
    const paths = cellsOf(templateFor(sum.report.template)).map((c) => c.path);
    assert.deepEqual(paths.map((p) => getCell(back.report, p)), paths.map((p) => getCell(sum.report, p)), 'the DOCX reads back to the sum, cell for cell');
    noErrors(page);
    await page.close();
  });

  test('the reviewer returns it with a reason, and the editor sees it returned', async () => {
    const reviewer = await signIn('office');
    const waiting = reviewer.getByTestId('home-submitted');
    await waiting.getByRole('link').first().waitFor();
    await shot(reviewer, '06-reviewer-home');
    await reviewer.goto(`${url}/reports/${idOf('seed-000')}`);
    await reviewer.getByRole('button', { name: /退\s*回/ }).click();
    await reviewer.getByLabel('退回原因').fill('第三部分第一行与总计不符，请核对');
    await reviewer.getByRole('dialog').getByRole('button', { name: /退\s*回/ }).click();
    await reviewer.getByTestId('status').filter({ hasText: '已退回' }).waitFor();
    await shot(reviewer, '07-returned');
    noErrors(reviewer);
    await reviewer.close();

    const editor = await signIn('clerk');
    const returned = editor.getByTestId('home-returned');
    // The reason comes with the report's status record, after the list.
    await returned.getByText('第三部分第一行与总计不符，请核对').waitFor();
    assert.match(await returned.innerText(), /第三部分第一行与总计不符/);
    await shot(editor, '08-editor-sees-returned');
    noErrors(editor);
    await editor.close();
  });
});
