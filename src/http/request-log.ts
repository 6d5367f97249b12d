import {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
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
