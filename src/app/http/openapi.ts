/**
 * The API's OpenAPI 3.1 document, served at GET /api/openapi.json. Query parameters are
 * generated from the same zod schemas that validate them (params.ts); the analysis is the
 * contract's own JSON Schema (contract/analysis.schema.json); the other shapes are
 * written out here from the store's types.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import * as P from './params.ts';

const CONTRACT = JSON.parse(readFileSync(new URL('../../../contract/analysis.schema.json', import.meta.url), 'utf8'));

const PARAM_DOCS: Record<string, string> = {
  limit: `page size, 1 to ${P.MAX_PAGE} (default 20)`,
  offset: 'rows to skip (paging; default 0)',
  from: 'on or after this date (YYYY-MM-DD, YYYY-MM or YYYY); statements: the day they were made, articles: the publication day',
  to: 'on or before this date (a month or year covers all of it)',
  q: 'words to find (all must match, stemmed); "a phrase", OR, NOT, NEAR(a b) and prefix* also work',
  who: 'a source: a speaker key (12, anon:french official) or a name the corpus resolves to one source ("Dmitry Peskov"); an ambiguous name is a 400 AMBIGUOUS error listing the candidates',
  anonymous: 'true: only anonymous sources; false: only the others (named, or described but not anonymous: "the poll")',
  act: 'only this speech act',
  type: 'only this entity type',
};

function queryParams(schema: z.ZodType, docs: Record<string, string> = {}): object[] {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    description: docs[name] ?? PARAM_DOCS[name],
    schema: s,
  }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const nullable = (type: string) => ({ type: [type, 'null'] });
const errors = (...codes: number[]) => {
  const text: Record<number, string> = {
    400: 'bad parameters (the message says which and why)',
    404: 'not found; NO_CORPUS when the server has no corpus database yet',
    413: 'the body is over the size limit',
    415: 'the body is not JSON',
    503: 'too many analyses waiting',
  };
  return Object.fromEntries([...codes, 500].map((c) => [String(c), json(ref('Error'), text[c] ?? 'internal error (no details are given out)')]));
};
const paged = (field: string, item: object) => ({
  type: 'object',
  required: [field, 'hasMore'],
  properties: { [field]: { type: 'array', items: item }, hasMore: { type: 'boolean' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
});

const SCHEMAS = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', examples: ['BAD_REQUEST', 'NOT_FOUND', 'NO_CORPUS', 'AMBIGUOUS', 'TOO_LARGE', 'EMPTY', 'INTERNAL'] },
          message: { type: 'string', description: 'one line a person can act on' },
          candidates: { type: 'array', items: ref('Speaker'), description: 'AMBIGUOUS only: the sources the name could mean' },
        },
      },
    },
  },
  Analysis: CONTRACT,
  ArticleRef: {
    type: 'object',
    required: ['id', 'docId', 'title', 'url', 'publisher', 'published'],
    properties: { id: { type: 'integer' }, docId: { type: 'string' }, title: nullable('string'), url: nullable('string'), publisher: nullable('string'), published: nullable('string') },
  },
  Article: {
    allOf: [ref('ArticleRef')],
    type: 'object',
    properties: {
      hash: { type: 'string' }, author: nullable('string'), day: nullable('string'), sourceFile: { type: 'string' }, sourceItem: nullable('string'),
      ingestedAt: { type: 'string' }, statements: { type: 'integer' }, entities: { type: 'integer' },
    },
  },
  SpeakerRef: {
    type: 'object',
    required: ['id', 'group', 'name', 'type', 'anonymous'],
    description: 'a corpus entity (id set), or every anonymous source with one description (id null, group set)',
    properties: { id: nullable('integer'), group: nullable('string'), name: { type: 'string' }, type: { type: 'string' }, anonymous: { type: 'boolean' }, key: { type: 'string', description: 'for /api/speakers/{key}' } },
  },
  Speaker: {
    allOf: [ref('SpeakerRef')],
    type: 'object',
    properties: {
      statements: { type: 'integer' }, articles: { type: 'integer' }, sources: { type: 'integer', description: 'anonymous groups: how many separate sources' },
      titles: { type: 'array', items: { type: 'string' } }, firstSeen: nullable('string'), lastSeen: nullable('string'), key: { type: 'string' },
    },
  },
  Statement: {
    type: 'object',
    required: ['id', 'article', 'localId', 'type', 'act', 'quote', 'cue', 'source', 'time', 'date', 'dateSource', 'confidence'],
    properties: {
      id: { type: 'integer' },
      article: ref('ArticleRef'),
      localId: { type: 'string', description: "the statement's id in the article's analysis (s1, s2, ...)" },
      type: { enum: ['direct', 'indirect', 'mixed'] },
      act: { type: 'string' },
      quote: { type: 'string' },
      cue: nullable('string'),
      source: { type: 'object', properties: { mention: nullable('string'), speaker: { oneOf: [ref('SpeakerRef'), { type: 'null' }] } } },
      time: { oneOf: [{ type: 'object', properties: { text: { type: 'string' }, value: nullable('string') } }, { type: 'null' }] },
      date: { ...nullable('string'), description: "when it was said: the statement's own date, else the article's publication day" },
      dateSource: { enum: ['statement', 'published', null] },
      confidence: { type: 'number' },
      score: { type: 'number', description: 'search only: bm25, lower is better' },
    },
  },
  Dispute: {
    type: 'object',
    required: ['type', 'article', 'from', 'to'],
    properties: { type: { enum: ['denies', 'disputes'] }, article: ref('ArticleRef'), from: { ...ref('Statement'), description: 'the statement that denies ...' }, to: { ...ref('Statement'), description: '... this one' } },
  },
};

const cache = new Map<string, object>();

/** The document for this version (built once: it is the same for every request). */
export function openApiDocument(version: string): object {
  let doc = cache.get(version);
  if (!doc) cache.set(version, (doc = buildDocument(version)));
  return doc;
}

