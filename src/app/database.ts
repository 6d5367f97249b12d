/**
 * The database handle every use case takes, named here for the layers above the app (src/http,
 * the CLI's callers) so they never reach into src/db: they open it (src/runtime.ts) and pass it.
 */
export type { Database, Db } from '../db/database.ts';
