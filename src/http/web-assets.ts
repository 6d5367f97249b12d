import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT, WEB_CONFIG, WEB_DIST } from '../paths.ts';
import { webIsBuilt } from './routes/ui.ts';

/** Whether any source of the UI changed after the built UI was written (a pull, an edit). */
function webSourcesNewer(dist: string): boolean {
  const builtAt = statSync(join(dist, 'index.html')).mtimeMs;
  const web = join(ROOT, 'web');
  const sources = [
    join(web, 'index.html'),
    WEB_CONFIG,
    ...['src', 'public'].flatMap((dir) =>
      existsSync(join(web, dir))
        ? readdirSync(join(web, dir), { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => join(e.parentPath, e.name))
        : [],
    ),
  ];
  return sources.some((file) => existsSync(file) && statSync(file).mtimeMs > builtAt);
}

/**
 * `npm start` on a fresh clone: build the UI once (about 5 s) so the server can serve it. The
 * build runs in a child process: Vite and Rollup would otherwise leave hundreds of megabytes in
 * the server's heap for as long as it runs.
 *
 * Another node may be serving this folder's UI meanwhile (two `serve` on one checkout, one started
 * after a pull). So the build goes to a folder of its own, keeps the assets of the build it
 * replaces (pages already open load their chunks by those names), and then takes the built UI's
 * place in one rename: a node never serves a half-written build, and one that serves from the
 * folder (app.ts) serves the new build whole from then on.
 */
export async function ensureWebBuilt(
  log: (msg: string) => void,
  dist: string = WEB_DIST,
): Promise<void> {
  const built = webIsBuilt(dist);
  if (built && !webSourcesNewer(dist)) return;
  log(
    built
      ? 'Rebuilding the web UI (its sources changed)…'
      : 'Building the web UI (first start only)…',
  );
  const vite = join(
    dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const fresh = mkdtempSync(`${dist}.building-`);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          vite,
          'build',
          '--config',
          WEB_CONFIG,
          '--outDir',
          fresh,
          '--emptyOutDir',
          '--logLevel',
          'warn',
        ],
        { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
      );
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`The web UI build failed (exit code ${code})`)),
      );
    });
    replaceBuild(dist, fresh);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

/** How long the assets of a replaced build are kept for pages opened before it was replaced. */
const OLD_ASSETS_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * Puts the build in `fresh` in the place of `dist`, keeping the assets of the one it replaces
 * (those written in the last day: builds after many pulls do not pile up).
 */
export function replaceBuild(dist: string, fresh: string, now = Date.now()): void {
  const oldAssets = join(dist, 'assets');
  if (existsSync(oldAssets)) {
    for (const name of readdirSync(oldAssets)) {
      const source = join(oldAssets, name);
      const target = join(fresh, 'assets', name);
      if (existsSync(target) || statSync(source).mtimeMs < now - OLD_ASSETS_KEPT_MS) continue;
      cpSync(source, target, { preserveTimestamps: true });
    }
  }
  // A folder cannot be renamed onto one with files in it: the old one steps aside first, and is
  // removed once the new one is in place. Another node rebuilding at the same moment may move it
  // first, or put its own build in place first: built from the same sources, that one will do.
  const old = `${fresh}.old`;
  try {
    renameSync(dist, old);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    renameSync(fresh, dist);
  } catch (err) {
    if (!webIsBuilt(dist)) throw err;
  }
  rmSync(old, { recursive: true, force: true });
}
