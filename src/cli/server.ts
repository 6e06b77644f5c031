// `xxgk serve` (the workbench server, as `npm start`), `xxgk import` (files into a store:
// the embedded one of a data folder, or a running server through its API with a token), and
// `xxgk backup` / `xxgk restore` (a whole store as one archive, either database to either).
// Exit 0: done; 2: a file could not be imported, or the backup or restore was refused (the reason said).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Command, Option } from 'commander';
import type { JobState } from '../server/imports.ts';
import { refuseOverwrite, say } from './io.ts';
import { forceOption } from './options.ts';
import { progress } from './progress.ts';

interface ImportCliOptions {
  server?: string;
  token?: string;
  data?: string;
  jobs?: number;
}

export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('启动工作台服务器（默认使用内置数据库，数据在 XXGK_DATA 或 ./xxgk-data；DATABASE_URL 指定 PostgreSQL）')
    .option('-p, --port <端口>', '监听端口（默认 PORT 或 8080）', (v) => Number(v))
    .option('--data <目录>', '内置数据库的数据目录（默认 XXGK_DATA 或 ./xxgk-data）')
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts: { port?: number; data?: string }) => {
      const { serve, startReason } = await import('../server/main.ts');
      await serve({ port: opts.port, dataDir: opts.data }).catch((e: unknown) => {
        say(startReason(e));
        process.exit(2);
      });
    });

  program
    .command('import')
    .description('把报告文件导入工作台：默认直接写入本机的数据目录（服务器须未在使用它），或用 --server 经 API 导入')
    .argument('<文件...>', '报告文件、目录或通配符')
    .option('--server <地址>', '工作台服务器地址，如 http://localhost:8080')
    .addOption(new Option('--token <令牌>', 'API 令牌（POST /api/v1/tokens 获得）；也可用环境变量 XXGK_TOKEN').env('XXGK_TOKEN'))
    .option('--data <目录>', '内置数据库的数据目录（默认 XXGK_DATA 或 ./xxgk-data）')
    .helpOption('-h, --help', '显示帮助')
    .action(async (args: string[], opts: ImportCliOptions) => {
      const { expandInputs } = await import('./files.ts');
      const { files, errors } = await expandInputs(args);
      for (const e of errors) say(`${e.arg}: ${e.message}`);
      if (!files.length) {
        process.exitCode = 2;
        return;
      }
      const jobs = opts.server ? await viaServer(files, opts) : await embedded(files, opts);
      if (!jobs) return;
      const failed = jobs.filter((j) => j.status === 'failed');
      for (const j of failed) say(`${j.file}: ${j.reason}`);
      const stored = jobs.filter((j) => j.status === 'stored');
      say(`导入了 ${stored.length} 份报告${stored.some((j) => j.duplicate) ? `（其中 ${stored.filter((j) => j.duplicate).length} 份此前已导入）` : ''}${failed.length ? `，${failed.length} 个文件未能导入` : ''}`);
      if (failed.length || errors.length) process.exitCode = 2;
      else process.exitCode ??= 0;
    });
  registerBackupCommands(program);

  program
    .command('worker')
    .description('为 PostgreSQL 上的工作台处理导入任务（可在多台机器上各运行几个）；DATABASE_URL 指定数据库')
    .option('-j, --jobs <数量>', '读取报告的工作线程数（默认为 CPU 核数）', (v) => Number(v))
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts: { jobs?: number }) => {
      const url = process.env.DATABASE_URL;
      if (!url) {
        say('xxgk worker 需要 PostgreSQL：请用环境变量 DATABASE_URL 指定（内置数据库的导入由服务器自己完成）');
        process.exitCode = 2;
        return;
      }
      const [{ openStore }, { openQueue }, { startReason }] = await Promise.all([import('../db/index.ts'), import('../server/queue.ts'), import('../server/main.ts')]);
      let store;
      let queue;
      try {
        store = await openStore({ url });
        queue = await openQueue(url, (e) => say(`队列出错：${(e as Error).message ?? String(e)}`));
        await queue.work(store.db, { jobs: opts.jobs, onError: (e, file) => say(`${file}: 保存到数据库失败（${(e as Error).message ?? String(e)}）`) });
      } catch (e) {
        say(startReason(e));
        await store?.close();
        process.exit(2);
      }
      say(`xxgk worker 已启动：处理 ${store.where} 的导入任务（Ctrl-C 停止）`);
      const stop = () => void queue.stop().then(() => store.close()).then(() => process.exit(0), () => process.exit(1));
      for (const s of ['SIGTERM', 'SIGINT'] as const) {
        process.removeAllListeners(s);
        process.once(s, stop);
      }
    });
}

/** The store the commands work on: DATABASE_URL's PostgreSQL, else the embedded one of the data folder. */
async function localStore(data: string | undefined) {
  const [{ openStore }, { resolve }] = await Promise.all([import('../db/index.ts'), import('node:path')]);
  return openStore({ url: process.env.DATABASE_URL ?? null, dataDir: resolve(data ?? process.env.XXGK_DATA ?? './xxgk-data') });
}

const rowsLine = (rows: Record<string, number>) => `${rows.reports ?? 0} 份报告、${rows.report_versions ?? 0} 个版本、${rows.source_files ?? 0} 个源文件、${rows.users ?? 0} 个账号、${rows.audit_log ?? 0} 条审计记录`;

