import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the benchmarks create their own databases on (trust auth, superuser). */
export const ADMIN_URL =
  process.env['BENCH_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(
  urlOrWork: string | ((client: pg.Client) => Promise<T>),
  maybeWork?: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const [url, work] =
    typeof urlOrWork === 'string' ? [urlOrWork, maybeWork!] : [ADMIN_URL, urlOrWork];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function databaseExists(name: string): Promise<boolean> {
  return withAdmin(async (c) => {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    return r.rowCount === 1;
  });
}

/** Creates database `name`, empty or as a copy of `template` (which nobody may be connected to). */
export async function createDatabase(name: string, template?: string): Promise<string> {
  await withAdmin((c) =>
    c.query(
      `create database ${pg.escapeIdentifier(name)}` +
        (template ? ` template ${pg.escapeIdentifier(template)}` : ''),
    ),
  );
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) =>
    c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
  );
}

export async function serverVersion(): Promise<string> {
  try {
    return await withAdmin(async (c) => {
      const r = await c.query<{ v: string }>("select current_setting('server_version') as v");
      return `PostgreSQL ${r.rows[0]?.v ?? '?'}`;
    });
  } catch (err) {
    return `PostgreSQL unreachable (${(err as Error).message})`;
  }
}

/** Settings that shape the figures, for the record. */
export async function serverSettings(adminUrl = ADMIN_URL): Promise<string> {
  return withAdmin(adminUrl, async (c) => {
    const r = await c.query<{ name: string; setting: string; unit: string | null }>(
      `select name, setting, unit from pg_settings
       where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'jit')
       order by name`,
    );
    return r.rows.map((s) => `${s.name}=${s.setting}${s.unit ? ` ${s.unit}` : ''}`).join(', ');
  });
}

/** Pids of the backends connected to database `name` right now (on `adminUrl`'s server). */
export async function backendPids(name: string, adminUrl = ADMIN_URL): Promise<number[]> {
  return withAdmin(adminUrl, async (c) => {
    const r = await c.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    return r.rows.map((row) => Number(row.pid));
  });
}

/**
 * Lets the system PostgreSQL finish what an earlier run left (dirty buffers of a dropped
 * database, autovacuum), so that it does not weigh on the next run: a checkpoint, then a pause.
 */
export async function settle(seconds = 5): Promise<void> {
  await withAdmin((c) => c.query('checkpoint')).catch(() => {});
  await new Promise((r) => setTimeout(r, seconds * 1000));
}
