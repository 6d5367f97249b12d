import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { lazyRequestLogger } from '../../src/http/request-log.ts';
import { createLogger, type Logger } from '../../src/logger.ts';

/** The app's logger at `level`, writing into the array it returns beside it. */
function appLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger(level, sink) as unknown as FastifyBaseLogger;
  return { logger, lines, child: vi.spyOn(logger, 'child') };
}

describe("a request's logger", () => {
  it('is made only when the request writes a line, which carries its id and no secret', () => {
    const { logger, lines, child } = appLogger('info');
    const log = lazyRequestLogger(logger, { reqId: 'req-1' }, {});
    log.debug({ token: 'x' }, 'below the level');
    expect((log as unknown as Logger).isLevelEnabled('debug')).toBe(false);
    expect(log.level).toBe('info');
    expect(child).not.toHaveBeenCalled();
    log.info({ user_id: 'usr_1', token: 'hunter2' }, 'user disabled');
    log.error({ err: new Error('boom') }, 'request failed');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ reqId: 'req-1', user_id: 'usr_1', msg: 'user disabled' });
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(lines[1]).toMatchObject({ reqId: 'req-1', level: 50, err: { message: 'boom' } });
  });

  it("takes a level of its own, and its children keep the request's id", () => {
    const { logger, lines } = appLogger('info');
    const log = lazyRequestLogger(logger, { reqId: 'req-2' }, {});
    log.level = 'debug';
    log.debug('now written');
    log.child({ step: 'pay' }).warn('a child');
    expect(logger.level).toBe('info');
    expect(lines).toMatchObject([
      { reqId: 'req-2', msg: 'now written' },
      { reqId: 'req-2', step: 'pay', msg: 'a child' },
    ]);
  });

  it("of a route with its own level is that route's from the start", () => {
    const { logger, lines } = appLogger('info');
    const log = lazyRequestLogger(logger, { reqId: 'req-3' }, { level: 'warn' });
    log.info('not written');
    log.warn('written');
    expect(lines).toMatchObject([{ reqId: 'req-3', msg: 'written' }]);
  });
});
