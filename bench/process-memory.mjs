// Resident memory of a process, sampled from /proc while something runs: how much a streamed operation adds to it.
import { readFileSync } from 'node:fs';

/** The process's resident set size in bytes now (Linux /proc). */
export function residentBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Runs `work` while sampling `pid`'s resident memory every 10 ms: its result, the seconds it took, and the peak
 * resident memory above what the process held when it started.
 */
export async function withPeakMemory(pid, work) {
  const before = residentBytes(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, residentBytes(pid));
  }, 10);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, residentBytes(pid));
    return { result, seconds, peakAboveStartBytes: peak - before };
  } finally {
    clearInterval(timer);
  }
}

export const megabytes = (bytes) => (bytes / 1024 / 1024).toFixed(0);
