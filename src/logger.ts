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

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'sendback' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/**
 * Where a server's lines go: stdout, `bufferBytes` of lines at a time, written by the thread pool
 * so that a slow reader never stalls a request. Each write hands a thread-pool worker the text
 * and wakes the event loop when it is done: one write per line, as pino does by default, took a
 * twentieth of the server's CPU in the lifecycle benchmark (bench/RESULTS.md). Lines wait at most
 * a second and are written before the process exits, whether it ends or dies of an exception
 * (pino flushes on exit); a process killed outright (SIGKILL) loses the lines of its last second.
 * 0 writes each line at once, in the calling thread.
 */
export function stdoutDestination(bufferBytes: number): pino.DestinationStream {
  const dest = process.stdout.fd ?? 1;
  if (bufferBytes === 0) return pino.destination({ dest, sync: true });
  return pino.destination({ dest, sync: false, minLength: bufferBytes, periodicFlush: 1000 });
}

export function createLogger(
  level: string,
  destination: pino.DestinationStream = stdoutDestination(0),
): Logger {
  return pino(loggerOptions(level), destination);
}

export type { Logger };
