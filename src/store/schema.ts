/**
 * The corpus schema, as an ordered list of migrations. `PRAGMA user_version` holds the
 * number of migrations applied; opening a database applies the missing ones in one
 * transaction each. Never edit a released migration: add a new one.
 */

import type Database from 'better-sqlite3';
import { initialBase } from './names.ts';
import { CorpusWriter } from './writer.ts';

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Work SQL alone cannot do (run after `sql`, in the same transaction). */
  up?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'articles, statements, corpus entities, relations, full-text index',
    sql: `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per article version kept. 'id' is stable: a new version of the same URL (or
-- the same single-article file when there is no URL) keeps the id of the old one.
CREATE TABLE articles (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  hash         TEXT NOT NULL UNIQUE,          -- sha256 of document.text (contentHash)
  key          TEXT UNIQUE,                    -- url, else file:<path> for one-article files, else null
  doc_id       TEXT NOT NULL,                  -- document.id of the analysis
  url          TEXT,
  title        TEXT,
  publisher    TEXT,
  author       TEXT,
  published    TEXT,                           -- ISO 8601 as in the analysis, or null
  day          TEXT,                           -- YYYY-MM-DD of 'published', or null
  source_file  TEXT NOT NULL,
  source_item  TEXT,                           -- 'line 7', 'item 3', or null
  ingested_at  TEXT NOT NULL,                  -- ISO 8601 UTC
  n_statements INTEGER NOT NULL,
  n_entities   INTEGER NOT NULL,
  analysis     BLOB NOT NULL                   -- the contract JSON, deflated (zlib)
);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_doc_id ON articles(doc_id);

-- Corpus entities: one row per real-world referent across articles (named people and
-- organisations merged by name), or per anonymous source (never merged).
CREATE TABLE entities (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL,                  -- 'person' (full name), 'surname' (one-word person name), 'named', 'anonymous'
  key          TEXT,                           -- merge key (normalised name); null for anonymous
  surname      TEXT,                           -- normalised last name of a person
  grp          TEXT,                           -- anonymous: normalised description ('french official')
  type         TEXT NOT NULL,                  -- contract entity type (of the first article seen)
  name         TEXT NOT NULL,                  -- display name
  anonymous    INTEGER NOT NULL,
  n_statements INTEGER NOT NULL DEFAULT 0,     -- statements this entity is the source of
  first_seen   TEXT,                           -- earliest / latest article day
  last_seen    TEXT
);
CREATE UNIQUE INDEX entities_key ON entities(kind, key) WHERE key IS NOT NULL;
CREATE INDEX entities_surname ON entities(surname) WHERE surname IS NOT NULL;
CREATE INDEX entities_grp ON entities(grp) WHERE grp IS NOT NULL;
CREATE INDEX entities_rank ON entities(n_statements DESC);

-- Names, aliases and titles of an entity, counted over the article entities linked to it.
CREATE TABLE entity_forms (
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,                     -- 'name' | 'alias' | 'title'
  norm      TEXT NOT NULL,
  form      TEXT NOT NULL,                     -- first surface form seen
  n         INTEGER NOT NULL,
  PRIMARY KEY (entity_id, kind, norm)
) WITHOUT ROWID;
CREATE INDEX entity_forms_norm ON entity_forms(norm);

-- Each article's own entities (contract ids e1, e2, ...) and the corpus entity they joined.
CREATE TABLE article_entities (
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  local_id     TEXT NOT NULL,
  entity_id    INTEGER NOT NULL REFERENCES entities(id),
  via          TEXT NOT NULL,                  -- 'key' | 'surname' (joined a full name by its last name) | 'new'
  type         TEXT NOT NULL,
  name         TEXT NOT NULL,
  surname      TEXT,                           -- set for one-word person names
  n_statements INTEGER NOT NULL,
  forms        TEXT NOT NULL,                  -- JSON [[kind, norm, form], ...] as counted in entity_forms
  PRIMARY KEY (article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_id);
CREATE INDEX article_entities_surname ON article_entities(surname) WHERE surname IS NOT NULL;

CREATE TABLE statements (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  local_id     TEXT NOT NULL,                  -- contract id (s1, s2, ...)
  seq          INTEGER NOT NULL,               -- position in the article
  type         TEXT NOT NULL,
  act          TEXT NOT NULL,
  quote        TEXT NOT NULL,
  cue          TEXT,
  start_offset INTEGER NOT NULL,               -- [start, end) of the content in document.text
  end_offset   INTEGER NOT NULL,
  mention      TEXT,                           -- source mention text ('he', 'Peskov')
  source_local TEXT,                           -- contract entity id of the source
  speaker_id   INTEGER REFERENCES entities(id),
  speaker_text TEXT NOT NULL,                  -- article entity name, titles and mention (indexed)
  time_text    TEXT,
  time_value   TEXT,
  day          TEXT,                           -- when it was said: time value's day, else the article's day
  day_source   TEXT,                           -- 'statement' | 'published' | null
  confidence   REAL NOT NULL,
  UNIQUE (article_id, local_id)
);
-- these two serve 'newest first by source' and the timeline straight from the index
CREATE INDEX statements_speaker ON statements(speaker_id, day, article_id, seq);
CREATE INDEX statements_day ON statements(day, article_id, seq);
CREATE INDEX statements_source ON statements(article_id, source_local);

CREATE TABLE relations (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  from_local TEXT NOT NULL,
  to_local   TEXT NOT NULL,
  PRIMARY KEY (article_id, type, from_local, to_local)
) WITHOUT ROWID;
CREATE INDEX relations_type ON relations(type);

-- Full-text index over what was said and who said it (external content: statements).
CREATE VIRTUAL TABLE statements_fts USING fts5(
  quote, speaker,
  content='statements', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
-- what was said counts more than who said it
INSERT INTO statements_fts(statements_fts, rank) VALUES ('rank', 'bm25(1.0, 0.5)');
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
  INSERT INTO statements_fts(rowid, quote, speaker) VALUES (new.id, new.quote, new.speaker_text);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
  INSERT INTO statements_fts(statements_fts, rowid, quote, speaker) VALUES ('delete', old.id, old.quote, old.speaker_text);
END;
`,
  },
  {
    version: 2,
    description: "a person's full-name key on each article entity, to merge names with and without middle initials",
    sql: `
-- article_entities.via gains 'initial': joined the same name without middle initials
ALTER TABLE article_entities ADD COLUMN pkey TEXT;   -- a person's normalised full name ('donald j trump')
ALTER TABLE article_entities ADD COLUMN pbase TEXT;  -- the same without middle initials ('donald trump'), when it has some
CREATE INDEX article_entities_pkey ON article_entities(pkey) WHERE pkey IS NOT NULL;
CREATE INDEX article_entities_pbase ON article_entities(pbase) WHERE pbase IS NOT NULL;
`,
    up: (db) => backfillPersonKeys(db),
  },
  {
    version: 3,
    description: 'a summary row per quoted source (named entity or anonymous group), kept by the writer, for the speakers list and profiles',
    sql: `
-- One row per source the speakers list shows: a named entity with statements, or an
-- anonymous group (grp) with at least one quoted source. Derived data: the writer
-- recomputes the rows of the entities and groups each batch touched (writer.ts), so
-- listing and summarising sources never aggregates over the whole corpus.
CREATE TABLE speaker_summary (
  entity_id  INTEGER UNIQUE,                   -- named source (null for an anonymous group)
  grp        TEXT UNIQUE,                      -- anonymous group (null for a named source)
  key        TEXT,                             -- entities.key of a named source (name search)
  name       TEXT NOT NULL,
  type       TEXT NOT NULL,
  anonymous  INTEGER NOT NULL,
  statements INTEGER NOT NULL,
  articles   INTEGER NOT NULL,                 -- articles with an entity linked to it (quoted or not)
  sources    INTEGER NOT NULL,                 -- quoted anonymous sources in the group; 1 for a named source
  first_seen TEXT,
  last_seen  TEXT,
  titles     TEXT NOT NULL,                    -- JSON: the two most used titles
  months     TEXT NOT NULL,                    -- JSON: [[YYYY-MM, statements], ...] by statement date
  undated    INTEGER NOT NULL                  -- statements with no date
);
-- the speakers list's order (ties: named sources by id, then groups by description), whole or by kind or type
CREATE INDEX speaker_summary_rank ON speaker_summary(statements DESC, name, anonymous, entity_id, grp);
CREATE INDEX speaker_summary_anon ON speaker_summary(anonymous, statements DESC, name, entity_id, grp);
CREATE INDEX speaker_summary_type ON speaker_summary(type, statements DESC, name, anonymous, entity_id, grp);
`,
    up: (db) => new CorpusWriter(db).rebuildSummaries(),
  },
  {
    version: 4,
    description: 'the full-text index kept by the writer, a batch at a time, instead of by triggers',
    sql: `
-- The writer (writer.ts) adds a batch's statements to statements_fts in one statement at the
-- end of the batch, and removes an article's indexed statements before deleting them. With
-- the triggers, FTS5 flushed a segment at every per-article savepoint.
DROP TRIGGER statements_fts_insert;
DROP TRIGGER statements_fts_delete;
`,
  },
  {
    version: 5,
    description: "relations carry their statements' ids, day and position: disputes listed from an index",
    sql: `
-- written with the relation (writer.ts); null when the relation names no statement of its article
ALTER TABLE relations ADD COLUMN from_id INTEGER;  -- statements.id of from_local
ALTER TABLE relations ADD COLUMN to_id INTEGER;    -- statements.id of to_local
ALTER TABLE relations ADD COLUMN day TEXT;         -- the from statement's day
ALTER TABLE relations ADD COLUMN seq INTEGER;      -- the from statement's position in its article
UPDATE relations SET
  from_id = (SELECT s.id FROM statements s WHERE s.article_id = relations.article_id AND s.local_id = relations.from_local),
  to_id = (SELECT s.id FROM statements s WHERE s.article_id = relations.article_id AND s.local_id = relations.to_local),
  day = (SELECT s.day FROM statements s WHERE s.article_id = relations.article_id AND s.local_id = relations.from_local),
  seq = (SELECT s.seq FROM statements s WHERE s.article_id = relations.article_id AND s.local_id = relations.from_local);
-- disputes newest first (ties: denies before disputes, then the denied statement's id as
-- the analysis wrote it), straight from the index
CREATE INDEX relations_disputes ON relations(day DESC, article_id DESC, seq, type, to_local, from_id, to_id)
  WHERE type IN ('denies', 'disputes') AND from_id IS NOT NULL AND to_id IS NOT NULL;
`,
  },
  {
    version: 6,
    description: "one-word names' links indexed with their entity: a batch reads only the links it must move",
    sql: `
-- The end of every batch re-decides where a touched surname's links belong (writer.ts,
-- settle) and reads those not there yet; with the entity in the index they are found
-- without reading every link of a common surname ("Trump": thousands) from the table.
DROP INDEX article_entities_surname;
CREATE INDEX article_entities_surname ON article_entities(surname, entity_id) WHERE surname IS NOT NULL;
`,
  },
  {
    version: 7,
    description: "disputes found from their statements: a source's disputes without reading every dispute of the corpus",
    sql: `
-- A source with few statements (queries.ts, disputesOf) finds its disputes by probing these
-- with its statements' ids, instead of reading every dispute relation of the corpus.
CREATE INDEX relations_disputes_from ON relations(from_id)
  WHERE type IN ('denies', 'disputes') AND from_id IS NOT NULL AND to_id IS NOT NULL;
CREATE INDEX relations_disputes_to ON relations(to_id)
  WHERE type IN ('denies', 'disputes') AND from_id IS NOT NULL AND to_id IS NOT NULL;
`,
  },
  {
    version: 8,
    description: 'a group of described sources is anonymous only when one of its quoted sources is, and named by its commonest form',
    // Sources the analysis describes but does not name are grouped by their description (kind
    // 'anonymous' in entities); the summary row of every such group was marked anonymous, so "the
    // poll", "52 percent" and "the Clinton campaign" were listed as anonymous sources, and took
    // the first of its sources' names in sort order ("EXPERTS", from one headline)
    sql: '',
    up: (db) => new CorpusWriter(db).rebuildSummaries(),
  },
  {
    version: 9,
    description: 'a bare surname joins the full name written far more often than any other with it',
    sql: `
-- A one-word name ("Obama") whose last name several full names share joins the one written in
-- full in at least five times as many articles as any other (writer.ts, SURNAME_DOMINANCE);
-- those counts come from this index (the links that are not bare surnames; \`via\` in it so that
-- counting reads the index alone: 0.2 ms for Donald Trump's 7,105 articles of the bench corpus
-- against 22 ms), at the end of each batch that touched the surname. Then every surname is
-- re-decided under the new rule.
CREATE INDEX article_entities_written ON article_entities(entity_id, via) WHERE via != 'surname';
`,
    up: (db) => new CorpusWriter(db).resettle(),
  },
  {
    version: 10,
    description: 'summary rows refreshed every so often during an ingest (20 s by default), not every batch: the speakers waiting for theirs',
    sql: `
-- A writer that defers the summary rows of the speakers its batches touch (CorpusWriter,
-- deferSummaries: ingest does, refreshing them every 20 s by default and at its end) lists those
-- speakers here, in the batch's transaction; a refresh recomputes their rows and empties it.
-- Kept in the corpus so that an ingest killed between two refreshes leaves nothing stale for
-- good: the next ingest's refreshes recompute them with its own.
CREATE TABLE summary_pending (
  kind TEXT NOT NULL CHECK (kind IN ('entity', 'group')),
  ref NOT NULL, -- no affinity: an entity id (named sources) or a group's description (described ones), as given
  PRIMARY KEY (kind, ref)
) WITHOUT ROWID;
`,
  },
];

/** Version 2 on a corpus written by version 1: fill pkey/pbase, then merge initialled names. */
function backfillPersonKeys(db: Database.Database): void {
  const people = db.prepare(`SELECT id, key FROM entities WHERE kind = 'person'`).all() as { id: number; key: string }[];
  if (!people.length) return;
  const set = db.prepare(`UPDATE article_entities SET pkey = ?, pbase = ? WHERE entity_id = ? AND via = 'key'`);
  for (const p of people) set.run(p.key, initialBase(p.key.split(' ')), p.id);
  new CorpusWriter(db).resettle();
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
