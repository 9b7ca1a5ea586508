/**
 * The HTTP API (hono): thin handlers over the store's queries and the analysis pipeline,
 * every parameter checked with zod, every error JSON `{ error: { code, message } }`.
 * The same app serves the built web app for every other path. Routes are documented in
 * openapi.ts (GET /api/openapi.json); a test keeps the two in step.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { isHearsayError } from '../../core/errors.ts';
import { htmlToDocument, parsePublishedArg, textToDocument, formatBytes } from '../../ingest/index.ts';
import { dataVersion, type Db } from '../../store/index.ts';
import type { AnalysisService } from './analyzer.ts';
import type { CorpusHandle } from './corpus.ts';
import { ResponseCache } from './cache.ts';
import { ApiError, errorResponse, sendError, zodMessage } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import type { ReadPool } from './read-pool.ts';
import { runRead, type ReadParams, type ReadRoute } from './reads.ts';
import * as P from './params.ts';
import { staticHandler } from './static.ts';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface AppOptions {
  corpus: CorpusHandle;
  analysis: AnalysisService;
  version: string;
  /** The built web app (default dist/web). */
  webDir?: string;
  maxBodyBytes?: number;
  /**
   * Host names the server answers to (the Host header, port aside); requests naming any
   * other host are refused (DNS rebinding). Null: any host (the server was bound to a
   * public address on purpose).
   */
  allowedHosts?: string[] | null;
  /** Where internal errors are reported (default stderr). */
  log?: (line: string) => void;
  /** Bytes of corpus answers to keep (cache.ts); 0 turns the cache off. Default 64 MB. */
  cacheBytes?: number;
  /** Reader threads for the corpus reads (read-pool.ts); without, reads run in this thread. */
  readPool?: ReadPool | null;
}

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** Content-Security-Policy: no inline script or style, nothing from other origins. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/**
 * The body of each corpus read answered, for the response cache to keep: reading it back
 * from the response (`clone().text()`) made the server build a full web Response and a
 * stream for every answer it cached.
 */
const readBodies = new WeakMap<Context, string>();

/** One API route: what the OpenAPI test compares against the document. */
export interface RouteDef { method: 'GET' | 'POST'; path: string }

export const API_ROUTES: readonly RouteDef[] = [
  { method: 'GET', path: '/api/status' },
  { method: 'GET', path: '/api/openapi.json' },
  { method: 'POST', path: '/api/analyze' },
  { method: 'GET', path: '/api/articles' },
  { method: 'GET', path: '/api/articles/:id' },
  { method: 'GET', path: '/api/search' },
  { method: 'GET', path: '/api/speakers' },
  { method: 'GET', path: '/api/speakers/:key' },
  { method: 'GET', path: '/api/timeline' },
  { method: 'GET', path: '/api/disputes' },
];

function query<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw new ApiError(400, 'BAD_REQUEST', zodMessage(r.error, 'parameter'));
  return r.data;
}

