// The API described as OpenAPI 3.1, built from the routes as they are registered (each with its
// `config.doc`: the same zod schemas its handler validates with, and the model's own schema for
// reports), served at /api/openapi.json and browsable at /api/docs (a page of this server: no
// script or style from elsewhere).
import { z } from 'zod';
import { reportSchema } from '../model/schema.ts';

export interface RouteDoc {
  summary: string;
  tag: string;
  /** The permission it needs (src/server/auth.ts), `login`, or `public`. */
  access: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status (default 200). */
  status?: number;
  produces?: string;
  multipart?: boolean;
  /** A request body that is a file of this type (not JSON). */
  consumes?: string;
}

/** The report as one report's endpoints answer: the current version with its model. */
export const reportResponse = z.object({
  id: z.number().int(),
  agency: z.string().nullable(),
  agencyId: z.number().int().nullable(),
  year: z.number().int().nullable(),
  template: z.string(),
  status: z.enum(['draft', 'submitted', 'returned', 'approved', 'published']),
  errors: z.number().int(),
  warnings: z.number().int(),
  updatedAt: z.string(),
  version: z.object({ id: z.number().int(), number: z.number().int(), origin: z.enum(['import', 'edit']), author: z.string().nullable(), reason: z.string().nullable(), createdAt: z.string(), sha256: z.string().nullable() }),
  model: reportSchema,
  findings: z.array(z.object({ rule: z.string(), severity: z.enum(['error', 'warning', 'info']), message: z.string(), path: z.string(), line: z.number().int().nullable(), page: z.number().int().optional() })),
  source: z.record(z.string(), z.unknown()),
});

const errorSchema = { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string', description: '中文说明' } } } } };

const json = (schema: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** Parameters of a zod object (path or query). */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const s = json(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: p }));
}

export function openApiDocument(routes: { method: string; url: string; doc: RouteDoc }[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, url, doc } of routes) {
    const path = url.replace(/:(\w+)/g, '{$1}');
    const ok = String(doc.status ?? 200);
    const content = doc.produces ? { [doc.produces]: {} } : doc.response ? { 'application/json': { schema: json(doc.response) } } : { 'application/json': {} };
    (paths[path] ??= {})[method.toLowerCase()] = {
      summary: doc.summary,
      tags: [doc.tag],
      description: `权限：${doc.access}`,
      parameters: [...parameters(doc.params, 'path'), ...parameters(doc.query, 'query')],
      ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(doc.body) } } } } : {}),
      ...(doc.consumes ? { requestBody: { required: true, content: { [doc.consumes]: { schema: { type: 'string' } } } } } : {}),
      ...(doc.multipart ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } } } : {}),
      responses: {
        [ok]: { description: '成功', ...(ok === '204' ? {} : { content }) },
        '4XX': { description: '请求有误、未登录、无权限或不存在', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'xxgk 政府信息公开工作台 API', version: '1', description: '报告的导入、检查、修改、审核、输出；错误均为 { error: { code, message } }，message 为中文。' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xxgk_session' }, token: { type: 'http', scheme: 'bearer' } } },
    security: [{ session: [] }, { token: [] }, {}],
    paths,
  };
}

/** /api/docs: the document as a page, drawn in the browser from /api/openapi.json. */
export function docsPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>xxgk API</title>
<style>body{font:14px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:960px;padding:0 1em}h2{border-bottom:1px solid #ccc}code{background:#f4f4f4;padding:0 .3em}.m{display:inline-block;min-width:4.5em;font-weight:bold}details{margin:.3em 0}pre{background:#f8f8f8;padding:.5em;overflow:auto;max-height:24em}</style></head>
<body><h1>xxgk 工作台 API</h1><p>机器可读的描述：<a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI 3.1）</p><div id="api">正在加载……</div>
<script>
fetch('/api/openapi.json').then(r => r.json()).then(doc => {
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push([m, path, op]);
  const root = document.getElementById('api'); root.textContent = '';
  for (const [tag, ops] of Object.entries(byTag)) {
    const h = document.createElement('h2'); h.textContent = tag; root.append(h);
    for (const [m, path, op] of ops) {
      const d = document.createElement('details'); const s = document.createElement('summary');
      const b = document.createElement('span'); b.className = 'm'; b.textContent = m.toUpperCase();
      const c = document.createElement('code'); c.textContent = path;
      s.append(b, c, ' ' + op.summary + '（' + op.description + '）'); d.append(s);
      const pre = document.createElement('pre'); pre.textContent = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2); d.append(pre);
      root.append(d);
    }
  }
}, () => { document.getElementById('api').textContent = '无法加载 API 描述，请刷新重试'; });
</script></body></html>`;
}
