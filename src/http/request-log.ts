import {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';
import { REQUEST_COMPLETED } from '../logger.ts';

/**
 * One log line per request, written when the answer has gone out: method, URL, caller address,
 * status, time taken and the request id, instead of Fastify's two lines (one on arrival, one on
 * completion). Half the logging work on every request (a fifth of a queue page's CPU was pino's;
 * bench/RESULTS.md), and each line says everything about its request.
 */
export class OneLinePerRequest extends LogController {
  /** The app's logger without redaction, for the lines of answered requests (see below). */
  #answered: FastifyBaseLogger | undefined;

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) {
      reply.log.error({ ...line, err: error }, 'request errored');
      return;
    }
    if (!(reply.log as Logger).isLevelEnabled('info')) return;
    // The serializers make the line of the method, URL, host, addresses and status alone (no
    // header, no body), so redaction has nothing to censor in it; pino's reads each of its paths
    // again for every line it is given, the largest single source of garbage in the lifecycle
    // benchmark. An error's line, which carries more, keeps it.
    this.#answered ??= request.server.log.child({}, { redact: [] });
    this.#answered.info({ reqId: request.id, ...line }, REQUEST_COMPLETED);
  }
}

type LogMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger (Fastify's childLoggerFactory): the child with the request's id is made when
 * the request first logs a line of its own, which most never do (their one line is written by
 * OneLinePerRequest, from the app's logger). pino runs a child's bindings through its redaction
 * when it makes the child: on every request, about 1.4 % of what the lifecycle benchmark's server
 * allocated (bench/RESULTS.md). A route with a log level of its own gets its child at once.
 */
export function lazyRequestLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level !== undefined) return parent.child(bindings, options);
  return new LazyChild(parent, bindings, options) as unknown as FastifyBaseLogger;
}

class LazyChild {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly own: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  #made(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.own, this.options);
    return this.#child;
  }

  get level(): string {
    return (this.#child ?? this.parent).level;
  }

  set level(level: string) {
    this.#made().level = level;
  }

  /** Whether a line at `level` would be written: the parent's level, until changed here. */
  isLevelEnabled(level: string): boolean {
    return ((this.#child ?? this.parent) as Logger).isLevelEnabled(level);
  }

  bindings(): Bindings {
    return (this.#made() as unknown as Logger).bindings();
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#made().child(bindings, options);
  }

  silent(): void {}

  fatal(...args: unknown[]): void {
    this.#line('fatal', args);
  }

  error(...args: unknown[]): void {
    this.#line('error', args);
  }

  warn(...args: unknown[]): void {
    this.#line('warn', args);
  }

  info(...args: unknown[]): void {
    this.#line('info', args);
  }

  debug(...args: unknown[]): void {
    this.#line('debug', args);
  }

  trace(...args: unknown[]): void {
    this.#line('trace', args);
  }

  #line(method: LogMethod, args: unknown[]): void {
    if (!this.isLevelEnabled(method)) return;
    (this.#made()[method] as (...a: unknown[]) => void)(...args);
  }
}