/** The host the request was sent to (the Node adapter builds the URL from the Host header). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

export function createApp(opts: AppOptions): Hono {
  const { corpus, analysis } = opts;
  const log = opts.log ?? ((line: string) => process.stderr.write(`hearsay: ${line}\n`));
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const allowed = opts.allowedHosts === undefined ? LOOPBACK_HOSTS : opts.allowedHosts;
  const app = new Hono();

  app.onError((e, c) => errorResponse(c, e, log));

  // Every response is made through the context (c.body, c.json, sendError), so headers set
  // here first are part of it; a handler may replace Cache-Control (analyze: no-store).
  // (Setting them on the finished response instead cost the server's thread a rebuilt
  // header list per answer.)
  app.use('*', async (c, next) => {
    for (const k in SECURITY_HEADERS) c.header(k, SECURITY_HEADERS[k]);
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-cache');
    const host = hostOf(c.req.url);
    if (allowed && !allowed.includes(host)) {
      return sendError(c, 403, 'FORBIDDEN_HOST', `this server answers to ${[...new Set(allowed)].filter((h) => h !== '::1').join(', ')}, not ${JSON.stringify(host)}`);
    }
    await next();
  });

  // answers to corpus reads, kept while the database is unchanged (cache.ts)
  const cache = opts.cacheBytes === 0 ? null : new ResponseCache(opts.cacheBytes);
  if (cache) {
    app.use('/api/*', async (c, next) => {
      if (c.req.method !== 'GET' || c.req.path === '/api/openapi.json') return next();
      const db = corpus.get();
      if (!db) return next();
      const version = dataVersion(db);
      const url = new URL(c.req.url);
      const key = url.pathname + url.search;
      const hit = cache.get(key, db, version);
      if (hit) {
        c.header('Content-Type', hit.type);
        c.header('X-Cache', 'hit');
        return c.body(hit.body);
      }
      await next();
      if (c.res.status !== 200) return;
      const type = c.res.headers.get('content-type') ?? 'application/json';
      // a corpus read's body as the store gave it; other routes' read back from the response
      const body = readBodies.get(c) ?? await c.res.clone().text();
      cache.set(key, db, version, body, type);
      c.res.headers.set('X-Cache', 'miss');
    });
  }

  const needDb = (): Db => {
    const db = corpus.get();
    if (db) return db;
    const where = corpus.path ?? 'hearsay.db';
    throw new ApiError(404, 'NO_CORPUS', `no corpus database at ${where}; create one with: hearsay ingest ARTICLES... --db ${where}`, { db: corpus.path });
  };

  // ------------------------------------------------------------ meta

  app.get('/api/status', async (c) => {
    const db = corpus.get();
    const counts = db ? (opts.readPool ? await opts.readPool.run('stats', {}) : runRead(db, 'stats', {})) : null;
    c.header('Content-Type', 'application/json; charset=UTF-8');
    return c.body(JSON.stringify({
      hearsay: opts.version,
      format: '1',
      corpus: counts ? { path: corpus.path, ...JSON.parse(counts) } : null,
      db: corpus.path,
      analyze: { maxBytes: maxBody, workers: analysis.workers },
    }));
  });

  app.get('/api/openapi.json', (c) => c.json(openApiDocument(opts.version)));

  // ------------------------------------------------------------ analyze

  app.post(
    '/api/analyze',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => sendError(c, 413, 'TOO_LARGE', `the request body is larger than ${formatBytes(maxBody)}`),
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the article as JSON (Content-Type: application/json): { "text": "..." } or { "html": "..." }');
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await c.req.text());
      } catch (e) {
        throw new ApiError(400, 'BAD_JSON', `the body is not valid JSON: ${(e as Error).message}`);
      }
      const parsed = P.analyzeBody.safeParse(raw);
      if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', zodMessage(parsed.error, 'field'));
      const body = parsed.data;
      let published: string | null = null;
      if (body.published) {
        try {
          published = parsePublishedArg(body.published);
        } catch {
          throw new ApiError(400, 'BAD_REQUEST', `published: ${JSON.stringify(body.published)} is not an ISO 8601 date or date-time (like 2024-03-05 or 2024-03-05T09:30:00Z)`);
        }
      }
      const title = body.title?.trim() || null;
      const where = { file: body.text !== undefined ? 'text' : 'html' };
      let doc;
      try {
        doc = body.text !== undefined
          ? textToDocument(body.text, { id: 'pasted', title, published }, { ...where, maxBytes: maxBody })
          : htmlToDocument(body.html!, { id: 'pasted', title, published, file: 'html' }, { maxBytes: maxBody }).doc;
      } catch (e) {
        if (isHearsayError(e)) throw new ApiError(e.code === 'TOO_LARGE' ? 413 : 400, e.code, e.oneLine());
        throw e;
      }
      let result: string;
      try {
        result = await analysis.analyze(doc, { explain: body.explain });
      } catch (e) {
        if (e instanceof ApiError) throw e;
        // the input passed its checks: a failure now is the server's (a model file, a bug)
        log(`analysis failed on ${c.req.method} ${c.req.path}: ${isHearsayError(e) ? e.oneLine() : ((e as Error)?.stack ?? String(e))}`);
        throw new ApiError(500, 'INTERNAL', 'the analysis failed (see the server log)');
      }
      c.header('Cache-Control', 'no-store');
      c.header('Content-Type', 'application/json; charset=UTF-8');
      return c.body(result);
    },
  );

  // ------------------------------------------------------------ corpus

  /** A corpus read (reads.ts): on a reader thread when there are some, else here. */
  const read = async (c: Context, route: ReadRoute, params: ReadParams): Promise<Response> => {
    const db = needDb();
    const body = opts.readPool ? await opts.readPool.run(route, params) : runRead(db, route, params);
    readBodies.set(c, body);
    c.header('Content-Type', 'application/json; charset=UTF-8');
    return c.body(body);
  };

  app.get('/api/articles', (c) => read(c, 'articles', query(c, P.articlesQuery)));

  app.get('/api/articles/:id', (c) => {
    query(c, P.articleQuery);
    const ref = c.req.param('id');
    if (!ref.trim() || ref.length > 2048) throw new ApiError(400, 'BAD_REQUEST', 'id: must be an article id, a content hash (8+ hex digits), a URL or a document id');
    return read(c, 'article', { ref });
  });

  app.get('/api/search', (c) => read(c, 'search', query(c, P.searchQuery)));
  app.get('/api/speakers', (c) => read(c, 'speakers', query(c, P.speakersQuery)));
  app.get('/api/speakers/:key', (c) => read(c, 'speaker', { ...query(c, P.speakerQuery), key: c.req.param('key') }));
  app.get('/api/timeline', (c) => read(c, 'timeline', query(c, P.timelineQuery)));
  app.get('/api/disputes', (c) => read(c, 'disputes', query(c, P.disputesQuery)));

  // ------------------------------------------------------------ everything else

  const patterns = API_ROUTES.map((r) => ({ ...r, re: new RegExp(`^${r.path.replace(/:[a-z]+/g, '[^/]+')}$`) }));
  app.all('/api/*', (c) => {
    const allow = [...new Set(patterns.filter((r) => r.re.test(c.req.path)).map((r) => r.method))];
    if (allow.length) {
      c.header('Allow', allow.includes('GET') ? [...allow, 'HEAD'].join(', ') : allow.join(', '));
      return sendError(c, 405, 'METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${c.req.path} (use ${allow.join(' or ')})`);
    }
    return sendError(c, 404, 'NOT_FOUND', `no API route ${c.req.method} ${c.req.path} (see /api/openapi.json)`);
  });

  const web = staticHandler(opts.webDir);
  app.get('*', (c) => web(c));
  app.all('*', (c) => {
    c.header('Allow', 'GET, HEAD');
    return sendError(c, 405, 'METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${c.req.path}`);
  });
  app.notFound((c) => sendError(c, 404, 'NOT_FOUND', `nothing at ${c.req.path}`));
  return app;
}
