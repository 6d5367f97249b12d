import { type Clock, ManualClock, SystemClock } from './app/clock.ts';
import type { Config } from './config.ts';
import { type Database, type Db, openDatabase } from './db/database.ts';
import { ensureEmbeddedPostgres } from './db/embedded-postgres.ts';

/**
 * Opens what every command needs, from the parsed config: `DATABASE_URL`, or the embedded server
 * of the data folder (found running, or started). `supervise` restarts the embedded server if it
 * dies while this process runs (what `serve` wants).
 */
export async function openConfiguredDatabase(
  config: Config,
  options: { supervise?: boolean; log?: (message: string) => void } = {},
): Promise<Database> {
  const pool = { poolSize: config.dbPoolSize, namedStatements: config.dbNamedStatements };
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl, ...pool });
  const embedded = await ensureEmbeddedPostgres({
    dataDir: config.dataDir,
    runAs: config.pgUser,
    supervise: options.supervise ?? false,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    return await openDatabase({ url: embedded.url, embedded, ...pool });
  } catch (err) {
    await embedded.release();
    throw err;
  }
}

/**
 * The system clock, or with SENDBACK_CLOCK=manual the test clock kept in `db`: the same for every
 * node and for the CLI. Call `refresh()` before reading it.
 */
export function clockFor(config: Config, db: Db): Clock {
  return config.clock === 'manual' ? new ManualClock(undefined, { db }) : new SystemClock();
}
