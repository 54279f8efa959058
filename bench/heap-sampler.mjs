// Preloaded into a measured service (`node --import bench/heap-sampler.mjs`) by a bench's `--live-heap` run: every
// HEAP_SAMPLE_MS (default 1000) it forces a full garbage collection and appends `<ms since start> <heapUsed bytes>
// <rss bytes>` to HEAP_SAMPLES_FILE, so that what the process keeps alive can be told from garbage V8 has not
// collected yet.
import { appendFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc');
const file = process.env.HEAP_SAMPLES_FILE;
const started = Date.now();
setInterval(
  () => {
    collect();
    const { heapUsed, rss } = process.memoryUsage();
    appendFileSync(file, `${Date.now() - started} ${heapUsed} ${rss}\n`);
  },
  Number(process.env.HEAP_SAMPLE_MS ?? 1000),
).unref();
