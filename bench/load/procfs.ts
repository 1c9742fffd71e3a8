import { readFileSync } from 'node:fs';

// Linux reports CPU time in clock ticks of 1/100 s (getconf CLK_TCK) on every platform we run on.
const TICKS_PER_SEC = 100;
const PAGE_BYTES = 4096;

function stat(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds used so far by the processes (each summed over all its threads). */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = stat(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SEC;
}

/**
 * Seconds the processes' main threads (the event loops) spent runnable but waiting for a CPU so far
 * (/proc/<pid>/schedstat, second field, ns): time another process had their core. A loop that lags
 * while this grows is starved by the machine, not stalled by its own code.
 */
export function runQueueWaitSeconds(pids: readonly number[]): number {
  let ns = 0;
  for (const pid of pids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1] ?? 0);
    } catch {
      // The process is gone: it waits no more.
    }
  }
  return ns / 1e9;
}

export function rssBytes(pids: readonly number[]): number {
  let pages = 0;
  for (const pid of pids) {
    const fields = stat(pid);
    if (fields) pages += Number(fields[21]);
  }
  return pages * PAGE_BYTES;
}

function statusKb(pid: number, key: string): number {
  try {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Peak resident set size of the processes since they started (VmHWM, summed). */
export function peakRssBytes(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + statusKb(pid, 'VmHWM') * 1024, 0);
}

/** Bytes this process has read with read(2) so far, sockets included (/proc/self/io rchar). */
export function bytesReadByThisProcess(): number {
  const match = /^rchar:\s+(\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'));
  return match ? Number(match[1]) : 0;
}

/**
 * Voluntary context switches of the processes' main threads so far (/proc/<pid>/status): each is
 * the event loop going to sleep in epoll and being woken, so their count per comment is the number
 * of wake-ups a comment costs.
 */
export function wakeUps(pids: readonly number[]): number {
  let switches = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      switches += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // The process is gone: it wakes no more.
    }
  }
  return switches;
}
