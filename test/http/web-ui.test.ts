import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceBuild } from '../../src/http/web-assets.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/** A built UI in `dir`: a page that names one script, and that script. */
function writeBuild(dir: string, script: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><script type="module" src="/assets/${script}"></script>`,
  );
  writeFileSync(join(dir, 'assets', script), `console.log(${JSON.stringify(script)});`);
}

describe('a new build of the UI put in place while a node serves the old one', () => {
  const root = mkdtempSync(join(tmpdir(), 'sendback-web-'));
  const dist = join(root, 'dist');
  let t: TestApp;

  beforeAll(async () => {
    writeBuild(dist, 'index-old.js');
    t = await startTestApp('embedded', { SENDBACK_WEB_DIST: dist });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('serves the page, its script, and the page for the UI’s own routes', async () => {
    expect((await get('/')).body).toContain('/assets/index-old.js');
    expect((await get('/assets/index-old.js')).statusCode).toBe(200);
    expect((await get('/seller/queue')).body).toContain('/assets/index-old.js');
    const unknown = await get('/v1/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('route_not_found');
  });

  it('serves the new page and the script it names once the new build is in place', async () => {
    const fresh = mkdtempSync(`${dist}.building-`);
    writeBuild(fresh, 'index-new.js');
    replaceBuild(dist, fresh);

    expect((await get('/')).body).toContain('/assets/index-new.js');
    expect((await get('/seller/queue')).body).toContain('/assets/index-new.js');
    const script = await get('/assets/index-new.js');
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('index-new.js');
    // A page opened before the swap still loads what it names.
    expect((await get('/assets/index-old.js')).statusCode).toBe(200);
    expect((await get('/assets/index-gone.js')).statusCode).toBe(404);
  });

  it('leaves nothing of the swap behind', () => {
    expect(readdirSync(root)).toEqual(['dist']);
    expect(readdirSync(join(dist, 'assets')).sort()).toEqual(['index-new.js', 'index-old.js']);
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
  });

  it('puts a first build in place where there was none', () => {
    const first = join(mkdtempSync(join(tmpdir(), 'sendback-web-')), 'dist');
    const fresh = mkdtempSync(`${first}.building-`);
    writeBuild(fresh, 'index-first.js');
    replaceBuild(first, fresh);
    expect(readdirSync(join(first, 'assets'))).toEqual(['index-first.js']);
    expect(existsSync(fresh)).toBe(false);
  });

  it('keeps a replaced build’s assets for a day, not for ever', () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(join(dist, 'assets', 'index-old.js'), twoDaysAgo, twoDaysAgo);
    const fresh = mkdtempSync(`${dist}.building-`);
    writeBuild(fresh, 'index-newer.js');
    replaceBuild(dist, fresh);
    expect(readdirSync(join(dist, 'assets')).sort()).toEqual(['index-new.js', 'index-newer.js']);
  });
});
