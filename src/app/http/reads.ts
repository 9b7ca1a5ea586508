/**
 * The corpus reads behind the API's GET routes: parameters already checked (params.ts)
 * in, the JSON text of the answer out. Plain functions of an open database, so they run
 * the same in the server's thread or in a reader thread (read-pool.ts) with a connection
 * of its own. Refusals are thrown as ApiError / HearsayError.
 */
import {
  analysisJson, articles, disputes, entityExists, findArticle, findSpeakers, resolveSpeaker, search, speakerActivity, speakerProfile, speakers,
  stats, statementLinks, timeline, type Db, type SpeakerRef, type SpeakerSelector,
} from '../../store/index.ts';
import { speakerDisputes } from './aggregates.ts';
import { ApiError } from './errors.ts';
import { parseSpeakerKey, speakerKey } from './keys.ts';

export type ReadRoute = 'stats' | 'articles' | 'article' | 'search' | 'speakers' | 'speaker' | 'timeline' | 'disputes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReadParams = Record<string, any>;

function withKey<T extends SpeakerRef>(s: T | null): (T & { key: string }) | null {
  return s ? { ...s, key: speakerKey(s) } : null;
}

/** `who`: a speaker key ("12", "anon:french official") or a name the corpus resolves to one source. */
function speakerArg(db: Db, who: string | undefined): SpeakerSelector | undefined {
  if (who === undefined) return undefined;
  const key = parseSpeakerKey(who);
  if (key && 'entity' in key) {
    if (!entityExists(db, key.entity)) throw new ApiError(400, 'BAD_REQUEST', `who: no source with id ${key.entity}`);
    return key;
  }
  if (key) return key;
  const r = resolveSpeaker(db, who);
  if (r.kind === 'none') throw new ApiError(400, 'BAD_REQUEST', `who: no source matches ${JSON.stringify(who)}`);
  if (r.kind === 'ambiguous') {
    const candidates = r.candidates.slice(0, 20).map((s) => ({ ...s, key: speakerKey(s) }));
    const list = candidates.slice(0, 5).map((s) => `${s.name} (${s.key})`).join(', ');
    throw new ApiError(400, 'AMBIGUOUS', `who: ${JSON.stringify(who)} could be ${r.candidates.length} sources: ${list}; use a full name or a key`, { candidates });
  }
  return r.speaker.id !== null ? { entity: r.speaker.id } : { group: r.speaker.group! };
}

const json = JSON.stringify;

export function runRead(db: Db, route: ReadRoute, p: ReadParams): string {
  switch (route) {
    case 'stats':
      return json(stats(db));
    case 'articles':
      return json({ ...articles(db, p), limit: p.limit, offset: p.offset });
    case 'article': {
      const article = findArticle(db, p.ref);
      const a = article && analysisJson(db, article.id);
      if (!article || !a) throw new ApiError(404, 'NOT_FOUND', `no article ${json(p.ref)} in the corpus`);
      // each statement's row in the corpus and the corpus source it joined
      const links: Record<string, { id: number; speaker: ReturnType<typeof withKey> }> = {};
      for (const [local, s] of statementLinks(db, article.id)) links[local] = { id: s.id, speaker: withKey(s.speaker) };
      // the stored analysis goes out as stored: no parsing and printing it again
      return `{"article":${json(article)},"analysis":${a},"statements":${json(links)}}`;
    }
    case 'search': {
      const r = search(db, p.q, { limit: p.limit, offset: p.offset, from: p.from, to: p.to, act: p.act, anonymous: p.anonymous, speaker: speakerArg(db, p.who) });
      return json({ ...r, limit: p.limit, offset: p.offset });
    }
    case 'speakers': {
      if (p.q !== undefined) {
        const found = findSpeakers(db, p.q, 200)
          .filter((s) => (p.anonymous === undefined || s.anonymous === p.anonymous) && (!p.type || s.type === p.type));
        const page = found.slice(p.offset, p.offset + p.limit).map((s) => ({ ...s, key: speakerKey(s) }));
        return json({ speakers: page, hasMore: found.length > p.offset + p.limit, limit: p.limit, offset: p.offset });
      }
      const r = speakers(db, { limit: p.limit, offset: p.offset, anonymous: p.anonymous, type: p.type });
      return json({ speakers: r.speakers.map((s) => ({ ...s, key: speakerKey(s) })), hasMore: r.hasMore, limit: p.limit, offset: p.offset });
    }
    case 'speaker': {
      const sel = parseSpeakerKey(p.key);
      if (!sel) throw new ApiError(400, 'BAD_REQUEST', `key: ${json(p.key)} is not a speaker key (a number, or anon: and a description)`);
      const prof = speakerProfile(db, sel, { limit: p.limit, offset: p.offset, from: p.from, to: p.to });
      if (!prof) throw new ApiError(404, 'NOT_FOUND', `no source ${json(p.key)} in the corpus`);
      return json({
        speaker: { ...prof.speaker, key: speakerKey(prof.speaker) },
        statements: prof.statements,
        hasMore: prof.hasMore,
        limit: p.limit,
        offset: p.offset,
        activity: speakerActivity(db, sel),
        disputes: speakerDisputes(db, sel),
      });
    }
    case 'timeline': {
      const r = timeline(db, { limit: p.limit, offset: p.offset, from: p.from, to: p.to, act: p.act, anonymous: p.anonymous, speaker: speakerArg(db, p.who) });
      return json({ ...r, limit: p.limit, offset: p.offset });
    }
    case 'disputes': {
      const r = disputes(db, { limit: p.limit, offset: p.offset, from: p.from, to: p.to, speaker: speakerArg(db, p.who) });
      return json({ ...r, limit: p.limit, offset: p.offset });
    }
  }
}
