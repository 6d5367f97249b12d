import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { REQUEST_COMPLETED } from '../logger.ts';

/**
 * One log line per request, written when the answer has gone out: method, URL, caller address,
 * status, time taken and the request id, instead of Fastify's two lines (one on arrival, one on
 * completion). Half the logging work on every request (a fifth of a queue page's CPU was pino's;
 * bench/RESULTS.md), and each line says everything about its request.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, REQUEST_COMPLETED);
  }
}
