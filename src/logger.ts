import { type Logger, type LoggerOptions, pino } from 'pino';

/** Anything that can carry a secret is censored before a line is written. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["sendback-signature"]',
  'req.headers["stripe-signature"]',
  'req.headers["x-hmac-signature"]',
  'req.headers["shippo-auth-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.api_key',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.secretKey',
  '*.webhookSecret',
  'password',
  'api_key',
  'token',
  'secret',
  'apiKey',
  'secretKey',
  'webhookSecret',
];

/**
 * An error as a line shows it: pino's usual form, without the values a failed statement was sent
 * with (Drizzle's query errors carry them as `params`, and in their message: names, e-mail
 * addresses, messages, token hashes). The statement's text stays, and PostgreSQL's own message.
 */
function errorOfLine(err: Error): ReturnType<typeof pino.stdSerializers.err> {
  const line = pino.stdSerializers.err(err);
  const query = (err as { query?: unknown }).query;
  if (!('params' in err) || typeof query !== 'string') return line;
  const withoutValues = `Failed query: ${query}`;
  line['params'] = '[redacted]';
  line.message = line.message.replace(err.message, withoutValues);
  if (line.stack) line.stack = line.stack.replace(err.message, withoutValues);
  return line;
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: errorOfLine },
    base: { service: 'sendback' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/** The message of the one line each answered request is logged with (src/http/request-log.ts). */
export const REQUEST_COMPLETED = 'request completed';
const REQUEST_LINE_END = `"msg":${JSON.stringify(REQUEST_COMPLETED)}}\n`;

/**
 * Where a server's lines go: stdout. pino's default destination hands each line to the thread
 * pool, which wakes a pool thread to write it and the event loop once it is written: one write per
 * request line took about 4 % of the server's busy time in the lifecycle benchmark's CPU profile
 * (bench/RESULTS.md), and a line in a pool thread when the process dies may be lost or written after
 * the lines behind it. Here the lines are written in order by the event loop's own thread, and the
 * request lines, one per answered request, are gathered up to `bufferBytes` and written together,
 * at most `flushMs` late. Every other line (startup, warnings, errors, a request that failed) is
 * written at once, after the request lines before it. What is gathered is written when the process
 * exits, ends or dies of an exception; one killed outright (SIGKILL) loses the request lines of its
 * last second. 0: each line is written at once.
 */
export function stdoutDestination(bufferBytes: number, flushMs = 1000): pino.DestinationStream {
  const stdout = pino.destination({ dest: process.stdout.fd ?? 1, sync: true });
  return bufferBytes > 0 ? new RequestLinesGathered(stdout, bufferBytes, flushMs) : stdout;
}

class RequestLinesGathered implements pino.DestinationStream {
  #gathered = '';

  constructor(
    private readonly out: ReturnType<typeof pino.destination>,
    private readonly bufferBytes: number,
    flushMs: number,
  ) {
    setInterval(() => this.#handOver(), flushMs).unref();
    process.once('exit', () => this.#handOver());
  }

  write(line: string): void {
    if (line.endsWith(REQUEST_LINE_END)) {
      this.#gathered += line;
      if (this.#gathered.length >= this.bufferBytes) this.#handOver();
      return;
    }
    this.#handOver();
    this.out.write(line);
  }

  flush(cb?: (err?: Error) => void): void {
    this.#handOver();
    this.out.flush(cb);
  }

  flushSync(): void {
    this.#handOver();
    this.out.flushSync();
  }

  #handOver(): void {
    if (!this.#gathered) return;
    this.out.write(this.#gathered);
    this.#gathered = '';
  }
}

export function createLogger(
  level: string,
  destination: pino.DestinationStream = stdoutDestination(0),
): Logger {
  return pino(loggerOptions(level), destination);
}

export type { Logger };