function registerBackupCommands(program: Command): void {
  const dataOption = () => new Option('--data <目录>', '内置数据库的数据目录（默认 XXGK_DATA 或 ./xxgk-data；设置 DATABASE_URL 时为该 PostgreSQL）');
  program
    .command('backup')
    .description('把整个工作台（报告、版本、源文件、机关、账号、审计日志）备份为一个文件')
    .argument('<文件>', '备份文件')
    .addOption(dataOption())
    .addOption(forceOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (file: string, opts: { data?: string; force?: boolean }) => {
      const refused = refuseOverwrite(file, opts.force);
      if (refused) {
        say(refused);
        process.exitCode = 2;
        return;
      }
      const [store, { backup }] = await Promise.all([localStore(opts.data), import('../db/backup.ts')]);
      try {
        const m = await backup(store.db, file, (table, n, of) => n === of && process.stderr.isTTY && say(`  ${table}：${n} 行`));
        say(`已备份到 ${file}：${rowsLine(m.rows)}`);
      } finally {
        await store.close();
      }
    });
  program
    .command('restore')
    .description('把备份恢复到空的工作台（新的数据目录或空的 PostgreSQL），全部恢复或全部不变')
    .argument('<文件>', '备份文件')
    .addOption(dataOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (file: string, opts: { data?: string }) => {
      const [store, { restore, BackupError }] = await Promise.all([localStore(opts.data), import('../db/backup.ts')]);
      try {
        const m = await restore(store.db, file, (table, n, of) => n === of && process.stderr.isTTY && say(`  ${table}：${n} 行`));
        say(`已从 ${file} 恢复到 ${store.where}：${rowsLine(m.rows)}`);
      } catch (e) {
        if (!(e instanceof BackupError)) throw e;
        say(`${file}: ${e.message}`);
        process.exitCode = 2;
      } finally {
        await store.close();
      }
    });
}

/**
 * Each .zip as the files in it (`archive.zip/path`), unpacked into `dir` by the upload's own road
 * (src/server/uploads.ts: names as written, paths that leave the archive and zip bombs refused);
 * a refused archive is said and left out. Limits: a file the engine's 64 MB, an archive 100,000
 * files and 8 GB inflated.
 */
async function unzipped(files: string[], dir: string): Promise<{ list: { path: string; name: string }[]; refused: number }> {
  const { expandZip, isZipName } = await import('../server/uploads.ts');
  const { ApiError } = await import('../server/errors.ts');
  const { MAX_BYTES } = await import('../read/limits.ts');
  const list: { path: string; name: string }[] = [];
  let refused = 0;
  let n = 0;
  for (const f of files) {
    if (!isZipName(f)) {
      list.push({ path: f, name: f });
      continue;
    }
    try {
      list.push(...(await expandZip(f, f, () => join(dir, String(n++)), { bytes: 0, files: 0 }, { fileBytes: MAX_BYTES, totalBytes: 8 * 2 ** 30, files: 100_000 })));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      say(`${f}: ${e.message}`);
      refused++;
    }
  }
  return { list, refused };
}

async function embedded(files: string[], opts: ImportCliOptions): Promise<JobState[]> {
  const [store, { importEvents, queueImport, runImport }] = await Promise.all([localStore(opts.data), import('../server/imports.ts')]);
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-import-'));
  const { list, refused } = await unzipped(files, dir);
  if (refused) process.exitCode = 2;
  const bar = progress(list.length);
  try {
    const q = await queueImport(store.db, list, { author: 'xxgk import' });
    importEvents.on(q.batch, (j: JobState) => (j.status === 'stored' || j.status === 'failed') && bar.tick(j.file));
    return await runImport(store.db, q.batch, q.jobs, list, { jobs: opts.jobs, author: 'xxgk import' });
  } finally {
    bar.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Through the API: the files in one upload (a batch), then its events until every job has ended. */
async function viaServer(files: string[], opts: ImportCliOptions): Promise<JobState[] | null> {
  const base = opts.server!.replace(/\/+$/, '');
  if (!opts.token) {
    say('经服务器导入需要 API 令牌：--token 或环境变量 XXGK_TOKEN');
    process.exitCode = 2;
    return null;
  }
  const headers = { authorization: `Bearer ${opts.token}` };
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([await readFile(f)]), basename(f));
  let res: Response;
  try {
    res = await fetch(`${base}/api/v1/imports`, { method: 'POST', body: form, headers });
  } catch {
    say(`无法连接到服务器 ${base}`);
    process.exitCode = 2;
    return null;
  }
  const body = (await res.json().catch(() => null)) as { batch?: string; error?: { message: string } } | null;
  if (!res.ok || !body?.batch) {
    say(`服务器拒绝了导入：${body?.error?.message ?? `HTTP ${res.status}`}`);
    process.exitCode = 2;
    return null;
  }
  const bar = progress(files.length);
  const jobs = new Map<number, JobState>();
  const events = await fetch(`${base}/api/v1/imports/${body.batch}/events`, { headers });
  const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let at: number;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const chunk = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const m = /^event: job\ndata: (.+)$/m.exec(chunk);
      if (!m) continue;
      const j = JSON.parse(m[1]) as JobState;
      const was = jobs.get(j.id)?.status;
      jobs.set(j.id, j);
      if ((j.status === 'stored' || j.status === 'failed') && was !== j.status) bar.tick(j.file);
    }
  }
  bar.stop();
  return [...jobs.values()];
}
