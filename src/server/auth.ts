// Accounts: who is asking (a session cookie, or an API token for the command line), what each
// role may do (PERMISSIONS, the one table the handlers and the permission-matrix test read), and
// over which agencies (an account's subtree). Sessions are HttpOnly SameSite cookies, Secure behind
// TLS; a change made with a cookie must carry the session's CSRF token in `x-csrf-token`.
import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt } from 'drizzle-orm';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.ts';
import { agencies, apiTokens, auditLog, sessions, users } from '../db/schema.ts';
import { ApiError } from './errors.ts';
import { hashPassword, newPassword, verifyPassword } from './passwords.ts';

export const ROLES = ['admin', 'reviewer', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, within its subtree of agencies. Reading published reports needs no account. */
export const PERMISSIONS = {
  'report.read': ['admin', 'reviewer', 'editor', 'viewer'],
  'report.import': ['admin', 'editor'],
  'report.edit': ['admin', 'editor'],
  /** draft / returned → submitted */
  'report.submit': ['admin', 'editor'],
  /** submitted → returned / approved, approved → published / returned, published → approved */
  'report.review': ['admin', 'reviewer'],
  'report.comment': ['admin', 'reviewer', 'editor'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export interface Actor {
  id: number;
  name: string;
  role: Role;
  /** `/1/7/`: the agencies at and below this path; null: every agency. */
  scope: string | null;
  via: 'session' | 'token';
  csrf?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'xxgk_session';
const SESSION_HOURS = 12;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const token = () => randomBytes(32).toString('base64url');

async function scopeOf(db: Db, agencyId: number | null): Promise<string | null> {
  if (agencyId === null) return null;
  const [a] = await db.select({ path: agencies.path }).from(agencies).where(eq(agencies.id, agencyId));
  // An account whose agency is gone sees nothing rather than everything.
  return a?.path ?? '/none/';
}

/**
 * Who a token or a session is, remembered for a few seconds: the token's row, the agency's path and
 * the token's last use were three queries in every request, most of a small GET's time on the
 * embedded database (6.9 ms a GET of one report, of which /healthz-like work 0.8 ms, measured in
 * one process). A logout here forgets at once; a change made by another server process (on
 * PostgreSQL) is seen after IDENTITY_TTL_MS at most.
 */
const IDENTITY_TTL_MS = 10_000;
const known = new Map<string, { actor: Actor; until: number }>();

function remember(key: string, actor: Actor, until: number): Actor {
  if (known.size >= 10_000) known.clear();
  known.set(key, { actor, until });
  return actor;
}

/** The actor of a request, from its bearer token or its session cookie (null: anonymous). */
export async function identify(db: Db, request: FastifyRequest): Promise<Actor | null> {
  const auth = request.headers.authorization;
  const now = Date.now();
  if (auth?.startsWith('Bearer ')) {
    const key = `t:${hash(auth.slice(7).trim())}`;
    const seen = known.get(key);
    if (seen && seen.until > now) return seen.actor;
    const [row] = await db.select({ u: users, t: apiTokens.id }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.tokenHash, key.slice(2)));
    if (!row) throw new ApiError(401, 'bad_token', 'API 令牌无效或已撤销');
    // Its last use, to the TTL: written when the token is looked up again, not at every request.
    void db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.t)).catch(() => {});
    return remember(key, { id: row.u.id, name: row.u.name, role: row.u.role as Role, scope: await scopeOf(db, row.u.agencyId), via: 'token' }, now + IDENTITY_TTL_MS);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const key = `s:${hash(cookie)}`;
  const seen = known.get(key);
  if (seen && seen.until > now) return seen.actor;
  const [row] = await db.select({ u: users, s: sessions }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(and(eq(sessions.tokenHash, key.slice(2)), gt(sessions.expiresAt, new Date(now))));
  if (!row) return null;
  const actor: Actor = { id: row.u.id, name: row.u.name, role: row.u.role as Role, scope: await scopeOf(db, row.u.agencyId), via: 'session', csrf: row.s.csrf };
  return remember(key, actor, Math.min(now + IDENTITY_TTL_MS, row.s.expiresAt.getTime()));
}

/** A change made with a session cookie must name the session's CSRF token (a form on another site cannot). */
export function checkCsrf(request: FastifyRequest): void {
  const a = request.actor;
  if (!a || a.via !== 'session' || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
  if (request.headers['x-csrf-token'] !== a.csrf) throw new ApiError(403, 'csrf', '缺少或错误的 CSRF 令牌（请求头 x-csrf-token）');
}

/** Throws 401 (not logged in) or 403 (the role may not) unless the actor may do `what`. */
export function permit(request: FastifyRequest, what: Permission): Actor {
  const a = request.actor;
  if (!a) throw new ApiError(401, 'unauthenticated', '请先登录');
  if (!(PERMISSIONS[what] as readonly Role[]).includes(a.role)) throw new ApiError(403, 'forbidden', `当前账号（${ROLE_ZH[a.role]}）无权执行此操作`);
  return a;
}

/** Whether an agency (by its path; null: a report without one) lies in the actor's subtree. */
export const inScope = (a: Actor, agencyPath: string | null) => a.scope === null || (agencyPath !== null && agencyPath.startsWith(a.scope));

export const ROLE_ZH: Record<Role, string> = { admin: '管理员', reviewer: '审核人', editor: '编辑', viewer: '查看者' };

// ------------------------------------------------------------------ login, with limits

const LOCK_AFTER = 5;
const LOCK_MINUTES = 15;
/** Failed logins per address in a window, kept in this process (a store-wide lockout is per account). */
const byAddress = new Map<string, { n: number; since: number }>();
const ADDRESS_LIMIT = 20;
const WINDOW_MS = 10 * 60_000;

export async function login(db: Db, name: string, password: string, address: string, reply: FastifyReply, secure: boolean) {
  const now = Date.now();
  const seen = byAddress.get(address);
  if (seen && now - seen.since < WINDOW_MS && seen.n >= ADDRESS_LIMIT) throw new ApiError(429, 'too_many_attempts', '登录失败次数过多，请 10 分钟后再试');
  const [u] = await db.select().from(users).where(eq(users.name, name));
  if (u?.lockedUntil && u.lockedUntil.getTime() > now) throw new ApiError(429, 'locked', `该账号因多次密码错误已锁定，请 ${Math.ceil((u.lockedUntil.getTime() - now) / 60_000)} 分钟后再试`);
  const ok = u ? await verifyPassword(password, u.passwordHash) : await hashPassword(password).then(() => false);
  if (!u || !ok) {
    byAddress.set(address, seen && now - seen.since < WINDOW_MS ? { n: seen.n + 1, since: seen.since } : { n: 1, since: now });
    if (u) {
      const failed = u.failedLogins + 1;
      await db.update(users).set({ failedLogins: failed, lockedUntil: failed >= LOCK_AFTER ? new Date(now + LOCK_MINUTES * 60_000) : null }).where(eq(users.id, u.id));
    }
    throw new ApiError(401, 'bad_credentials', '用户名或密码错误');
  }
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
  const t = token();
  const csrf = token();
  await db.insert(sessions).values({ tokenHash: hash(t), userId: u.id, csrf, expiresAt: new Date(now + SESSION_HOURS * 3600_000) });
  reply.setCookie(SESSION_COOKIE, t, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_HOURS * 3600 });
  return { user: { id: u.id, name: u.name, role: u.role, agencyId: u.agencyId }, csrf };
}

export async function logout(db: Db, request: FastifyRequest, reply: FastifyReply) {
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    known.delete(`s:${hash(cookie)}`);
    await db.delete(sessions).where(eq(sessions.tokenHash, hash(cookie)));
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function createToken(db: Db, actor: Actor, name: string): Promise<string> {
  const t = `xxgk_${token()}`;
  await db.insert(apiTokens).values({ userId: actor.id, name, tokenHash: hash(t) });
  return t;
}

export async function createUser(db: Db, u: { name: string; password: string; role: Role; agencyId: number | null }) {
  const [row] = await db.insert(users).values({ name: u.name, passwordHash: await hashPassword(u.password), role: u.role, agencyId: u.agencyId }).returning({ id: users.id });
  return row.id;
}

/** On a store with no account: an admin of everything with a new password, returned to be printed once. */
export async function ensureAdmin(db: Db): Promise<string | null> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return null;
  const password = newPassword();
  await createUser(db, { name: 'admin', password, role: 'admin', agencyId: null });
  return password;
}

/** One entry of the audit log. */
/** Who did it, as the log keeps it. */
type Who = { id: number | null; name: string | null } | null;

export async function audit(db: Db, actor: Who, action: string, target: string | null, before: unknown = null, after: unknown = null): Promise<void> {
  await auditAll(db, actor, [{ action, target, before, after }]);
}

/** Entries of one actor in one statement (an import's reports, a group at a time). */
export async function auditAll(db: Db, actor: Who, entries: { action: string; target: string | null; before?: unknown; after?: unknown }[]): Promise<void> {
  if (entries.length) await db.insert(auditLog).values(entries.map((e) => ({ userId: actor?.id ?? null, userName: actor?.name ?? null, action: e.action, target: e.target, before: e.before ?? null, after: e.after ?? null })));
}
