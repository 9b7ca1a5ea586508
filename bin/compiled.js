// Whether the compiled tree in .build/ (scripts/build.mjs) may be used: it exists and is newer
// than every file in src/. HEARSAY_SOURCES=1 always answers no. Used by bin/hearsay.js and
// the benchmarks.
import { readdirSync, statSync } from 'node:fs';

export const root = new URL('../', import.meta.url);

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) newest = Math.max(newest, newestSource(new URL(e.name + '/', dir)));
    else newest = Math.max(newest, statSync(new URL(e.name, dir)).mtimeMs);
  }
  return newest;
}

export function compiledIsFresh() {
  if (process.env.HEARSAY_SOURCES === '1') return false;
  try {
    return statSync(new URL('.build/stamp', root)).mtimeMs >= newestSource(new URL('src/', root));
  } catch {
    return false;
  }
}

/** URL of a module given by its source path ("src/pipeline/analyze.ts"): compiled when fresh. */
export function moduleUrl(sourcePath, fresh = compiledIsFresh()) {
  return fresh ? new URL('.build/' + sourcePath.replace(/\.ts$/, '.js'), root).href : new URL(sourcePath, root).href;
}
