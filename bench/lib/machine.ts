import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { serverSettings, serverVersion } from './pg.ts';

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

/** `uptime`'s load averages, to say how busy the machine was while a figure was taken. */
export function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

/** What the figures were measured on: cores, memory, Node and PostgreSQL, and the load. */
export async function machine(): Promise<string> {
  const free = run('free', ['-g']).split('\n')[1]?.replace(/\s+/g, ' ') ?? '?';
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: \`nproc\` ${run('nproc', [])} (${cpus()[0]?.model.trim() ?? '?'}), ` +
      `\`free -g\`: ${free} (${(totalmem() / 2 ** 30).toFixed(1)} GiB total)`,
    `- node ${process.version}; ${await serverVersion()} (${await serverSettings().catch(() => '?')})`,
    `- load before the run (\`uptime\`): ${load()}`,
  ].join('\n');
}
