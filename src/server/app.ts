// The workbench's HTTP server (Fastify): the API under /api/v1, health for a load balancer.
// Handlers validate with zod, call the store (src/db) and the engine, and answer JSON; every
// error leaves as { error: { code, message } } in Chinese (errors.ts), logged with its stack.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { and, desc, eq, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { MAX_BYTES } from '../read/limits.ts';
import type { Store } from '../db/index.ts';
import { visibility, conditions, addComment, OutOfScope, BadCursor, changeStatus, currentModels, currentReports, facetCounts, getReport, listComments, listReports, listVersions, reportJson, SORT_KEYS, sourceFromJson, STATUSES, storeEdit, TRANSITIONS, type SortKey, type Status } from '../db/reports.ts';
import { matchOf, searchOf } from './search.ts';
import { csvTable } from '../write/csv.ts';
import { renderReport, writeReports } from '../write/index.ts';
import { applyEdit, editBody } from './edit.ts';
import { createBody, storeDraft } from './drafts.ts';
import { draftReport } from '../draft/report.ts';
import { docsPage, openApiDocument, reportResponse, type RouteDoc } from './openapi.ts';
import { reports, reportVersions, sourceFiles } from '../db/schema.ts';
import { cellsOf, templateFor, TEMPLATES, versionForYear } from '../template/index.ts';
import { audit, auditAll, checkCsrf, createToken, createUser, identify, inScope, login, logout, PERMISSIONS, permit, ROLE_ZH, ROLES, type Actor, type Permission } from './auth.ts';
import { ApiError, badRequest, invalid, notFound } from './errors.ts';
import { importAgencies, placeAgency } from '../db/agencies.ts';
import { agencyRows } from './agency-csv.ts';
import { finishSum, refusalsOf, sumReports, type SumFinding, type SumRefusal } from '../sum/index.ts';
import { cellValues, idArray, storedHeads, sumStored } from '../db/cells.ts';
import { check } from '../check/index.ts';
import { CarryIndex, carrySummary } from '../check/rules/carry-over.ts';
import { getCell } from '../model/paths.ts';
import { csvOf, exportColumns, xlsxOf, type ExportRow } from './export.ts';
import type { Diagnostic, Report } from '../model/report.ts';
import { agencies, auditLog, importJobs, users } from '../db/schema.ts';
import { batchState, importEvents, queueImport, runImport, type ImportFile, type JobState } from './imports.ts';
import { BatchWorkers } from '../batch/index.ts';
import { modelSource } from '../map/json.ts';
import { expandZip, isZipName, type UploadLimits } from './uploads.ts';
import type { ImportQueue } from './queue.ts';
import { registerWebApp, templateLayouts } from './web.ts';

export interface AppOptions {
  store: Store;
  /** Folder for uploads while they are imported. */
  spool: string;
  logger?: FastifyServerOptions['logger'];
  /** Batch worker threads for imports (default: the machine's cores). */
  jobs?: number;
  /** On PostgreSQL: the queue that hands imports to the workers (src/server/queue.ts); else imports run here. */
  queue?: ImportQueue;
  /** On PostgreSQL: bytes of an upload's files held in memory on their way into the queue (default 64 MB); the rest wait in the spool. */
  heldBytes?: number;
}

const ended = (j: JobState) => j.status === 'stored' || j.status === 'failed';

const STATUS_ZH: Record<(typeof STATUSES)[number], string> = { draft: '草稿', submitted: '已提交', returned: '已退回', approved: '已审核', published: '已发布' };

const RENDER_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;

/**
 * A document as a download (HTML shown in place): its type, its name in UTF-8, no sniffing, and a
 * policy under which a page runs no script — a report's text is the document's, never markup of
 * this site.
 */
function sendFile(reply: FastifyReply, format: keyof typeof RENDER_TYPES, name: string, body: string | Uint8Array) {
  return reply
    .header('content-type', RENDER_TYPES[format])
    .header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    .send(typeof body === 'string' ? body : Buffer.from(body));
}

