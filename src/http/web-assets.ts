import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT, WEB_CONFIG } from '../paths.ts';
import { webIsBuilt } from './routes/ui.ts';

/**
 * `npm start` on a fresh clone: build the UI once (about 5 s) so the server can serve it. The
 * build runs in a child process: Vite and Rollup would otherwise leave hundreds of megabytes in
 * the server's heap for as long as it runs.
 */
export async function ensureWebBuilt(log: (msg: string) => void): Promise<void> {
  if (webIsBuilt()) return;
  log('Building the web UI (first start only)…');
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
