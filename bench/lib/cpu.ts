import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used so far, in ms; 0 when it is gone. */
export function cpuOf(pid: number): number {
  const { user, system } = cpuSplitOf(pid);
  return user + system;
}

/** User and system (kernel) CPU time of a process so far, in ms. */
export function cpuSplitOf(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** Busy CPU time of the whole machine (all cores, all processes), in ms. */
export function machineCpu(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) * TICK_MS;
}

/**
 * CPU used from now until `stop()` by: the server processes, the given PostgreSQL backends (those
 * serving the benchmark's database), this process (the driver), and the whole machine.
 */
export function cpuMeter(
  serverPid: number | number[] | undefined,
  backendPids: () => Promise<number[]>,
) {
  const pids = serverPid === undefined ? [] : Array.isArray(serverPid) ? serverPid : [serverPid];
  const sum = (f: (pid: number) => number) => pids.reduce((n, pid) => n + f(pid), 0);
  const self0 = process.cpuUsage();
  const server0 = sum(cpuOf);
  const serverSystem0 = sum((p) => cpuSplitOf(p).system);
  const all0 = machineCpu();
  const wall0 = Date.now();
  const backends0 = backendPids().then((pids) => new Map(pids.map((p) => [p, cpuOf(p)])));
  return {
    async stop() {
      const self = process.cpuUsage(self0);
      const serverMs = sum(cpuOf) - server0;
      const serverSystemMs = sum((p) => cpuSplitOf(p).system) - serverSystem0;
      const machineMs = machineCpu() - all0;
      const wallMs = Date.now() - wall0;
      // Backends that start meanwhile count from 0; stop before connections close.
      const before = await backends0;
      let postgresMs = 0;
      for (const pid of new Set([...before.keys(), ...(await backendPids())])) {
        const now = cpuOf(pid);
        if (now > 0) postgresMs += now - (before.get(pid) ?? 0);
      }
      return {
        serverMs,
        serverSystemMs,
        postgresMs,
        driverMs: (self.user + self.system) / 1000,
        driverSystemMs: self.system / 1000,
        machineMs,
        wallMs,
      };
    },
  };
}
export type CpuUse = Awaited<ReturnType<ReturnType<typeof cpuMeter>['stop']>>;