function buildDocument(version: string): object {
  const get = (summary: string, params: object[], ok: object, errs: number[], description?: string) => ({
    get: { summary, ...(description ? { description } : {}), parameters: params, responses: { 200: json(ok), ...errors(...errs) } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'hearsay',
      version,
      description: 'Who said what, to whom, when — and who denies it. Analyse an article, or query a corpus built with `hearsay ingest`. ' +
        'Every error is JSON `{ "error": { "code", "message" } }`.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/status': get('version, corpus statistics (null without a corpus) and limits', [], {
        type: 'object',
        properties: { hearsay: { type: 'string' }, format: { const: '1' }, corpus: { type: ['object', 'null'] }, db: nullable('string'), analyze: { type: 'object' } },
      }, []),
      '/api/openapi.json': get('this document', [], { type: 'object' }, []),
      '/api/analyze': {
        post: {
          summary: 'analyse one article (not stored)',
          description: 'The body is JSON with exactly one of `text` (plain text, kept exactly) or `html` (a page, reduced to its article text). ' +
            '`published` (ISO 8601) is what relative dates resolve against; `explain` adds the rule ids behind each statement. ' +
            'Bodies over the size limit (2 MB by default) are refused with 413.',
          requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(P.analyzeBody, { io: 'input', unrepresentable: 'any' }) } } },
          responses: { 200: json(ref('Analysis'), 'the analysis, in the contract format'), ...errors(400, 413, 415, 503) },
        },
      },
      '/api/articles': get('articles, newest first', queryParams(P.articlesQuery), paged('articles', ref('Article')), [400, 404]),
      '/api/articles/{id}': {
        get: {
          summary: "one article: its metadata, its stored analysis, and each statement's corpus row and source",
          parameters: [{ name: 'id', in: 'path', required: true, description: 'article id, content hash (8+ hex digits), URL or document id', schema: { type: 'string' } }],
          responses: {
            200: json({
              type: 'object',
              required: ['article', 'analysis', 'statements'],
              properties: {
                article: ref('Article'),
                analysis: ref('Analysis'),
                statements: { type: 'object', description: 'by statement id (s1, ...): its corpus id and corpus source', additionalProperties: { type: 'object', properties: { id: { type: 'integer' }, speaker: { oneOf: [ref('SpeakerRef'), { type: 'null' }] } } } },
              },
            }),
            ...errors(400, 404),
          },
        },
      },
      '/api/search': get('statements whose words match, best first (bm25)', queryParams(P.searchQuery), {
        ...paged('statements', ref('Statement')),
        properties: { ...paged('statements', ref('Statement')).properties, query: { type: 'string', description: 'the full-text query that ran' } },
      }, [400, 404]),
      '/api/speakers': get('sources, most quoted first; anonymous sources grouped by description', queryParams(P.speakersQuery, { q: 'find sources by name or description instead (best match first)' }), paged('speakers', ref('Speaker')), [400, 404]),
      '/api/speakers/{key}': {
        get: {
          summary: "a source's profile, statements (newest first, paged), statements per month, and whom they dispute",
          parameters: [
            { name: 'key', in: 'path', required: true, description: 'a speaker key: the entity id, or anon: and a description', schema: { type: 'string' } },
            ...queryParams(P.speakerQuery),
          ],
          responses: {
            200: json({
              type: 'object',
              properties: {
                speaker: { allOf: [ref('Speaker')], properties: { aliases: { type: 'array' }, titleCounts: { type: 'array' } } },
                statements: { type: 'array', items: ref('Statement') },
                hasMore: { type: 'boolean' },
                activity: { type: 'object', properties: { months: { type: 'array', items: { type: 'object', properties: { month: { type: 'string' }, count: { type: 'integer' } } } }, undated: { type: 'integer' } } },
                disputes: {
                  type: 'object',
                  description: "the source's disputes: the newest ten (all of them: GET /api/disputes?who=KEY), how many in all, and who is on the other side of all of them",
                  properties: {
                    items: { type: 'array', items: ref('Dispute'), description: 'the newest ten, both statements of each' },
                    total: { type: 'integer', description: 'how many disputes the source is on either side of' },
                    counterparts: {
                      type: 'array',
                      description: 'the sources on the other side of all the disputes, most frequent first (an anonymous group as one)',
                      items: { type: 'object', properties: { speaker: {}, key: nullable('string'), disputes: { type: 'integer', description: 'how often this source denies or disputes that one' }, disputedBy: { type: 'integer', description: 'how often that one denies or disputes this source' } } },
                    },
                    hasMore: { type: 'boolean', description: 'more than the items listed' },
                  },
                },
              },
            }),
            ...errors(400, 404),
          },
        },
      },
      '/api/timeline': get('statements by the date they were made, oldest first (undated ones left out)', queryParams(P.timelineQuery), paged('statements', ref('Statement')), [400, 404]),
      '/api/disputes': get('who denies whom: both statements of each denial, newest first', queryParams(P.disputesQuery), paged('disputes', ref('Dispute')), [400, 404]),
    },
    components: { schemas: SCHEMAS },
  };
}
