import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.ts';
import { ensureEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { migrate } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The maintenance database of this run's embedded PostgreSQL server. */
    embeddedAdminUrl: string;
    /** A migrated database on each server, which every test file's database is cloned from. */
    templates: { embedded: string; postgres?: string };
    /** The UI built for this test run. */
    webDist: string;
  }
}

/** A database migrated once: `CREATE DATABASE … TEMPLATE` copies it in a fraction of a second. */
async function migratedTemplate(adminUrl: string, name: string): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => {});
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 1 });
  await migrate(database.db);
  await database.close();
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}

/**
 * One embedded PostgreSQL server for the whole run (the binaries `npm ci` installed, in a temporary
 * folder, fsync off: tests need no durability), and a migrated template on it, and on the system
 * PostgreSQL when TEST_DATABASE_URL names one. The UI is built once for the browser tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const webDist = mkdtempSync(join(tmpdir(), 'sendback-web-'));
  const { build } = await import('vite');
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn', build: { outDir: webDist } });
  project.provide('webDist', webDist);

  const dataDir = mkdtempSync(join(tmpdir(), 'sendback-test-pg-'));
  // Run as root (CI), PostgreSQL runs as an unprivileged account that must reach the folder.
  chmodSync(dataDir, 0o755);
  const server = await ensureEmbeddedPostgres({
    dataDir,
    settings: {
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: '300',
    },
  });
  project.provide('embeddedAdminUrl', server.adminUrl);
  const name = `sendback_template_${process.pid}`;
  const drops = [await migratedTemplate(server.adminUrl, name)];
  const templates: { embedded: string; postgres?: string } = { embedded: name };
  const systemUrl = process.env['TEST_DATABASE_URL'];
  if (systemUrl) {
    drops.push(await migratedTemplate(systemUrl, name));
    templates.postgres = name;
  }
  project.provide('templates', templates);
  return async () => {
    for (const drop of drops) await drop().catch(() => {});
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(webDist, { recursive: true, force: true });
  };
}
