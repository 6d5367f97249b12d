import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder: the nearest one above this module that holds a package.json. The same
 * whether the sources run from src/ (tsx) or from the server bundle in dist/ (`npm start`).
 */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const ROOT = projectRoot(dirname(fileURLToPath(import.meta.url)));

/** The versioned SQL migrations. */
export const MIGRATIONS_FOLDER = join(ROOT, 'src', 'db', 'migrations');
/** The built UI (`npm run build:web`, or the first `serve`). */
export const WEB_DIST = join(ROOT, 'web', 'dist');
/** The UI's build configuration. */
export const WEB_CONFIG = join(ROOT, 'web', 'vite.config.ts');
