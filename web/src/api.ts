// The one door to the server: the public API under /api/v1 (the same the command line and scripts
// use). Every failure becomes an ApiError with the server's Chinese message, or one of ours when
// the server could not be reached or answered something that is not the API's JSON.
import type { Diagnostic, Report } from '../../src/model/report.ts';
import type { Grid } from '../../src/model/grid.ts';
import type { Template, TemplateVersion } from '../../src/template/types.ts';
import type { JobState } from '../../src/server/job-state.ts';
import type { Match } from '../../src/server/search.ts';
// The server's own error type, on this side of the wire too: a status, a stable code, a Chinese message.
import { ApiError } from '../../src/server/errors.ts';

export type { Diagnostic, Report, Grid, Template, TemplateVersion };
export { ApiError };
export type Role = 'admin' | 'reviewer' | 'editor' | 'viewer';
export type Status = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

export interface User {
  id: number;
  name: string;
  role: Role;
  agencyId?: number | null;
}
/** A search as the server read it: the words (all must appear) and the cells of its conditions. */
export interface Search {
  words: string[];
  cells: string[];
}
export interface ReportSummary {
  id: number;
  agency: string | null;
  agencyId: number | null;
  year: number | null;
  template: TemplateVersion;
  status: Status;
  errors: number;
  warnings: number;
  updatedAt: string;
  /** Where the search's first word is in the report (GET /reports?q=…). */
  match?: Match | null;
}
export interface CellSource {
  status: string;
  raw: string;
  line: number | null;
  page?: number;
  box?: [number, number, number, number];
}
export interface ReportDetail extends ReportSummary {
  version: { id: number; number: number; origin: string; author: string | null; reason: string | null; createdAt: string; sha256: string };
  model: Report;
  findings: Diagnostic[];
  source: { file: string; document: { format: string; layout?: string; messages: unknown[] }; cells: Record<string, CellSource>; [k: string]: unknown };
}
export interface Version {
  id: number;
  number: number;
  origin: string;
  author: string | null;
  reason: string | null;
  createdAt: string;
}
export interface Comment {
  id: number;
  /** comment | status (a status change with its reason) */
  kind: string;
  body: string;
  path: string | null;
  rule: string | null;
  statusFrom: Status | null;
  statusTo: Status | null;
  author: string | null;
  createdAt: string;
}
/** An import job's state, as the server's import jobs keep it. */
export type Job = JobState;
export interface Agency {
  id: number;
  parentId: number | null;
  name: string;
  kind: string;
  regionCode: string | null;
  path: string;
}
export interface TemplateData {
  versions: Record<TemplateVersion, Template>;
  layouts: Record<TemplateVersion, Grid[]>;
}
export type Facets = Record<'year' | 'status' | 'template' | 'hasErrors', Record<string, number>>;

let csrf: string | null = null;
/** The session's CSRF token, from login or from GET /session; every change sends it. */
export const setCsrf = (token: string | null) => (csrf = token);

type Query = Record<string, string | number | boolean | undefined | null | readonly (string | number)[]>;
export const queryString = (q: Query = {}) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined && one !== null && one !== '') p.append(k, String(one));
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** A request of the API with the session's CSRF token; a failure as an ApiError with the server's message. */
async function send(method: string, path: string, body?: unknown, query?: Query): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body instanceof Blob) {
    // Bytes as they are, in their type (an agencies CSV, whose encoding the server decides).
    headers['content-type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${queryString(query)}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'offline', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const text = await res.text();
    let e: { code?: string; message?: string } | undefined;
    try {
      e = text ? (JSON.parse(text) as { error?: { code?: string; message?: string } } | null)?.error : undefined;
    } catch {
      throw new ApiError(res.status, 'bad_response', `服务器返回了无法识别的内容（HTTP ${res.status}）`);
    }
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `请求失败（HTTP ${res.status}）`);
  }
  return res;
}

async function call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const res = await send(method, path, body, query);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, 'bad_response', `服务器返回了无法识别的内容（HTTP ${res.status}）`);
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => call<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, query?: Query) => call<T>('POST', path, body, query),
  patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
  del: <T>(path: string) => call<T>('DELETE', path),
  /** A POST whose answer is a document (a sum as DOCX…), not JSON. */
  postForFile: (path: string, body: unknown) => send('POST', path, body),
};

let template: Promise<TemplateData> | null = null;
/** The template, asked once: every table, label and cell path the pages show comes from it. */
export const getTemplate = () => (template ??= api.get<TemplateData>('/template').catch((e) => ((template = null), Promise.reject(e))));

/** Where a document of the API downloads from (a link, so that the browser saves it). */
export const downloadUrl = (path: string, query?: Query) => `/api/v1${path}${queryString(query)}`;

/** A failure as the user reads it: the server's message, or ours. */
export const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error && /fetch|network/i.test(e.message) ? '无法连接服务器' : '操作失败，请重试');

/** Saves bytes (or what an address gives) as a file named `name`, as a download of the browser's. */
export function saveFile(what: Blob | string, name: string): void {
  const a = document.createElement('a');
  a.href = typeof what === 'string' ? what : URL.createObjectURL(what);
  a.download = name;
  a.click();
  if (typeof what !== 'string') setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
