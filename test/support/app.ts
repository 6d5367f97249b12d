import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ManualClock } from '../../src/app/clock.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import type { Engine } from './db.ts';
import { freshDatabase, type TestDatabase } from './db.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const T0 = new Date('2026-03-02T09:00:00Z');

export interface TestApp {
  app: App;
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  extend?: (app: App) => void,
): Promise<TestApp> {
  const database = await freshDatabase(engine);
  const config = loadConfig({
    SENDBACK_ADMIN_TOKEN: ADMIN_TOKEN,
    SENDBACK_CLOCK: 'manual',
    // Uploaded evidence of a test goes to a directory of its own, never into the checkout.
    SENDBACK_ATTACHMENTS_DIR: mkdtempSync(join(tmpdir(), 'sendback-files-')),
    ...env,
  });
  // Kept in the database like a served node's, so other nodes and the CLI's code see it too.
  const clock = new ManualClock(T0, { db: database.db });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const app = await buildApp({ config, database, clock, logger });
  extend?.(app);
  await app.ready();
  return { app, database, clock, config, logs, close: () => app.close() };
}
