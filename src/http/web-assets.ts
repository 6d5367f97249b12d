import { WEB_CONFIG } from '../paths.ts';
import { webIsBuilt } from './routes/ui.ts';

/** `npm start` on a fresh clone: build the UI once (about 5 s) so the server can serve it. */
export async function ensureWebBuilt(log: (msg: string) => void): Promise<void> {
  if (webIsBuilt()) return;
  log('Building the web UI (first start only)…');
  const { build } = await import('vite');
  await build({
    configFile: WEB_CONFIG,
    logLevel: 'warn',
  });
}
