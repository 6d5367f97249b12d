import { type Clock, ManualClock, SystemClock } from './app/clock.ts';
import type { Config } from './config.ts';
import { type Database, type Db, openDatabase } from './db/database.ts';

/** Opens what every command needs, from the parsed config. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    namedStatements: config.dbNamedStatements,
  });
}

/**
 * The system clock, or with SENDBACK_CLOCK=manual the test clock kept in `db`: the same for every
 * node and for the CLI. Call `refresh()` before reading it.
 */
export function clockFor(config: Config, db: Db): Clock {
  return config.clock === 'manual' ? new ManualClock(undefined, { db }) : new SystemClock();
}
