import { readdirSync, readFileSync } from 'node:fs';

/** Parent of every process now running (from /proc), by pid. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** `roots` and all their descendants that are alive now. */
export function processTree(roots: number[]): number[] {
  const byParent = new Map<number, number[]>();
  const all = parents();
  for (const [pid, ppid] of all) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const stack = roots.filter((pid) => all.has(pid));
  while (stack.length) {
    const pid = stack.pop()!;
    if (out.includes(pid)) continue;
    out.push(pid);
    stack.push(...(byParent.get(pid) ?? []));
  }
  return out;
}

/** The postmaster's pid from a PostgreSQL data folder's `postmaster.pid`, if it runs. */
export function postmasterOf(pgData: string): number | undefined {
  try {
    const pid = Number(readFileSync(`${pgData}/postmaster.pid`, 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function kbOf(pid: number, field: string, file: 'status' | 'smaps_rollup'): number {
  try {
    const text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export interface TreeMemory {
  processes: number;
  /** Sum of each process's resident set (shared pages count once per process that maps them). */
  rssMb: number;
  /** Sum of proportional set sizes (shared pages split between the processes that map them). */
  pssMb: number;
}

/** RSS and PSS of `roots` and their descendants (or of exactly `roots`), summed. */
export function treeMemory(roots: number[], descendants = true): TreeMemory {
  const pids = descendants ? processTree(roots) : roots;
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    rss += kbOf(pid, 'VmRSS', 'status');
    pss += kbOf(pid, 'Pss', 'smaps_rollup');
  }
  return { processes: pids.length, rssMb: rss / 1024, pssMb: pss / 1024 };
}

/**
 * Samples the summed RSS of `roots()` and their descendants, less `exclude()`, every `everyMs`
 * until stopped, and their summed PSS every second (reading smaps is slower). The process list is
 * read again every second: PostgreSQL starts a backend per new connection.
 */
export function sampleTreeMemory(
  roots: () => number[],
  everyMs = 100,
  exclude: () => number[] = () => [],
) {
  let pids: number[] = [];
  let listedAt = 0;
  let peak = 0;
  let last = 0;
  let peakPss = 0;
  let lastPss = 0;
  const tick = () => {
    const relist = Date.now() - listedAt > 1000;
    if (relist) {
      const skip = new Set(exclude());
      pids = processTree(roots()).filter((pid) => !skip.has(pid));
      listedAt = Date.now();
      let pss = 0;
      for (const pid of pids) pss += kbOf(pid, 'Pss', 'smaps_rollup');
      lastPss = pss / 1024;
      peakPss = Math.max(peakPss, lastPss);
    }
    let kb = 0;
    for (const pid of pids) kb += kbOf(pid, 'VmRSS', 'status');
    last = kb / 1024;
    peak = Math.max(peak, last);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop() {
      listedAt = 0;
      tick();
      clearInterval(timer);
      return { peakRssMb: peak, lastRssMb: last, peakPssMb: peakPss, lastPssMb: lastPss };
    },
  };
}
