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
  /** The admin's session, for setting up through the API what a test needs (accounts, a file). */
  let asAdmin: (path: string, init?: { method?: string; body?: unknown; form?: FormData }) => Promise<Response>;

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
    asAdmin = (path, init = {}) =>
      fetch(`${url}/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: { cookie, 'x-csrf-token': csrf, ...(init.form ? {} : { 'content-type': 'application/json' }) },
        ...(init.form ? { body: init.form } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    for (const [name, role] of [['clerk', 'editor'], ['office', 'reviewer'], ['boss', 'admin']]) {
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
    assert.equal(await page.getByTestId('pdf-page').getAttribute('data-drawn'), String(origin.page), 'the box is drawn over the page once pdf.js has drawn it');
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
    // A cell of the sum broken down by the departments summed.
    await page.getByTestId('sum-result').locator('[data-path="applications.received.naturalPerson"]').first().click();
    const breakdown = page.getByTestId('sum-breakdown');
    await breakdown.locator('tbody tr').nth(2).waitFor();
    assert.equal(await breakdown.locator('tbody tr').count(), 3);
    assert.match(await breakdown.innerText(), /自然人/);
    noErrors(page);
    await page.close();
  });

  test("the editor writes 2025's report from 2024's: 上年结转 carried, a block pasted from Excel, the totals shown as typed and filled, the text saved", async () => {
    const page = await signIn('clerk');
    const last = idOf('seed-000');
    const lastModel = ((await (await asAdmin(`/reports/${last}`)).json()) as { agencyId: number; agency: string; model: Report });
    await page.getByRole('menuitem', { name: '新建报告' }).click();
    await page.getByLabel('报告机关').fill(lastModel.agency);
    await page.locator(`.ant-select-item-option[title="${lastModel.agency}"]`).click();
    await page.getByLabel('报告年度').fill('2025');
    await page.getByTestId('basis-last').filter({ hasText: `#${last}` }).waitFor();
    await shot(page, '10-new-report');
    await page.getByRole('button', { name: /新建并填报/ }).click();
    await page.waitForURL(/\/reports\/\d+\/write$/);
    const cell = (path: string) => page.locator(`[data-path="${path}"]`);
    await cell('applications.received.naturalPerson').waitFor();
    // Last year's 结转下年度 are this year's 上年结转; this year's own figures are blank.
    for (const col of templateFor('2021').applications.columns.map((c) => c.key)) assert.equal((await cell(`applications.carriedOver.${col}`).innerText()).trim(), String(getCell(lastModel.model, `applications.carriedForward.${col}`)), col);
    assert.equal((await cell('applications.received.naturalPerson').innerText()).trim(), '');
    // A row of figures pasted from a spreadsheet onto the first cell of 本年新收.
    await cell('applications.received.naturalPerson').click();
    await cell('applications.received.naturalPerson').evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', '1\t2\t0\t0\t0\t0\r\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.getByTestId('saved-version').filter({ hasText: '第 2 版' }).waitFor();
    assert.equal((await cell('applications.received.commercialEnterprise').innerText()).trim(), '2');
    // The row's 总计 is blank: what its parts make it is shown under it…
    await cell('applications.received.total').getByTestId('should').filter({ hasText: '= 3' }).waitFor();
    // …and follows a figure as it is typed, before it is saved.
    await cell('applications.received.naturalPerson').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('修改 applications.received.naturalPerson').fill('6');
    await cell('applications.received.total').getByTestId('should').filter({ hasText: '= 8' }).waitFor();
    await shot(page, '11-typing-totals');
    await page.keyboard.press('Enter');
    await page.getByTestId('saved-version').filter({ hasText: '第 3 版' }).waitFor();
    // Enter saved and went down a row; the arrows walk the table.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-path')), 'applications.carriedOver.naturalPerson');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-path')), 'applications.carriedOver.commercialEnterprise');
    await page.getByRole('button', { name: /按勾稽关系填写合计/ }).click();
    await page.getByTestId('saved-version').filter({ hasText: '第 4 版' }).waitFor();
    assert.equal((await cell('applications.received.total').innerText()).trim(), '8');
    assert.equal(await cell('applications.received.total').getAttribute('data-severity'), null);
    // A section's text is saved when the clerk leaves it.
    const text = page.getByLabel(/六、其他需要报告的事项（正文）/);
    await text.fill('本年度未收取信息处理费。');
    await cell('applications.received.naturalPerson').click();
    await page.getByTestId('section-6-state').filter({ hasText: '已保存' }).waitFor();
    await page.getByTestId('saved-version').filter({ hasText: '第 5 版' }).waitFor();
    const id = Number(/\/reports\/(\d+)\/write/.exec(page.url())![1]);
    const stored = (await (await asAdmin(`/reports/${id}`)).json()) as { year: number; model: Report };
    assert.equal(stored.year, 2025);
    assert.equal(getCell(stored.model, 'applications.received.total'), 8);
    assert.equal(stored.model.sections.find((s) => s.no === 6)!.text, '本年度未收取信息处理费。');
    await shot(page, '12-written');
    noErrors(page);
    await page.close();
  });

  test("an editor of one agency sees only its agency's reports, in the list and at another report's URL", async () => {
    const own = idOf('seed-002');
    const other = idOf('seed-000');
    const { agencyId } = (await (await asAdmin(`/reports/${own}`)).json()) as { agencyId: number };
    const made = await asAdmin('/users', { method: 'POST', body: { name: 'deptclerk', password: 'deptclerk-password-1', role: 'editor', agencyId } });
    assert.equal(made.status, 201, await made.text());
    const page = await signIn('deptclerk');
    await page.goto(`${url}/reports`);
    await page.locator(`tr[data-row-key="${own}"]`).waitFor();
    const rows = await page.locator('tbody tr[data-row-key]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row-key'))));
    assert.deepEqual(rows, [own], 'the list holds its own agency\'s report only');
    await shot(page, '13-scoped-list');
    for (const path of [`/reports/${other}`, `/reports/${other}/write`]) {
      await page.goto(`${url}${path}`);
      await page.getByText('不在当前账号的管辖范围内').waitFor();
      assert.equal(await page.locator('[data-path]').count(), 0, `${path}: no table of it is drawn`);
    }
    await shot(page, '14-scoped-refused');
    noErrors(page);
    await page.close();
  });

  test('a report whose text holds <script> and <img onerror> shows them as text', async () => {
    // Seed 000 as another agency's report, its section 六 opening with markup.
    const seed = readFileSync(join(EXAMPLES, seedNames.find((n) => n.startsWith('seed-000'))!), 'utf8').replaceAll('广水市科技经信局', '广水市某某测试局');
    const hostile = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
    const text = seed.replace(/(六、其他需要报告的事项\s*\n)/, `$1${hostile}\n`);
    assert.notEqual(text, seed);
    const form = new FormData();
    form.append('file', new Blob([text]), 'hostile.txt');
    const r = (await (await asAdmin('/imports?wait=true', { method: 'POST', form })).json()) as { jobs: { status: string; reportId: number; reason: string | null }[] };
    assert.equal(r.jobs[0].status, 'stored', r.jobs[0].reason ?? '');
    const page = await signIn('clerk');
    await page.goto(`${url}/reports/${r.jobs[0].reportId}`);
    await page.getByTestId('source-text').getByText(hostile).first().waitFor();
    await page.locator('.ant-segmented-item').filter({ hasText: /^正文$/ }).click();
    await page.getByTestId('report-text').getByText(hostile).first().waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'nothing of it ran');
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    await shot(page, '15-hostile-text');
    noErrors(page);
    await page.close();
  });

  test('charts of a year: agencies ranked, the tree by status, one agency\'s section 三 as a picture; each downloads as PNG and CSV', async () => {
    const page = await signIn('office');
    await page.getByRole('menuitem', { name: '图表' }).click();
    await page.waitForURL(/\/charts/);
    await page.getByLabel('年度').fill('2024');
    const ranking = page.getByTestId('chart-by-applications');
    await ranking.locator('canvas').waitFor();
    await page.getByTestId('chart-tree').locator('canvas').waitFor();
    const csv = page.waitForEvent('download');
    await ranking.getByRole('button', { name: /CSV/ }).click();
    const csvFile = join(tempDir('web-charts'), (await csv).suggestedFilename());
    await (await csv).saveAs(csvFile);
    const lines = readFileSync(csvFile, 'utf8').replace(/^\ufeff/, '').trim().split(/\r\n/);
    assert.equal(lines[0], '机关,本年新收（件）');
    const stored = ((await (await asAdmin('/cells?year=2024&path=applications.received.total')).json()) as { items: { values: (number | null)[] }[] }).items.filter((i) => i.values[0] !== null).length;
    assert.ok(stored >= 3);
    assert.equal(lines.length - 1, stored, 'a row for each 2024 report that gives the figure');
    const png = page.waitForEvent('download');
    await ranking.getByRole('button', { name: /PNG/ }).click();
    const pngFile = join(tempDir('web-charts'), (await png).suggestedFilename());
    await (await png).saveAs(pngFile);
    assert.deepEqual([...readFileSync(pngFile).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    // One agency: its own report's section 三.
    const seed2 = ((await (await asAdmin(`/reports/${idOf('seed-002')}`)).json()) as { agency: string; year: number });
    await page.getByLabel('年度').fill(String(seed2.year));
    await page.getByLabel('机关').fill(seed2.agency);
    await page.locator(`.ant-select-item-option[title="${seed2.agency}"]`).click();
    await page.getByTestId('chart-outcomes').locator('canvas').waitFor();
    await page.getByTestId('chart-received').getByText('数据表').click();
    await page.getByTestId('chart-received').locator('table th[scope=row]').first().waitFor();
    await shot(page, '16-charts');
    noErrors(page);
    await page.close();
  });

  test('the report, sum, writing and public pages at 320 px and 1440 px: screenshots, no serious or critical axe-core violation, the public report no wider than a phone', async () => {
    const published = idOf('seed-004');
    for (const status of ['submitted', 'approved', 'published']) {
      const r = await asAdmin(`/reports/${published}/status`, { method: 'POST', body: { status, comment: '' } });
      assert.equal(r.status, 200, await r.text());
    }
    const year2024 = await Promise.all([...reportIds].filter(([n]) => n.startsWith('seed-')).map(async ([, id]) => ({ id, year: ((await (await asAdmin(`/reports/${id}`)).json()) as { year: number }).year })));
    const sumOf = year2024.filter((r) => r.year === 2024).map((r) => r.id);
    // A blank draft to show the form with (2019: a year none of the imported reports is of).
    const { agencyId } = (await (await asAdmin(`/reports/${idOf('seed-001')}`)).json()) as { agencyId: number };
    const draft = await asAdmin('/reports', { method: 'POST', body: { agency: agencyId, year: 2019, from: 'blank' } });
    assert.equal(draft.status, 201, await draft.clone().text());
    const draftId = ((await draft.json()) as { id: number }).id;
    const axe = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    type Shown = { name: string; path: string; who: string | null; ready: (p: Page) => Promise<unknown>; narrow?: boolean };
    const pages: Shown[] = [
      { name: 'public-report', path: `/public/reports/${published}`, who: null, ready: (p) => p.locator('[data-path="applications.received.total"]').waitFor(), narrow: true },
      { name: 'public-list', path: '/public', who: null, ready: (p) => p.getByRole('link', { name: /年度报告/ }).first().waitFor(), narrow: true },
      { name: 'report', path: `/reports/${idOf('seed-001')}`, who: 'clerk', ready: (p) => p.locator('[data-path="applications.received.total"]').waitFor() },
      { name: 'write', path: `/reports/${draftId}/write`, who: 'clerk', ready: (p) => p.locator('[data-path="applications.received.total"]').waitFor() },
      {
        name: 'sum',
        path: `/sum?reports=${sumOf.join(',')}&year=2024`,
        who: 'office',
        ready: async (p) => {
          await p.getByRole('button', { name: /^汇\s*总$/ }).click();
          await p.getByTestId('sum-result').locator('[data-path="applications.received.total"]').waitFor();
        },
      },
    ];
    const failures: string[] = [];
    for (const width of [320, 1440]) {
      for (const shown of pages) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', bypassCSP: true });
        if (shown.who) assert.equal((await context.request.post(`${url}/api/v1/session`, { data: { name: shown.who, password: `${shown.who}-password-1` } })).status(), 200);
        const page = await context.newPage();
        page.setDefaultTimeout(90_000);
        await page.goto(`${url}${shown.path}`);
        await shown.ready(page);
        await page.screenshot({ path: join(SHOTS, `a11y-${shown.name}-${width}.png`), fullPage: true });
        await page.addScriptTag({ content: axe });
        const found = await page.evaluate(async () => {
          const run = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run;
          const r = await run(document, { resultTypes: ['violations'] });
          return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        });
        for (const f of found) failures.push(`${shown.name} @${width}px: ${f}`);
        if (shown.narrow && width === 320) {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          if (wide > 320) failures.push(`${shown.name} @320px: the page is ${wide}px wide`);
        }
        await context.close();
      }
    }
    assert.deepEqual(failures, []);
  });

  test('one search box: words open the report at the marked text, a cell condition at its cell', async () => {
    const page = await signIn('clerk');
    await page.goto(`${url}/reports`);
    await page.getByLabel('搜索报告').fill('信息处理费');
    await page.getByLabel('搜索报告').press('Enter');
    const first = page.locator('tbody tr[data-row-key]').first();
    await first.locator('mark').first().waitFor();
    await first.getByRole('link').first().click();
    await page.waitForURL(/mark=/);
    const marked = page.getByTestId('report-text').locator('mark').first();
    await marked.waitFor();
    assert.equal(await marked.innerText(), '信息处理费');
    await shot(page, '17-search-text');
    await page.goto(`${url}/reports`);
    await page.getByLabel('搜索报告').fill('applications.received.total>0');
    await page.getByLabel('搜索报告').press('Enter');
    await page.waitForURL(/q=applications/);
    await page.locator('tbody tr[data-row-key]').first().getByRole('link').first().click();
    await page.waitForURL(/cell=applications\.received\.total/);
    await page.locator('[data-path="applications.received.total"][aria-selected="true"]').waitFor();
    noErrors(page);
    await page.close();
  });

  test('the admin: agencies, accounts and the audit log on its home and its pages; a new account made there', async () => {
    const page = await signIn('boss');
    await page.getByTestId('home-admin').getByText('最近的操作').waitFor();
    await page.getByRole('menuitem', { name: '管理' }).click();
    await page.getByTestId('agency-tree').locator('.ant-tree-treenode:not([aria-hidden="true"])').first().waitFor();
    await page.locator('.ant-segmented-item').filter({ hasText: /^账号$/ }).click();
    await page.getByLabel('用户名').fill('reader1');
    await page.getByLabel('初始密码').fill('reader1-password-1');
    await page.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '查看者' }).click();
    await page.getByRole('button', { name: /新\s*建/ }).click();
    await page.getByRole('cell', { name: 'reader1', exact: true }).waitFor();
    await page.locator('.ant-segmented-item').filter({ hasText: /^审计日志$/ }).click();
    await page.getByText('user.create').first().waitFor();
    await shot(page, '18-admin');
    noErrors(page);
    await page.close();
    const reader = await signIn('reader1');
    assert.equal(await reader.getByRole('menuitem', { name: '管理' }).count(), 0, 'a viewer has no admin menu');
    await reader.close();
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
