import { ManualClock } from '../app/clock.ts';
import type { Database } from '../app/database.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { buildApp } from './app.ts';

/**
 * The OpenAPI document without a database: routes are registered but never called, so a stand-in
 * database is enough. Used to generate the typed client and to check the committed one is current.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database: Database = {
    db: null as never,
    url: '',
    embedded: null,
    close: async () => {},
    listen: async () => async () => {},
  };
  const app = await buildApp({
    config: loadConfig({ SENDBACK_CLOCK: 'manual' }),
    database,
    clock: new ManualClock(),
    logger: createLogger('silent'),
  });
  await app.ready();
  const doc = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return doc;
}
