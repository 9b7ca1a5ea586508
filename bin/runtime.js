// Process-wide tuning that every hearsay entry point applies (bin/hearsay.js, and the benchmark
// children that stand in for it).
import v8 from 'node:v8';

/**
 * Two V8 heap flags, set at start-up; V8 reads both at every collection, so they take effect
 * for all threads (docs/EVALUATION.md has the measurements).
 *
 * - `--no-allocation-site-pretenuring`. V8 watches how many objects of each allocation site
 *   survive a minor collection, and allocates straight into the old generation from a site
 *   where most did. An analysis's tokens, word groups and their sets live for the whole
 *   article, so V8 pretenured them, and ~250 KB an article went to the old generation to die
 *   there (the heap grew ~2 MB per minor collection, then a full collection freed it). Without
 *   it they die young: ~0.3 MB per minor collection, half the full collections, and one
 *   thread analysing PolNeAR used 4–12% less CPU (two runs side by side, four times); an
 *   ingest's threads 2–4% less.
 * - `--heap-growing-percent=50`. V8 lets the old generation grow to several times the live
 *   heap before a full collection; an analysis keeps ~60 MB live, so a batch's resident memory
 *   climbed to 300–340 MB. Growing the heap by at most 50% between full collections keeps it
 *   at ~250 MB for the same speed.
 */
export function tuneHeap() {
  v8.setFlagsFromString('--heap-growing-percent=50');
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
