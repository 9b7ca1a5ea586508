// Process-wide tuning that every hearsay entry point applies (bin/hearsay.js, and the benchmark
// children that stand in for it).
import v8 from 'node:v8';

/**
 * V8 lets the old generation grow to several times the live heap before a full collection.
 * An analysis keeps ~60 MB live but promotes ~1 MB of short-lived objects per minor collection,
 * so a batch's resident memory climbed to 300–340 MB. Growing the heap by at most 50% between
 * full collections keeps it at ~250 MB for the same speed (docs/EVALUATION.md). V8 reads the
 * flag at every collection, so setting it at start-up takes effect for all threads.
 */
export function tuneHeap() {
  v8.setFlagsFromString('--heap-growing-percent=50');
}
