/**
 * The HTML, feed and schema libraries, loaded on first use: a plain-text or JSONL-of-text
 * run never pays for them (linkedom ~26 MB, the feed parser ~10 MB, zod ~15 MB of memory,
 * and their start-up time). CommonJS builds, so loading stays synchronous.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let linkedom: typeof import('linkedom') | null = null;
let readability: typeof import('@mozilla/readability') | null = null;
let feedParser: typeof import('@rowanmanning/feed-parser') | null = null;
let zod: typeof import('zod') | null = null;

export const parseHTML: typeof import('linkedom').parseHTML = (...args) => (linkedom ??= require('linkedom') as typeof import('linkedom')).parseHTML(...args);
export const loadReadability = () => (readability ??= require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability;
export const parseFeed: typeof import('@rowanmanning/feed-parser').parseFeed = (...args) =>
  (feedParser ??= require('@rowanmanning/feed-parser') as typeof import('@rowanmanning/feed-parser')).parseFeed(...args);
export const loadZod = () => (zod ??= require('zod') as typeof import('zod')).z;
