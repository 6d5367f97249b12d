import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = 'test/support/log-lines.ts';

function run(bufferBytes: number, lines: number, end: 'exit' | 'throw') {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', SCRIPT, String(bufferBytes), String(lines), end],
    { encoding: 'utf8' },
  );
  return { status: result.status, lines: result.stdout.split('\n').filter(Boolean) };
}

function parsed(lines: string[]) {
  return lines.map((l) => JSON.parse(l) as { line?: number; token?: string; msg: string });
}

describe('the server log on stdout', () => {
  it('writes every buffered line before the process exits', () => {
    const { status, lines } = run(4096, 5, 'exit');
    expect(status).toBe(0);
    expect(parsed(lines).map((l) => l.line)).toEqual([0, 1, 2, 3, 4]);
  });

  it('writes the buffered lines and the last error when the process dies of an exception', () => {
    const { status, lines } = run(4096, 3, 'throw');
    expect(status).not.toBe(0);
    expect(parsed(lines).map((l) => l.msg)).toEqual(['hello', 'hello', 'hello', 'about to fail']);
  });

  it('keeps secrets out of buffered lines', () => {
    const { lines } = run(4096, 2, 'exit');
    expect(lines.join('\n')).not.toContain('secret-value');
    expect(parsed(lines)[0]!.token).toBe('[redacted]');
  });

  it('writes lines that wait in the buffer within about a second while the process runs', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '4096', '2', 'wait']);
    try {
      const first = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          if (out.split('\n').filter(Boolean).length >= 2) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`exited (${code}) before writing: ${out}`)));
      });
      expect(parsed(first.split('\n').filter(Boolean)).map((l) => l.line)).toEqual([0, 1]);
      // Still running: the lines came from the periodic flush, not from the exit.
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });

  it('writes each line as it comes with no buffer', () => {
    const { lines } = run(0, 3, 'exit');
    expect(parsed(lines).map((l) => l.line)).toEqual([0, 1, 2]);
  });
});