/** Files in one upload, at most (a zip's entries count one by one). */
export const MAX_FILES = 1000;
/** AppOptions.heldBytes by default. */
const HELD_BYTES = 64 << 20;
/** An upload's files and zip entries, inflated: each at most the engine's file limit, all together this. */
const UPLOAD_LIMITS: UploadLimits = { fileBytes: MAX_BYTES, totalBytes: 1 << 30, files: MAX_FILES };

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
    template: z.enum(['2019', '2021']).optional(),
    region: z.string().regex(/^\d{6}$/, '六位行政区划代码').optional(),
    rule: z.string().max(60).optional(),
    severity: z.enum(['error', 'warning', 'info']).optional(),
    q: z.string().max(1000).optional().describe('搜索框：报告文字中的词（空格分隔，须全部出现），也可含单元格条件，如 信息处理费 applications.received.total>10'),
    cell: z.union([z.string(), z.array(z.string()).max(20)]).optional().describe('单元格条件，可重复：路径 比较符（> >= < <= = !=） 数字'),
    sort: z.enum(Object.keys(SORT_KEYS) as [SortKey, ...SortKey[]]).optional().describe('排序：id（默认，新导入在前）、year、updated、errors、warnings、agency'),
    order: z.enum(['asc', 'desc']).optional(),
    cursor: z.string().max(500).optional().describe('上一页返回的 nextCursor'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const statusBody = z.object({ status: z.enum(STATUSES), comment: z.string().trim().max(2000).default('') }).strict();
const commentBody = z.object({ body: z.string().trim().min(1).max(5000), path: z.string().max(200).nullable().optional(), rule: z.string().max(100).nullable().optional() }).strict();
const renderQuery = z.object({ format: z.enum(['docx', 'pdf', 'html', 'md', 'csv', 'json']).default('html') }).strict();
const importQuery = z.object({ wait: z.enum(['true', 'false']).default('false') }).strict();
const batchParams = z.object({ batch: z.uuid() }).strict();
const loginBody = z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict();
const tokenBody = z.object({ name: z.string().trim().min(1).max(100) }).strict();
const userBody = z.object({ name: z.string().trim().min(1).max(100), password: z.string().min(10, '密码至少 10 个字符').max(200), role: z.enum(ROLES), agencyId: z.number().int().positive().nullable() }).strict();
const sumBody = z
  .object({
    reports: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
    agency: z.number().int().positive().optional(),
    year: z.number().int().min(2000).max(2100),
    /** The government's name as the sum carries it (default: the agency's). */
    name: z.string().trim().min(1).max(200).optional(),
    against: z.number().int().positive().optional(),
    format: z.enum(['json', 'docx', 'pdf', 'html', 'md']).default('json'),
  })
  .strict();
/**
 * A sum as JSON: the report, its findings, its checks, the departments summed (`名称（#编号）`, in
 * the order of their ids) and the comparison. A finding names its departments by their place in
 * `departments`: over 100,000 reports the 28 cells a 2019-printed report has no counterpart of
 * each named the same 14,000 departments, 12 of the response's 15 MB.
 */
function sumResponse(result: { report: unknown; findings: SumFinding[]; diagnostics: Diagnostic[] }, departments: string[], comparison: Diagnostic[] | null) {
  const findings = result.findings.map(({ inputs, ...f }) => ({ ...f, departments: inputs }));
  return { report: result.report, findings, diagnostics: result.diagnostics, departments, comparison };
}

/** A sum the engine refuses (reports of another year, or of none): 422 naming each. */
const notSummable = (refusals: SumRefusal[]) => new ApiError(422, 'not_summable', `无法汇总：${refusals.map((x) => `${x.file}：${x.message}`).join('；')}`);
const agencyBody = z.object({ name: z.string().trim().min(1).max(200), parentId: z.number().int().positive().nullable(), kind: z.enum(['government', 'office', 'department']).default('department') }).strict();
const exportQuery = listQuery.omit({ cursor: true, limit: true });
const exportFormat = exportQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }).strict();
const cellsQuery = exportQuery
  .extend({
    year: z.coerce.number().int().min(2000).max(2100),
    path: z.union([z.string(), z.array(z.string()).min(1).max(20)]).transform((p) => (Array.isArray(p) ? p : [p])).describe('单元格路径，可重复（至多 20 个），如 applications.received.total'),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  })
  .strict();
const seriesQuery = z.object({ agency: z.coerce.number().int().positive(), path: z.string().min(3).max(200) }).strict();
const auditQuery = z.object({ format: z.enum(['json', 'csv']).default('json'), limit: z.coerce.number().int().min(1).max(100_000).default(1000) }).strict();

