import { type ChildProcess, spawn } from 'node:child_process';

export interface Served {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

/**
 * `sendback serve` from the TypeScript sources as a process of its own, with `env` over this
 * process's environment; resolves once it prints the URL it listens on.
 */
export async function spawnServe(env: Record<string, string>, timeoutMs = 90_000): Promise<Served> {
  const child = spawn(process.execPath, ['bin/sendback.js', 'serve'], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d;
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}:\n${output}`)));
  });
  return { url, child, output: () => output };
}

/** Sends `signal` and waits until the process ended and its output was read to the end. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill(signal);
  await closed;
}

/**
 * Runs node with `args` (and `env` over this process's environment) until it exits, or is killed
 * with SIGKILL after `killAfterMs`; answers its exit code and everything it printed.
 */
export function runToExit(
  args: string[],
  env: Record<string, string>,
  killAfterMs?: number,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d: Buffer) => {
    output += d;
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer =
    killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  // 'close': ended, and its output read to the end.
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}
