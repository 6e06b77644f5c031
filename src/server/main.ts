// Starting the workbench: `npm start` / `xxgk serve`. The embedded database (PGlite in
// XXGK_DATA, default ./xxgk-data) unless DATABASE_URL names a PostgreSQL server; PORT (8080).
// On the first start of an empty store the example reports are imported. SIGTERM / SIGINT: stop
// taking requests, let the running ones (and their imports) finish, close the database, exit 0.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { count } from 'drizzle-orm';
import { openStore } from '../db/index.ts';
import { reports } from '../db/schema.ts';
import { buildApp } from './app.ts';
import { ensureAdmin } from './auth.ts';
import { importFiles, resumeImports } from './imports.ts';

const EXAMPLES = resolve(import.meta.dirname, '..', '..', 'examples');

export interface ServeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string | null;
}

export async function serve(opts: ServeOptions = {}): Promise<void> {
  const port = opts.port ?? Number(process.env.PORT ?? 8080);
  const host = opts.host ?? process.env.HOST ?? '0.0.0.0';
  const dataDir = resolve(opts.dataDir ?? process.env.XXGK_DATA ?? './xxgk-data');
  const url = opts.databaseUrl ?? process.env.DATABASE_URL ?? null;
  const store = await openStore({ url, dataDir, watchWrites: true });
  // On PostgreSQL the imports go through the queue in the database, which this server works too
  // (XXGK_WORKER=0: leave them to `xxgk worker` processes).
  let queueError: (e: unknown) => void = (e) => void process.stderr.write(`${String(e)}\n`);
  const queue = url ? await (await import('./queue.ts')).openQueue(url, (e) => queueError(e)) : undefined;
  const app = await buildApp({ store, spool: join(dataDir, 'spool'), logger: { level: process.env.LOG_LEVEL ?? 'info' }, queue });
  app.log.info({ database: store.kind, where: store.where }, '数据库已打开');
  queueError = (e) => app.log.error({ err: e }, 'queue');
  if (queue) {
    const { waitingJobs } = await import('./queue.ts');
    // Queued again at each start: a server that died between storing the jobs and queueing them loses none (a job queued twice is done once).
    await queue.enqueue(await waitingJobs(store.db));
    if (process.env.XXGK_WORKER !== '0') await queue.work(store.db, { onError: (e, file) => app.log.error({ err: e, file }, 'queued import failed') });
  }

  // Jobs a stopped or killed server left: their spooled files are imported now.
  const resumed = await resumeImports(store.db, { onError: (e, file) => app.log.error({ err: e, file }, 'resumed import failed') });
  if (resumed) app.log.info({ resumed }, '已继续上次中断的导入');

  const [{ n }] = await store.db.select({ n: count() }).from(reports);
  if (n === 0 && process.env.XXGK_EXAMPLES !== '0' && existsSync(EXAMPLES)) {
    const files = readdirSync(EXAMPLES)
      .filter((f) => /\.(txt|html?|docx|pdf)$/i.test(f))
      .sort()
      .map((f) => ({ path: join(EXAMPLES, f), name: f }));
    const r = await importFiles(store.db, files, { onError: (e, file) => app.log.error({ err: e, file }, 'example import failed') });
    app.log.info({ stored: r.jobs.filter((j) => j.status === 'stored').length, failed: r.jobs.filter((j) => j.status === 'failed').length }, '首次启动：已导入示例报告');
  }

  const password = await ensureAdmin(store.db);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, '正在停止：不再接受新请求，等待进行中的请求完成');
    void app
      .close()
      .then(() => queue?.stop())
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          app.log.error(e);
          process.exit(1);
        },
      );
  };
  for (const s of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(s);
    process.on(s, () => stop(s));
  }
  const address = await app.listen({ port, host });
  // One write: whoever reads the output (a person, a supervisor, a test) gets the address and the
  // password together, not the first line of two that a pipe may deliver apart.
  process.stdout.write(
    `xxgk 工作台已启动：${address.replace('0.0.0.0', 'localhost')}（数据库：${store.kind === 'pglite' ? `内置 PGlite，数据在 ${dataDir}` : store.where}）\n` +
      // Printed once, on the start that made the account; only its hash is stored.
      (password ? `管理员账号：admin  一次性密码：${password}（仅显示这一次，请登录后另建账号或妥善保存）\n` : ''),
  );
}

/** Why the server could not start, in one Chinese line (the database, the port). */
export function startReason(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err?.code ?? err?.cause?.code;
  if (code === 'XXGK_STORE_BUSY' && err.message) return err.message;
  const reasons: Record<string, string> = {
    ECONNREFUSED: '无法连接到 DATABASE_URL 指定的 PostgreSQL 服务器（连接被拒绝）',
    ENOTFOUND: 'DATABASE_URL 中的数据库主机名无法解析',
    '28P01': '无法登录 PostgreSQL：用户名或密码错误',
    '28000': '无法登录 PostgreSQL：服务器拒绝了该用户',
    '3D000': 'DATABASE_URL 指定的数据库不存在',
    EADDRINUSE: `端口 ${process.env.PORT ?? 8080} 已被占用（用 PORT 指定其他端口）`,
    EACCES: '没有权限：无法使用该端口或数据目录',
  };
  return (code && reasons[code]) || '服务器启动失败（详情见上方日志）';
}
