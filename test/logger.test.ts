import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = 'test/support/log-lines.ts';
/** Longer than any test here: lines written come from the process's own logic, not the timer. */
const NEVER = 600_000;

type Line = { line?: number; token?: string; msg: string };
const parsed = (out: string) =>
  out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

function run(bufferBytes: number, lines: number, end: 'exit' | 'throw') {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', SCRIPT, String(bufferBytes), String(NEVER), String(lines), end],
    { encoding: 'utf8' },
  );
  return { status: result.status, lines: parsed(result.stdout) };
}

/** Starts the script and answers the first `count` lines it writes while it still runs. */
async function firstLines(args: (string | number)[], count: number): Promise<Line[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args.map(String)]);
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        text += chunk;
        if (parsed(text).length >= count) resolve(text);
      });
      child.on('exit', (code) => reject(new Error(`exited (${code}) with only: ${text}`)));
    });
    expect(child.exitCode).toBeNull();
    return parsed(out);
  } finally {
    child.kill();
  }
}

describe('the server log on stdout', () => {
  it('writes every gathered request line, in order, when the process exits', () => {
    const { status, lines } = run(4096, 5, 'exit');
    expect(status).toBe(0);
    expect(lines.map((l) => l.line)).toEqual([0, 1, 2, 3, 4]);
  });

  it('writes the gathered request lines when the process dies of an exception', () => {
    const { status, lines } = run(4096, 3, 'throw');
    expect(status).not.toBe(0);
    expect(lines.map((l) => l.line)).toEqual([0, 1, 2]);
  });

  it('keeps secrets out of gathered lines', () => {
    const { lines } = run(4096, 2, 'exit');
    expect(JSON.stringify(lines)).not.toContain('secret-value');
    expect(lines[0]!.token).toBe('[redacted]');
  });

  it('writes a line of another kind at once, after the request lines before it', async () => {
    const lines = await firstLines([4096, NEVER, 2, 'other'], 3);
    expect(lines.map((l) => l.msg)).toEqual([
      'request completed',
      'request completed',
      'something else happened',
    ]);
  });

  it('writes the request lines once they fill the buffer', async () => {
    // Each line is about 110 bytes: 20 of them pass 1,000.
    const lines = await firstLines([1000, NEVER, 20, 'wait'], 9);
    expect(lines.slice(0, 9).map((l) => l.line)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('writes request lines that wait in the buffer within flushMs while the process runs', async () => {
    const lines = await firstLines([4096, 200, 2, 'wait'], 2);
    expect(lines.map((l) => l.line)).toEqual([0, 1]);
  });

  it('writes each line at once, in order, with no buffer', () => {
    const { lines } = run(0, 3, 'exit');
    expect(lines.map((l) => l.line)).toEqual([0, 1, 2]);
  });
});
