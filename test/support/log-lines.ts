/**
 * A process that logs as `sendback serve` does (test/logger.test.ts):
 *   node --import tsx test/support/log-lines.ts BUFFER_BYTES LINES exit|wait|throw
 * logs LINES info lines to stdout through stdoutDestination(BUFFER_BYTES), then exits at once
 * (`exit`), stays up ten seconds (`wait`, for the periodic flush) or throws (`throw`).
 */
import { createLogger, stdoutDestination } from '../../src/logger.ts';

const [bufferBytes, lines, end] = process.argv.slice(2);
const logger = createLogger('info', stdoutDestination(Number(bufferBytes)));
for (let i = 0; i < Number(lines); i++) logger.info({ line: i, token: 'secret-value' }, 'hello');
if (end === 'exit') process.exit(0);
if (end === 'throw') {
  logger.error('about to fail');
  throw new Error('boom');
}
setTimeout(() => {}, 10_000);
