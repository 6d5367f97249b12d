import { DEMO_SEEDED_KEY, readMeta } from '../db/app-meta.ts';
import { type Db, ping } from '../db/database.ts';
import { migrationsAreCurrent } from '../db/migrate.ts';

export interface Readiness {
  database: 'ok' | 'unreachable';
  migrations: 'ok' | 'pending' | 'unknown';
}

/** GET /readyz: the database answers and its migrations are current. */
export async function checkReadiness(db: Db): Promise<Readiness> {
  try {
    await ping(db);
    return { database: 'ok', migrations: (await migrationsAreCurrent(db)) ? 'ok' : 'pending' };
  } catch {
    return { database: 'unreachable', migrations: 'unknown' };
  }
}

export interface DemoLogin {
  email: string;
  password: string;
  role: string;
  name: string;
  shop: string | null;
}

/** The demo's logins, as the first start's seeding recorded them (none if it did not seed). */
export async function demoLogins(db: Db): Promise<DemoLogin[]> {
  const value = (await readMeta(db, DEMO_SEEDED_KEY)) as { logins?: DemoLogin[] } | undefined;
  return value?.logins ?? [];
}
