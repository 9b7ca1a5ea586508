/**
 * The built web app (Vite's output directory) served from the same process as the API.
 * Hashed assets are cached for a year; index.html is served for every page route (the
 * app routes in the browser) and never cached. Without a build, every page says how to
 * make one.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { sendError } from './errors.ts';

/** Where `npm run build:web` writes the app. */
export const WEB_DIST = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

export function webBuilt(dir = WEB_DIST): boolean {
  return existsSync(join(dir, 'index.html'));
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hearsay</title></head>
<body><h1>hearsay</h1><p>The web app is not built. Build it with <code>npm run build:web</code> and start
<code>hearsay serve</code> again. The API answers at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;

export function staticHandler(dir = WEB_DIST) {
  const root = normalize(dir.endsWith(sep) ? dir : dir + sep);
  const cache = new Map<string, Uint8Array | null>();
  const read = (file: string): Uint8Array | null => {
    let hit = cache.get(file);
    if (hit === undefined) {
      try {
        hit = statSync(file).isFile() ? readFileSync(file) : null;
      } catch {
        hit = null;
      }
      // files are immutable once built; index.html is re-read so a rebuild shows up
      if (!file.endsWith('index.html')) cache.set(file, hit);
    }
    return hit;
  };
  return (c: Context): Response => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return sendError(c, 400, 'BAD_REQUEST', 'malformed URL');
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || path.includes('\0')) return sendError(c, 404, 'NOT_FOUND', `no such file: ${path}`);
    const isPage = !extname(path) || path.endsWith('/');
    if (!isPage) {
      const body = read(file);
      if (!body) return sendError(c, 404, 'NOT_FOUND', `no such file: ${path}`);
      c.header('Content-Type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
      c.header('Cache-Control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return c.body(body as Uint8Array<ArrayBuffer>);
    }
    // a page: the app decides what to show (and shows its own "not found")
    const index = read(join(root, 'index.html'));
    c.header('Content-Type', TYPES['.html']);
    c.header('Cache-Control', 'no-cache');
    return c.body(index ? (index as Uint8Array<ArrayBuffer>) : NOT_BUILT);
  };
}
