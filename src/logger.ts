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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

export type { Logger };
