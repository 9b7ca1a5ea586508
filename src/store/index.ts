/**
 * The corpus: articles, their analyses and statements, and entities merged across
 * articles, in one SQLite file (WAL). A library first: the CLI commands and the HTTP API
 * are thin shells over these functions. See README.md in this folder.
 */
export { openCorpus, schemaVersion, DEFAULT_DB, READ_MMAP_BYTES, type Db, type OpenOptions } from './db.ts';
export { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
export { CorpusWriter, type WriteResult, type WriteStatus } from './writer.ts';
export { ingest, articleKey, DEFAULT_BATCH, type IngestOptions, type IngestSummary, type IngestCounts, type IngestFailure } from './ingest.ts';
export { ROOMY_YOUNG_MB, createAnalyzer, type Analyzer } from './pool.ts';
export { prepareArticle, dayOf, type PreparedArticle, type ArticleMeta } from './prepare.ts';
export { normText, personTokens, descriptionKey, entityKey } from './names.ts';
export {
  search, ftsQuery, statements, timeline, statement, speakers, findSpeakers, resolveSpeaker, speakerProfile, selectorOf,
  disputes, disputeCounts, disputeTuning, articles, findArticle, analysisOf, analysisJson, statementLinks, exportAnalyses, exportStatements, stats, checkDate, speakerActivity, entityExists, changeMark, dataVersion,
  type Page, type ArticleRef, type ArticleInfo, type SpeakerRef, type StatementRow, type SpeakerSummary, type SpeakerProfile,
  type SpeakerSelector, type StatementFilter, type SearchResult, type StatementsResult, type SpeakerResolution, type Dispute, type DisputeCount,
  type CorpusStats, type Form, type MonthCount,
} from './queries.ts';
