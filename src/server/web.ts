// The web app's files (web/, built by Vite into dist/web at install time) served at `/`, and the
// template's tables as the app draws them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { blankReport } from '../model/blank.ts';
import { TEMPLATES, type TemplateVersion } from '../template/index.ts';
import { gridsOf, type Grid } from '../write/grid.ts';

/** Two levels up from src/server or dist/server: the package's root, then its built web app. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * A page may load the app's own scripts and styles only. antd writes its styles at run time
 * (CSS-in-JS), hence `style-src 'unsafe-inline'`; pdf.js draws from blobs in a worker of its own.
 */
const APP_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Each template version's tables as printed: the writers' grids of a blank report (value cells carry their path and no text). */
export function templateLayouts(): Record<TemplateVersion, Grid[]> {
  return Object.fromEntries(Object.keys(TEMPLATES).map((v) => [v, gridsOf(blankReport(v as TemplateVersion))])) as Record<TemplateVersion, Grid[]>;
}

/** Serves the built app's assets; returns the handler that answers any page of it (its index.html). */
export async function registerWebApp(app: FastifyInstance): Promise<(reply: FastifyReply) => FastifyReply> {
  if (!existsSync(WEB_ROOT)) {
    return (reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>xxgk</title><p>网页未构建：请在项目目录运行 <code>npm run build</code>（<code>npm ci</code> 时会自动构建）。接口在 <a href="/api/docs">/api/docs</a>。</p>');
  }
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    wildcard: false,
    index: false,
    cacheControl: false,
    // Vite names the bundles by their content: they never change under a name.
    setHeaders: (res, path) => res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  // pdf.js in the page draws the source PDFs: the character maps and standard fonts of its own package.
  const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  for (const dir of ['cmaps', 'standard_fonts']) await app.register(fastifyStatic, { root: join(pdfjs, dir), prefix: `/pdfjs/${dir}/`, decorateReply: false, wildcard: false, index: false });
  return (reply) => reply.header('content-security-policy', APP_POLICY).header('cache-control', 'no-cache').sendFile('index.html');
}
