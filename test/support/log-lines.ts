/**
 * A process that logs as `sendback serve` does (test/logger.test.ts):
 *   node --import tsx test/support/log-lines.ts BUFFER_BYTES FLUSH_MS LINES exit|throw|wait|other
 * logs LINES request lines (the line each answered request is logged with) to stdout through
 * stdoutDestination(BUFFER_BYTES, FLUSH_MS), then exits at once (`exit`), throws (`throw`), stays
 * up ten seconds (`wait`), or logs one line of another kind and stays up (`other`).
 */
import { createLogger, REQUEST_COMPLETED, stdoutDestination } from '../../src/logger.ts';

const [bufferBytes, flushMs, lines, end] = process.argv.slice(2);
const logger = createLogger('info', stdoutDestination(Number(bufferBytes), Number(flushMs)));
for (let i = 0; i < Number(lines); i++) {
  logger.info({ line: i, token: 'secret-value' }, REQUEST_COMPLETED);
}
if (end === 'exit') process.exit(0);
if (end === 'throw') throw new Error('boom');
if (end === 'other') logger.warn('something else happened');
setTimeout(() => {}, 10_000);
