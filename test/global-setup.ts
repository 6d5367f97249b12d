import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory, dumped once; each test file starts from a copy (~1 s). */
    pgliteDumpPath: string;
    /** The UI built for this test run. */
    webDist: string;
  }
}

// A new PGlite takes 6-10 s to initialise; migrating once and loading the dump per file saves minutes.
export default async function setup(project: TestProject): Promise<() => void> {
  // Browser tests use the UI built from the current sources, into this run's own directory.
  const webDist = mkdtempSync(join(tmpdir(), 'sendback-web-'));
  const { build } = await import('vite');
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn', build: { outDir: webDist } });
  project.provide('webDist', webDist);
  const dir = mkdtempSync(join(tmpdir(), 'sendback-test-'));
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await migrate(database.db);
  const dump = await pglite.dumpDataDir('none');
  const path = join(dir, 'migrated.tar');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteDumpPath', path);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(webDist, { recursive: true, force: true });
  };
}
