import { type Clock, ManualClock, SystemClock } from './app/clock.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';

/** Opens what every command needs, from the parsed config. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    namedStatements: config.dbNamedStatements,
  });
}

export function clockFor(config: Config): Clock {
  return config.clock === 'manual' ? new ManualClock() : new SystemClock();
}
