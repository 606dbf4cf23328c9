/**
 * Memory measurements for guards that time nothing (tests under test/bench, test/config,
 * test/soak): a full garbage collection from inside `node --test` (which runs without
 * --expose-gc), then the bytes in use. Twice, so what the first collection made unreachable
 * (weak references, finalizers) is gone too.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function collect(): NodeJS.MemoryUsage {
  gc();
  gc();
  return process.memoryUsage();
}

/** JavaScript heap in use plus ArrayBuffer memory (typed arrays' storage), after a full GC. */
export function heapBytesAfterGc(): number {
  const m = collect();
  return m.heapUsed + m.arrayBuffers;
}

/** Resident set size after a full GC. */
export function rssAfterGc(): number {
  return collect().rss;
}
