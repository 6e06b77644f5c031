// The workbench's HTTP server (Fastify): the API under /api/v1, health for a load balancer.
// Handlers validate with zod, call the store (src/db) and the engine, and answer JSON; every
// error leaves as { error: { code, message } } in Chinese (errors.ts), logged with its stack.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { MAX_BYTES } from '../read/limits.ts';
import type { Store } from '../db/index.ts';
import { addComment, changeStatus, getReport, listComments, listReports, listVersions, sourceFromJson, STATUSES, storeEdit } from '../db/reports.ts';
import { renderReport, writeReports } from '../write/index.ts';
import { applyEdit, editBody } from './edit.ts';
import { reports, reportVersions, sourceFiles } from '../db/schema.ts';
import { TEMPLATES } from '../template/index.ts';
import { ApiError, invalid, notFound } from './errors.ts';
import { importFiles } from './imports.ts';

export interface AppOptions {
  store: Store;
  /** Folder for uploads while they are imported. */
  spool: string;
  logger?: FastifyServerOptions['logger'];
  /** Batch worker threads for imports (default: the machine's cores). */
  jobs?: number;
}

const STATUS_ZH: Record<(typeof STATUSES)[number], string> = { draft: '草稿', submitted: '已提交', returned: '已退回', approved: '已审核', published: '已发布' };

const RENDER_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** Files in one upload, at most. */
export const MAX_FILES = 1000;

const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(r.error.issues);
  return r.data;
};

const id = z.object({ id: z.coerce.number().int().positive() }).strict();
const listQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    status: z.enum(['draft', 'submitted', 'returned', 'approved', 'published']).optional(),
    agency: z.coerce.number().int().positive().optional(),
    hasErrors: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    cursor: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { db } = opts.store;
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1 << 20 });
  await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: MAX_FILES, fields: 10 } });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof ApiError) return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error(error);
    const known: Record<number, [string, string]> = {
      400: ['bad_request', '请求格式有误'],
      406: ['not_acceptable', '不支持所请求的格式'],
      413: ['too_large', '请求体或上传的文件过大'],
      415: ['unsupported_media_type', '不支持的请求内容类型'],
    };
    const [code, message] = known[status] ?? (status >= 500 ? ['internal', '服务器内部错误，请稍后重试'] : ['bad_request', '请求有误']);
    return reply.status(status).send({ error: { code, message } });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: { code: 'not_found', message: '没有这个地址' } }));

  app.get('/healthz', async () => {
    await db.execute('select 1');
    return { ok: true, database: opts.store.kind };
  });

  app.get('/api/v1/template', async () => ({ versions: TEMPLATES }));

  app.get('/api/v1/reports', async (request) => {
    const q = parse(listQuery, request.query);
    const page = await listReports(db, { year: q.year, status: q.status, agencyId: q.agency, hasErrors: q.hasErrors, before: q.cursor, limit: q.limit });
    return { items: page.items, nextCursor: page.next };
  });

  app.get('/api/v1/reports/:id', async (request) => {
    const r = await getReport(db, parse(id, request.params).id);
    if (!r) throw notFound('报告');
    return r;
  });

  // The file the current version was read from, as it was uploaded.
  app.get('/api/v1/reports/:id/source', async (request, reply) => {
    const [row] = await db
      .select({ name: sourceFiles.name, bytes: sourceFiles.bytes })
      .from(reports)
      .innerJoin(reportVersions, eq(reportVersions.id, reports.currentVersion))
      .innerJoin(sourceFiles, eq(sourceFiles.sha256, reportVersions.sha256))
      .where(eq(reports.id, parse(id, request.params).id));
    if (!row) throw notFound('报告的原始文件');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(row.bytes));
  });

  // An edit: a new version, checked again; the new findings come back in the same response.
  app.patch('/api/v1/reports/:id', async (request) => {
    const reportId = parse(id, request.params).id;
    const edit = parse(editBody, request.body);
    const current = await getReport(db, reportId);
    if (!current) throw notFound('报告');
    const { read, diagnostics } = applyEdit(current.model, sourceFromJson(current.source), edit);
    await storeEdit(db, reportId, read, diagnostics, null, edit.reason);
    return getReport(db, reportId);
  });

  app.get('/api/v1/reports/:id/versions', async (request) => {
    const reportId = parse(id, request.params).id;
    const versions = await listVersions(db, reportId);
    if (!versions.length) throw notFound('报告');
    return { items: versions };
  });

  app.post('/api/v1/reports/:id/status', async (request) => {
    const reportId = parse(id, request.params).id;
    const body = parse(z.object({ status: z.enum(STATUSES), comment: z.string().trim().max(2000).default('') }).strict(), request.body);
    if (!(await getReport(db, reportId))) throw notFound('报告');
    const r = await changeStatus(db, reportId, body.status, body.comment, null);
    if ('refused' in r) throw new ApiError(409, 'status_conflict', `报告当前为「${STATUS_ZH[r.refused]}」，不能改为「${STATUS_ZH[body.status]}」`);
    return { status: body.status, from: r.from };
  });

  app.get('/api/v1/reports/:id/comments', async (request) => ({ items: await listComments(db, parse(id, request.params).id) }));
  app.post('/api/v1/reports/:id/comments', async (request, reply) => {
    const reportId = parse(id, request.params).id;
    const body = parse(z.object({ body: z.string().trim().min(1).max(5000), path: z.string().max(200).nullable().optional(), rule: z.string().max(100).nullable().optional() }).strict(), request.body);
    if (!(await getReport(db, reportId))) throw notFound('报告');
    return reply.status(201).send({ id: await addComment(db, reportId, body, null) });
  });

  // The current version in any writer's format, as `xxgk render` writes it.
  app.get('/api/v1/reports/:id/render', async (request, reply) => {
    const reportId = parse(id, request.params).id;
    const { format } = parse(z.object({ format: z.enum(['docx', 'pdf', 'html', 'md', 'csv', 'json']).default('html') }).strict(), request.query);
    const r = await getReport(db, reportId);
    if (!r) throw notFound('报告');
    const body = format === 'csv' ? writeReports([r.model], 'csv') : await renderReport(r.model, format);
    const name = `${r.agency ?? '报告'}-${r.year ?? ''}.${format}`;
    return reply
      .header('content-type', RENDER_TYPES[format])
      .header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-content-type-options', 'nosniff')
      // A report's text is the document's, never markup of this site: the page runs no script.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .send(typeof body === 'string' ? body : Buffer.from(body));
  });

  // Many files in one multipart request; each becomes a job of one batch.
  app.post('/api/v1/imports', async (request, reply) => {
    if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', '请以 multipart/form-data 上传文件');
    const dir = join(opts.spool, `upload-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    await mkdir(dir, { recursive: true });
    try {
      const files: { path: string; name: string }[] = [];
      for await (const part of request.files()) {
        const name = safeName(part.filename);
        const bytes = await part.toBuffer();
        const path = join(dir, `${files.length}`);
        await writeFile(path, bytes);
        files.push({ path, name });
      }
      if (!files.length) throw new ApiError(400, 'no_files', '没有上传任何文件');
      const result = await importFiles(db, files, { jobs: opts.jobs, onError: (e, file) => request.log.error({ err: e, file }, 'import store failed') });
      return reply.status(201).send(result);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return app;
}

/** A file name as shown and stored: its last path part, without control characters, at most 200 characters. */
export function safeName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || '未命名文件').slice(0, 200);
}
