import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT, WEB_CONFIG, WEB_DIST } from '../paths.ts';
import { webIsBuilt } from './routes/ui.ts';

/** Whether any source of the UI changed after the built UI was written (a pull, an edit). */
function webSourcesNewer(): boolean {
  const builtAt = statSync(join(WEB_DIST, 'index.html')).mtimeMs;
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
 */
export async function ensureWebBuilt(log: (msg: string) => void): Promise<void> {
  const built = webIsBuilt();
  if (built && !webSourcesNewer()) return;
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
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', WEB_CONFIG, '--logLevel', 'warn'],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`The web UI build failed (exit code ${code})`)),
    );
  });
}
