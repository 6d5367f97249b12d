import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The seams CONTRIBUTING.md describes, checked on the source: each layer imports only what it may,
 * and SQL is built only in src/db (and the demo's bulk loader, which lives outside src/app).
 */
const ROOT = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Every module a file imports: repo-relative paths for relative imports, package names else. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map(
    (m) => m[1]!,
  );
  return specifiers.map((s) =>
    s.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), s)) : s,
  );
}

function offenders(dir: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((target) => `${file} imports ${target}`),
  );
}

describe('the layers', () => {
  it('src/domain imports nothing of the service and no I/O', () => {
    expect(
      offenders('src/domain', (t) =>
        t.startsWith('src/')
          ? !t.startsWith('src/domain/')
          : /^(node:|pg$|drizzle|fastify)/.test(t),
      ),
    ).toEqual([]);
  });

  it('src/http reaches the database only through use cases', () => {
    expect(
      offenders(
        'src/http',
        (t) => t.startsWith('src/db/') || t.startsWith('drizzle-orm') || t === 'pg',
      ),
    ).toEqual([]);
  });

  it('src/adapters know neither the database nor the app (they get ports)', () => {
    expect(
      offenders(
        'src/adapters',
        (t) => t.startsWith('src/db/') || t.startsWith('src/app/') || t.startsWith('src/http/'),
      ),
    ).toEqual([]);
  });

  it('src/app builds no SQL: its queries live in src/db', () => {
    const builders = sourceFiles('src/app').filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return /from 'drizzle-orm|from '[./]*db\/schema\.ts'|\bsql`/.test(text);
    });
    expect(builders).toEqual([]);
    expect(offenders('src/app', (t) => t === 'pg' || t.startsWith('src/http/'))).toEqual([]);
  });

  it('src/app holds no seeds (the demo lives in src/demo)', () => {
    expect(sourceFiles('src/app').filter((f) => /seed/i.test(f))).toEqual([]);
    expect(offenders('src/app', (t) => t.startsWith('src/demo/'))).toEqual([]);
  });
});