/** The list's query as the store's filter, limited to what the asker may see. */
const filterOf = (q: z.infer<typeof exportQuery>, a: Actor | null) => ({ year: q.year, status: q.status, agencyId: q.agency, hasErrors: q.hasErrors, template: q.template, region: q.region, rule: q.rule, severity: q.severity, ...searchOf(q.q, q.cell), scope: a?.scope ?? null, publishedOnly: !a });

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { db } = opts.store;
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1 << 20 });
  await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: MAX_FILES, fields: 10 } });
  // An agencies list comes as CSV, kept as bytes: its encoding (UTF-8 or GBK) is decided when read.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await app.register(cookie);
  // Who asks, for every API request; a change made with a session cookie must carry its CSRF token.
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.actor = await identify(db, request);
    checkCsrf(request);
  });

  /** The report, when the asker may read it (a visitor: published reports only); else 404 or 403. */
  const readable = async (request: FastifyRequest, reportId: number) => mayRead(request, await getReport(db, reportId));
  const mayRead = <R extends { status: string; agencyPath: string | null }>(request: FastifyRequest, r: R | null): R => {
    if (!r) throw notFound('报告');
    const a = request.actor;
    if (!a) {
      if (r.status !== 'published') throw notFound('报告');
      return r;
    }
    permit(request, 'report.read');
    if (!inScope(a, r.agencyPath)) throw new ApiError(403, 'out_of_scope', '该报告不在当前账号的管辖范围内');
    return r;
  };
  /** The report for a change the actor's role allows, within its subtree. */
  const changeable = async (request: FastifyRequest, reportId: number, what: Parameters<typeof permit>[1]) => {
    const a = permit(request, what);
    const r = await readable(request, reportId);
    return { a, r };
  };

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
  // The API's description, from the routes as registered (each route's `config.doc`).
  const documented: { method: string; url: string; doc: RouteDoc }[] = [];
  app.addHook('onRoute', (r) => {
    const doc = (r.config as { doc?: RouteDoc } | undefined)?.doc;
    if (doc) for (const m of [r.method].flat()) if (m !== 'HEAD') documented.push({ method: m, url: r.url, doc });
  });
  let described: unknown = null;
  app.get('/api/openapi.json', async () => (described ??= openApiDocument(documented)));
  app.get('/api/docs', async (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'").send(docsPage()));

  // The web app (web/, built into dist/web) at `/`; any other path outside the API is one of its pages.
  const page = await registerWebApp(app);
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/healthz') return page(reply);
    return reply.status(404).send({ error: { code: 'not_found', message: '没有这个地址' } });
  });

  app.get('/healthz', { config: { doc: { summary: '健康检查（负载均衡用）', tag: '系统', access: 'public' } } }, async () => {
    await db.execute('select 1');
    return { ok: true, database: opts.store.kind };
  });

  // `layouts`: each version's official tables as printed (merged headers, each value cell naming its
  // model path), the writers' own grids of a blank report: the web app draws every table from them.
  let template: unknown = null;
  app.get('/api/v1/template', { config: { doc: { summary: '报告模板：部分、表格、行、列、标签、勾稽关系，以及各表的版式（合并表头、每格的模型路径）', tag: '模板', access: 'public' } } }, async () => (template ??= { versions: TEMPLATES, layouts: templateLayouts() }));

  app.get('/api/v1/reports', { config: { doc: { summary: '报告列表（筛选、全文搜索与单元格条件、排序、游标分页）', tag: '报告', access: 'report.read', query: listQuery } } }, async (request) => {
    const q = parse(listQuery, request.query);
    const a = request.actor;
    if (a) permit(request, 'report.read');
    const filter = filterOf(q, a);
    const page = await listReports(db, { ...filter, sort: q.sort, order: q.order, cursor: q.cursor, limit: q.limit }).catch((e: unknown) => {
      throw e instanceof BadCursor ? badRequest('cursor 无效：请使用上一页返回的 nextCursor') : e;
    });
    // The search as the server understood it, for a page to mark the words and select the cell.
    const search = { words: filter.words, cells: filter.cells.map((c) => c.path) };
    if (!filter.words.length) return { items: page.items, nextCursor: page.next, ...(search.cells.length ? { search } : {}) };
    // Each result opens at its match: where the first word is, and the text around it.
    const models = await currentModels(db, page.items.map((i) => i.id));
    return { items: page.items.map((i) => ({ ...i, match: models.has(i.id) ? matchOf(models.get(i.id)!, filter.words[0]) : null })), nextCursor: page.next, search };
  });

  // A report written here: blank, from last year's, or the sum of the agency's departments (drafts.ts).
  app.post('/api/v1/reports', { config: { doc: { summary: '新建报告（草稿）：空白、依据上年度报告（上年结转取自其结转下年度）或汇总下属单位；叙述部分由数字起草', tag: '报告', access: 'report.edit', body: createBody, status: 201, response: reportResponse } } }, async (request, reply) => {
    const a = permit(request, 'report.edit');
    const body = parse(createBody, request.body);
    const [agency] = await db.select().from(agencies).where(eq(agencies.id, body.agency));
    if (!agency) throw notFound('机关');
    if (!inScope(a, agency.path)) throw new ApiError(403, 'out_of_scope', `机关「${agency.name}」不在当前账号的管辖范围内`);
    const [taken] = await db.select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, agency.id), eq(reports.year, body.year)));
    if (taken) throw new ApiError(409, 'report_exists', `「${agency.name}」已有 ${body.year} 年度的报告（#${taken.id}）：请打开它修改，一个机关一个年度只有一份报告`);
    let report: Report;
    let notes: string[] = [];
    let basis: { from: 'blank' | 'sum' | 'report'; report: number | null };
    if (body.from === 'sum') {
      const { result, files } = await summed(request, { agency: agency.id, year: body.year, format: 'json' });
      report = result.report;
      notes = [`由 ${files.length} 份下属单位报告汇总`];
      basis = { from: 'sum', report: null };
    } else {
      let last: { id: number; model: Report } | null = null;
      if (typeof body.from === 'number') last = await readable(request, body.from);
      else if (body.from === undefined) {
        const [before] = await db.select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, agency.id), eq(reports.year, body.year - 1)));
        if (before) last = await readable(request, before.id).catch(() => null);
      }
      ({ report, notes } = draftReport({ agency: agency.name, year: body.year, ...(body.template ? { template: body.template } : {}), last: last?.model ?? null }));
      basis = last ? { from: 'report', report: last.id } : { from: 'blank', report: null };
    }
    const reason = basis.from === 'sum' ? notes[0] : basis.report !== null ? `依据报告 #${basis.report} 新建` : '新建空白报告';
    const stored = await storeDraft(db, report, { author: a.name, scope: a.scope, origin: basis.from === 'sum' ? 'sum' : 'draft', reason });
    if (stored instanceof OutOfScope) throw new ApiError(403, 'out_of_scope', stored.message);
    await audit(db, a, 'report.create', `report:${stored.reportId}`, null, { version: stored.versionId, ...basis });
    const { agencyPath: _, ...made } = (await getReport(db, stored.reportId))!;
    return reply.status(201).send({ ...made, notes, basis });
  });

  app.get('/api/v1/reports/facets', { config: { doc: { summary: '报告列表各筛选项的数量（年度、状态、模板、有无错误）', tag: '报告', access: 'report.read', query: exportQuery } } }, async (request) => {
    const q = parse(exportQuery, request.query);
    if (request.actor) permit(request, 'report.read');
    return facetCounts(db, filterOf(q, request.actor));
  });

  app.get('/api/v1/reports/:id', { config: { doc: { summary: '一份报告：当前版本的模型、检查结果、来源映射', tag: '报告', access: 'report.read', params: id, response: reportResponse } } }, async (request, reply) => {
    // Sent as the store serialized it (reportJson: a version's JSON is kept).
    const r = mayRead(request, await reportJson(db, parse(id, request.params).id));
    return reply.type('application/json; charset=utf-8').send(r.json);
  });

  // The file the report was last read from (an edit keeps it), as it was uploaded.
  app.get('/api/v1/reports/:id/source', { config: { doc: { summary: '报告的原始文件', tag: '报告', access: 'report.read', params: id, produces: 'application/octet-stream' } } }, async (request, reply) => {
    const reportId = parse(id, request.params).id;
    await readable(request, reportId);
    const [row] = await db
      .select({ name: sourceFiles.name, bytes: sourceFiles.bytes })
      .from(reportVersions)
      .innerJoin(sourceFiles, eq(sourceFiles.sha256, reportVersions.sha256))
      .where(eq(reportVersions.reportId, reportId))
      .orderBy(desc(reportVersions.number))
      .limit(1);
    if (!row) throw notFound('报告的原始文件');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(row.bytes));
  });

  // An edit: a new version, checked again; the new findings come back in the same response.
  app.patch('/api/v1/reports/:id', { config: { doc: { summary: '修改单元格、章节文字、元数据：生成新版本并重新检查', tag: '报告', access: 'report.edit', params: id, body: editBody, response: reportResponse } } }, async (request) => {
    const reportId = parse(id, request.params).id;
    const edit = parse(editBody, request.body);
    const { a, r: current } = await changeable(request, reportId, 'report.edit');
    if (current.status !== 'draft' && current.status !== 'returned') throw new ApiError(409, 'not_editable', `报告当前为「${STATUS_ZH[current.status as Status]}」，只有草稿或已退回的报告可以修改`);
    const { read, diagnostics } = applyEdit(current.model, sourceFromJson(current.source), edit);
    const versionId = await storeEdit(db, reportId, read, diagnostics, a.name, edit.reason);
    await audit(db, a, 'report.edit', `report:${reportId}`, { version: current.version.id }, { version: versionId, reason: edit.reason, cells: edit.cells ?? {}, sections: Object.keys(edit.sections ?? {}), meta: edit.meta ?? {} });
    const { agencyPath: _, ...after } = (await getReport(db, reportId))!;
    return after;
  });

  app.get('/api/v1/reports/:id/versions', { config: { doc: { summary: '报告的全部版本', tag: '报告', access: 'report.read', params: id } } }, async (request) => {
    const reportId = parse(id, request.params).id;
    await readable(request, reportId);
    return { items: await listVersions(db, reportId) };
  });

  app.post('/api/v1/reports/:id/status', { config: { doc: { summary: '改变报告状态（附说明）', tag: '审核', access: 'report.submit / report.review', params: id, body: statusBody } } }, async (request) => {
    const reportId = parse(id, request.params).id;
    const body = parse(statusBody, request.body);
    const { a, r: current } = await changeable(request, reportId, body.status === 'submitted' ? 'report.submit' : 'report.review');
    const r = await changeStatus(db, reportId, body.status, body.comment, a.name);
    if ('refused' in r) throw new ApiError(409, 'status_conflict', `报告当前为「${STATUS_ZH[r.refused]}」，不能改为「${STATUS_ZH[body.status]}」`);
    await audit(db, a, 'report.status', `report:${reportId}`, { status: r.from }, { status: body.status, comment: body.comment, version: current.version.id });
    return { status: body.status, from: r.from };
  });

  app.get('/api/v1/reports/:id/comments', { config: { doc: { summary: '报告的意见与状态记录', tag: '审核', access: 'report.read', params: id } } }, async (request) => {
    const reportId = parse(id, request.params).id;
    await readable(request, reportId);
    return { items: await listComments(db, reportId) };
  });
  app.post('/api/v1/reports/:id/comments', { config: { doc: { summary: '对报告、单元格或检查结果提意见', tag: '审核', access: 'report.comment', params: id, body: commentBody, status: 201 } } }, async (request, reply) => {
    const reportId = parse(id, request.params).id;
    const body = parse(commentBody, request.body);
    const { a } = await changeable(request, reportId, 'report.comment');
    const commentId = await addComment(db, reportId, body, a.name);
    await audit(db, a, 'report.comment', `report:${reportId}`, null, { comment: commentId, ...body });
    return reply.status(201).send({ id: commentId });
  });

  // The current version in any writer's format, as `xxgk render` writes it.
  app.get('/api/v1/reports/:id/render', { config: { doc: { summary: '以某种格式输出报告（docx、pdf、html、md、csv、json）', tag: '报告', access: 'report.read', params: id, query: renderQuery, produces: 'application/octet-stream' } } }, async (request, reply) => {
    const reportId = parse(id, request.params).id;
    const { format } = parse(renderQuery, request.query);
    const r = await readable(request, reportId);
    const body = format === 'csv' ? writeReports([r.model], 'csv') : await renderReport(r.model, format);
    return sendFile(reply, format, `${r.agency ?? '报告'}-${r.year ?? ''}.${format}`, body);
  });

  // Many files in one multipart request; each becomes a job of one batch. The answer comes at
  // once (202, the jobs queued: follow them at /imports/:batch or its events), or with ?wait=true
  // when every job has ended (201).
  const running = new Set<Promise<unknown>>();
  // One set of batch workers for every upload: uploads at once share the cores, and none waits for threads to start.
  const workers = new BatchWorkers({ jobs: opts.jobs });
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
    await workers.close();
  });
  app.post('/api/v1/imports', { config: { doc: { summary: '上传报告文件导入（multipart，每个文件一个任务；.zip 压缩包中的每个文件各一个任务）', tag: '导入', access: 'report.import', query: importQuery, multipart: true, status: 202 } } }, async (request, reply) => {
    const actor = permit(request, 'report.import');
    const { wait } = parse(importQuery, request.query);
    if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', '请以 multipart/form-data 上传文件');
    const batch = randomUUID();
    const dir = join(opts.spool, batch);
    await mkdir(dir, { recursive: true });
    const files: ImportFile[] = [];
    let n = 0;
    const spoolPath = () => join(dir, String(n++));
    const used = { bytes: 0, files: 0 };
    // On PostgreSQL the bytes go into the database: the first heldBytes of an upload's files are
    // kept in memory on their way there, not written to the spool, read back and removed (the
    // server's CPU a file 1.6 → 0.4 ms, bench/RESULTS.md 2026-12-07). A zip is expanded from the spool.
    let held = 0;
    try {
      for await (const part of request.files()) {
        const name = safeName(part.filename);
        const zip = isZipName(name);
        const inMemory = opts.queue !== undefined && !zip && held < (opts.heldBytes ?? HELD_BYTES);
        const path = inMemory ? '' : spoolPath();
        const chunks: Buffer[] = [];
        if (inMemory) for await (const c of part.file as AsyncIterable<Buffer>) chunks.push(c);
        else await pipeline(part.file, createWriteStream(path));
        // A file cut at the size limit is refused whole (413), not stored in part.
        if (part.file.truncated) throw new ApiError(413, 'too_large', `文件「${name}」超过 ${MAX_BYTES / 1048576} MB 上限`);
        if (zip) {
          files.push(...(await expandZip(path, name, spoolPath, used, UPLOAD_LIMITS)));
          await rm(path, { force: true });
          continue;
        }
        used.bytes += part.file.bytesRead;
        if (++used.files > MAX_FILES) throw new ApiError(413, 'too_many_files', `一次最多上传 ${MAX_FILES} 个文件（含压缩包中的文件）`);
        if (inMemory) {
          const bytes = Buffer.concat(chunks);
          held += bytes.length;
          files.push({ name, bytes });
        } else files.push({ path, name });
      }
      if (!files.length) throw new ApiError(400, 'no_files', '没有上传任何文件');
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    const importOpts = {
      jobs: opts.jobs,
      workers,
      author: actor.name,
      scope: actor.scope,
      spooled: true,
      stored: (jobs: JobState[]) => auditAll(db, actor, jobs.map((job) => ({ action: 'report.import', target: `report:${job.reportId}`, after: { file: job.file, job: job.id, batch } }))),
      onError: (e: unknown, file: string) => request.log.error({ err: e, file }, 'import store failed'),
    };
    if (opts.queue) {
      // PostgreSQL: the bytes into the database, the jobs onto the queue; any worker takes them.
      const q = await queueImport(db, files, { ...importOpts, inDatabase: true }, batch).finally(() => rm(dir, { recursive: true, force: true }));
      await opts.queue.enqueue(q.jobs.map((j) => j.id));
      if (wait !== 'true') return reply.status(202).send({ batch, jobs: q.jobs });
      for (;;) {
        const jobs = await batchState(db, batch);
        if (jobs.every(ended)) return reply.status(201).send({ batch, jobs });
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const q = await queueImport(db, files, importOpts, batch);
    const run = runImport(db, batch, q.jobs.map((j) => ({ ...j })), files, importOpts)
      .catch((e: unknown) => request.log.error({ err: e, batch }, 'import failed'))
      .finally(() => rm(dir, { recursive: true, force: true }));
    running.add(run);
    void run.finally(() => running.delete(run));
    if (wait === 'true') {
      await run;
      return reply.status(201).send({ batch, jobs: await batchState(db, batch) });
    }
    return reply.status(202).send({ batch, jobs: q.jobs });
  });

  /** A batch its importer (or an admin) may follow. */
  const batchOf = async (request: FastifyRequest) => {
    const a = permit(request, 'report.import');
    const { batch } = parse(batchParams, request.params);
    const jobs = await batchState(db, batch);
    const [first] = await db.select({ author: importJobs.author }).from(importJobs).where(eq(importJobs.batch, batch)).limit(1);
    if (!jobs.length || (a.role !== 'admin' && first?.author !== a.name)) throw notFound('导入批次');
    return { batch, jobs };
  };
  app.get('/api/v1/imports/:batch', { config: { doc: { summary: '导入批次的进度', tag: '导入', access: 'report.import', params: batchParams } } }, async (request) => {
    const { batch, jobs } = await batchOf(request);
    const n = (s: JobState['status']) => jobs.filter((j) => j.status === s).length;
    return { batch, total: jobs.length, queued: n('queued'), reading: n('reading'), stored: n('stored'), failed: n('failed'), jobs };
  });
  // Server-sent events: each job's state as it changes, then `done` when all have ended.
  app.get('/api/v1/imports/:batch/events', { config: { doc: { summary: '导入批次的进度事件（server-sent events）', tag: '导入', access: 'report.import', params: batchParams, produces: 'text/event-stream' } } }, async (request, reply) => {
    // Events are heard from before the jobs are read: one that happens while they are read is sent
    // after them (a job's last word is the newest), not lost between the two.
    const heard: JobState[] = [];
    let heardDone = false;
    const { batch: asked } = parse(batchParams, request.params);
    const hear = (j: JobState) => heard.push(j);
    const hearDone = () => (heardDone = true);
    importEvents.on(asked, hear);
    importEvents.on(`${asked}:done`, hearDone);
    const { batch, jobs } = await batchOf(request).finally(() => {
      importEvents.off(asked, hear);
      importEvents.off(`${asked}:done`, hearDone);
    });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onJob = (j: JobState) => send('job', j);
    const finish = () => {
      importEvents.off(batch, onJob);
      importEvents.off(`${batch}:done`, finish);
      send('done', { batch });
      res.end();
    };
    for (const j of [...jobs, ...heard]) send('job', j);
    if (heardDone || jobs.every(ended)) return finish();
    if (opts.queue) {
      // Workers elsewhere change the jobs: the database says what changed, twice a second.
      const seen = new Map(jobs.map((j) => [j.id, j.status]));
      const poll = setInterval(() => {
        void batchState(db, batch).then((now) => {
          for (const j of now) if (seen.get(j.id) !== j.status && seen.set(j.id, j.status)) send('job', j);
          if (now.every(ended)) {
            clearInterval(poll);
            send('done', { batch });
            res.end();
          }
        }, () => undefined);
      }, 500);
      request.raw.on('close', () => clearInterval(poll));
      return;
    }
    importEvents.on(batch, onJob);
    importEvents.once(`${batch}:done`, finish);
    request.raw.on('close', () => {
      importEvents.off(batch, onJob);
      importEvents.off(`${batch}:done`, finish);
    });
  });

  // ---------------------------------------------------------------- sums and agencies
  /**
   * The engine's sum of chosen reports, or of every report of an agency's subtree for a year (the
   * agency's own report left out), of what the asker may read; `against`: that report compared
   * with the sum (hierarchy-sum). For POST /sum and for a sum saved as a draft (POST /reports).
   */
  const summed = async (request: FastifyRequest, body: z.infer<typeof sumBody>) => {
    if (!body.reports && body.agency === undefined) throw badRequest('请给出 reports（报告编号）或 agency（机关编号）');
    // The reports chosen (each once), or an agency's subtree for the year; in the order of their ids.
    let where = sql`${reports.id} = any(${idArray(body.reports ?? [])})`;
    let name = body.name ?? null;
    if (body.agency !== undefined) {
      const [a] = await db.select().from(agencies).where(eq(agencies.id, body.agency));
      if (!a) throw notFound('机关');
      name ??= a.name;
      where = sql`${reports.year} = ${body.year} and ${agencies.path} like ${`${a.path}%`} and ${reports.agencyId} <> ${a.id}`;
    }
    const opts = { agency: name ?? '汇总', year: body.year, template: versionForYear(body.year) };
    // The JSON of a sum is made from the stored cells (db/cells.ts: one scan, begun beside the
    // heads' query, and the engine's finish); a document (its appendix lists each department's
    // figures) or a comparison with the government's report needs the models, as does a report
    // whose cells do not all fit their columns.
    const fromCells = body.format === 'json' && body.against === undefined ? sumStored(db, opts.template, where) : null;
    // Every report readable by the asker (the first one that is not refused as a GET of it would
    // be), and refused as the engine refuses it, from the heads.
    const selected = await storedHeads(db, where, visibility({ scope: request.actor?.scope ?? null, publishedOnly: !request.actor }), body.year, opts.template);
    const { heads } = selected;
    if (body.reports && heads.length < new Set(body.reports).size) throw notFound('报告');
    if (!heads.length) throw notFound('可汇总的报告');
    if (request.actor) permit(request, 'report.read');
    if (selected.hidden !== null) {
      mayRead(request, await getReport(db, selected.hidden));
      throw notFound('报告');
    }
    const fileOf = (h: { id: number; agencyName: string | null }) => `${h.agencyName ?? '报告'}（#${h.id}）`;
    const refusals = refusalsOf(heads.map((h) => ({ file: fileOf(h), year: h.year })), opts);
    if (refusals.length) throw notSummable(refusals);
    if (fromCells && selected.exact) {
      const cells = await fromCells(heads);
      const files = heads.map(fileOf);
      const result = finishSum(cells, heads.map((h, i) => ({ file: files[i], agency: h.agency, year: h.year, template: h.template })), opts);
      return { result, files, comparison: null, name };
    }
    const ids = heads.map((h) => h.id);
    // The departments in one query a thousand; their source maps are not needed (hierarchy-sum
    // points at the government's cells).
    const found = await currentReports(db, ids);
    if (found.length < ids.length) throw notFound('报告');
    const inputs = found.map((r) => mayRead(request, r)).map((r) => ({ file: fileOf({ id: r.id, agencyName: r.agency }), report: r.model, source: modelSource(r.model, String(r.id)) }));
    const result = sumReports(inputs, opts);
    if (!result.ok) throw notSummable(result.refusals);
    let comparison: Diagnostic[] | null = null;
    if (body.against !== undefined) {
      const gov = await readable(request, body.against);
      comparison = check({ report: gov.model, source: sourceFromJson(gov.source) }, inputs, { rules: ['hierarchy-sum'], governmentReport: true });
    }
    return { result, files: inputs.map((i) => i.file), comparison, name };
  };

  app.post('/api/v1/sum', { config: { doc: { summary: '汇总：所选报告或某机关下属各单位同一年度的报告逐项相加；可与政府报告比对', tag: '汇总', access: 'report.read', body: sumBody } } }, async (request, reply) => {
    const body = parse(sumBody, request.body);
    const { result, files, comparison, name } = await summed(request, body);
    if (body.format !== 'json') {
      const out = await renderReport(result.report, body.format);
      return sendFile(reply, body.format, `${name ?? '汇总'}-${body.year}.${body.format}`, out);
    }
    return sumResponse(result, files, comparison);
  });

  // Every report the list would give (its filters, all pages) as one CSV table, a column per cell.
  app.get('/api/v1/export', { config: { doc: { summary: '导出所选报告为 CSV 或 XLSX：每份报告一行，每个单元格一列（表头为官方标签）', tag: '报告', access: 'report.read', query: exportFormat, produces: 'application/octet-stream' } } }, async (request, reply) => {
    const { format, ...q } = parse(exportFormat, request.query);
    const a = request.actor;
    if (a) permit(request, 'report.read');
    const rows: ExportRow[] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await listReports(db, { ...filterOf(q, a), cursor, limit: 500 });
      const models = await currentModels(db, page.items.map((i) => i.id));
      for (const item of page.items) {
        const model = models.get(item.id);
        if (model) rows.push({ id: item.id, agency: item.agency, year: item.year, status: item.status, model });
      }
      if (page.next === null) break;
      cursor = page.next;
    }
    return format === 'xlsx' ? sendFile(reply, 'xlsx', 'reports.xlsx', await xlsxOf(rows)) : sendFile(reply, 'csv', 'reports.csv', csvOf(rows));
  });

  // Some cells of every report of a year the filter selects: what charts and rankings are drawn from.
  app.get('/api/v1/cells', { config: { doc: { summary: '某年度所筛选各报告的若干单元格数值（图表、排名用）', tag: '报告', access: 'report.read', query: cellsQuery } } }, async (request) => {
    const { year, path, limit, ...q } = parse(cellsQuery, request.query);
    if (request.actor) permit(request, 'report.read');
    const template = versionForYear(year);
    const known = new Set(cellsOf(templateFor(template)).map((c) => c.path));
    const unknown = path.filter((p) => !known.has(p));
    if (unknown.length) throw badRequest(`没有这些单元格（${year} 年度用 ${template} 版表格）：${unknown.join('、')}`);
    const items = await cellValues(db, year, path, conditions({ ...filterOf(q, request.actor), year: undefined }), limit);
    return { year, template, paths: path, items };
  });

  // One cell over the years, for an agency's own reports, with carry-over checked between them.
  app.get('/api/v1/series', { config: { doc: { summary: '某机关某单元格的逐年数值，并检查相邻年度的结转衔接', tag: '报告', access: 'report.read', query: seriesQuery } } }, async (request) => {
    const q = parse(seriesQuery, request.query);
    if (!exportColumns().some((c) => c.path === q.path)) throw badRequest(`没有这个单元格：${q.path}`);
    const ids = await db.select({ id: reports.id }).from(reports).where(eq(reports.agencyId, q.agency)).orderBy(reports.year);
    const points = [];
    const carry = new CarryIndex();
    const carryFindings: { year: number | null; report: number; path: string; message: string }[] = [];
    for (const { id: reportId } of ids) {
      const r = await readable(request, reportId);
      const read = { report: r.model, source: sourceFromJson(r.source) };
      points.push({ year: r.year, report: r.id, value: getCell(r.model, q.path) ?? null });
      for (const f of carry.add(carrySummary(read))) carryFindings.push({ year: r.year, report: r.id, path: f.path, message: f.message });
    }
    return { agency: q.agency, path: q.path, points, carryOver: carryFindings };
  });

  app.get('/api/v1/agencies', { config: { doc: { summary: '机关树（当前账号可见的部分）', tag: '机关', access: 'report.read' } } }, async (request) => {
    const a = permit(request, 'report.read');
    const rows = await db.select().from(agencies).where(a.scope ? sql`${agencies.path} like ${`${a.scope}%`}` : undefined).orderBy(agencies.path);
    return { items: rows.map((r) => ({ id: r.id, parentId: r.parentId, name: r.name, kind: r.kind, regionCode: r.regionCode, path: r.path })) };
  });
  // A new agency, or an existing one placed under a parent (its subtree moves with it).
  app.post('/api/v1/agencies', { config: { doc: { summary: '新建机关或调整上级（管理员）', tag: '机关', access: 'users.manage', body: agencyBody, status: 201 } } }, async (request, reply) => {
    const a = permit(request, 'users.manage');
    const body = parse(agencyBody, request.body);
    const out = await placeAgency(db, body);
    if ('refused' in out) throw out.refused === 'no-parent' ? notFound('上级机关') : new ApiError(409, 'agency_cycle', `不能把「${out.name}」放到它自己或它的下级之下`);
    await audit(db, a, 'agency.place', `agency:${out.id}`, out.before, { name: body.name, parentId: body.parentId, kind: body.kind });
    return reply.status(201).send({ id: out.id, path: out.path });
  });

  // A list of agencies as CSV (名称, 上级, 类型, 区划代码): the whole tree at once, all or nothing.
  app.post('/api/v1/agencies/import', { config: { doc: { summary: '从 CSV 导入机关树（列：名称、上级、类型、区划代码；UTF-8 或 GBK），全部成功或全部不变（管理员）', tag: '机关', access: 'users.manage', consumes: 'text/csv' } } }, async (request) => {
    const a = permit(request, 'users.manage');
    if (!Buffer.isBuffer(request.body)) throw new ApiError(415, 'unsupported_media_type', '请以 text/csv 上传机关列表');
    const parsed = agencyRows(new Uint8Array(request.body));
    if ('error' in parsed) throw new ApiError(400, 'bad_csv', parsed.error);
    const out = await importAgencies(db, parsed.rows);
    if ('refused' in out) throw new ApiError(409, 'agency_conflict', out.refused);
    await audit(db, a, 'agency.import', 'agencies', null, { rows: parsed.rows.length, ...out });
    return out;
  });

  // ---------------------------------------------------------------- accounts
  app.post('/api/v1/session', { config: { doc: { summary: '登录', tag: '账号', access: 'public', body: loginBody } } }, async (request, reply) => {
    const body = parse(loginBody, request.body);
    const secure = request.protocol === 'https';
    const r = await login(db, body.name, body.password, request.ip, reply, secure);
    await audit(db, { id: r.user.id, name: r.user.name } as Actor, 'login', `user:${r.user.id}`);
    return r;
  });
  // With what the account may do and the statuses' graph, so that a client offers only the actions the server will take.
  app.get('/api/v1/session', { config: { doc: { summary: '当前登录的账号、CSRF 令牌、账号的权限、角色的名称与报告状态的流转', tag: '账号', access: 'login' } } }, async (request) => {
    const a = request.actor;
    if (!a) throw new ApiError(401, 'unauthenticated', '未登录');
    const may = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => (PERMISSIONS[p] as readonly string[]).includes(a.role));
    return { user: { id: a.id, name: a.name, role: a.role, roleName: ROLE_ZH[a.role] }, csrf: a.csrf ?? null, may, roles: ROLE_ZH, statuses: STATUS_ZH, transitions: TRANSITIONS };
  });
  app.delete('/api/v1/session', { config: { doc: { summary: '退出登录', tag: '账号', access: 'login', status: 204 } } }, async (request, reply) => {
    await logout(db, request, reply);
    if (request.actor) await audit(db, request.actor, 'logout', `user:${request.actor.id}`);
    return reply.status(204).send();
  });
  // An API token for the command line (`xxgk import --server URL --token T`), shown once.
  app.post('/api/v1/tokens', { config: { doc: { summary: '新建 API 令牌（只显示一次）', tag: '账号', access: 'login', body: tokenBody, status: 201 } } }, async (request, reply) => {
    const a = request.actor;
    if (!a) throw new ApiError(401, 'unauthenticated', '请先登录');
    const body = parse(tokenBody, request.body);
    const t = await createToken(db, a, body.name);
    await audit(db, a, 'token.create', `user:${a.id}`, null, { name: body.name });
    return reply.status(201).send({ token: t });
  });
  app.get('/api/v1/users', { config: { doc: { summary: '账号列表', tag: '账号', access: 'users.manage' } } }, async (request) => {
    permit(request, 'users.manage');
    const rows = await db.select({ id: users.id, name: users.name, role: users.role, agencyId: users.agencyId, createdAt: users.createdAt }).from(users).orderBy(users.id);
    return { items: rows.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })) };
  });
  app.post('/api/v1/users', { config: { doc: { summary: '新建账号', tag: '账号', access: 'users.manage', body: userBody, status: 201 } } }, async (request, reply) => {
    const a = permit(request, 'users.manage');
    const body = parse(userBody, request.body);
    const exists = await db.select({ id: users.id }).from(users).where(eq(users.name, body.name));
    if (exists.length) throw new ApiError(409, 'name_taken', `用户名「${body.name}」已被使用`);
    const userId = await createUser(db, body);
    await audit(db, a, 'user.create', `user:${userId}`, null, { name: body.name, role: body.role, agencyId: body.agencyId });
    return reply.status(201).send({ id: userId });
  });
  // The audit log, newest first; ?format=csv for a spreadsheet.
  app.get('/api/v1/audit', { config: { doc: { summary: '审计日志（json 或 csv）', tag: '审计', access: 'audit.read', query: auditQuery } } }, async (request, reply) => {
    permit(request, 'audit.read');
    const q = parse(auditQuery, request.query);
    const rows = (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(q.limit)).map((r) => ({ ...r, at: r.at.toISOString() }));
    if (q.format === 'json') return { items: rows };
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    const csv = csvTable([['时间', '用户', '操作', '对象', '之前', '之后'], ...rows.map((r) => [r.at, r.userName, r.action, r.target, json(r.before), json(r.after)])]);
    return sendFile(reply, 'csv', 'audit.csv', csv);
  });

  return app;
}

/** A file name as shown and stored: its last path part, without control characters, at most 200 characters. */
export function safeName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || '未命名文件').slice(0, 200);
}
