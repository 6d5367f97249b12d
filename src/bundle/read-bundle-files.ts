import { readFile } from 'node:fs/promises';
import type { Jwks } from './format.ts';
import { type BundleReport, verifyBundle } from './verify-bundle.ts';

/** A usage problem: the file cannot be read, the JWKS cannot be had. */
export class BundleInputError extends Error {}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new BundleInputError(`cannot read the ${what} ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BundleInputError(`the ${what} ${path} is not JSON`);
  }
}

/** The published keys from a file or an http(s) URL (the platform's /.well-known/jwks.json). */
export async function loadJwks(source: string): Promise<Jwks> {
  let value: unknown;
  if (/^https?:\/\//i.test(source)) {
    let res: Response;
    try {
      res = await fetch(source, { signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new BundleInputError(`cannot fetch the JWKS ${source}: ${(err as Error).message}`);
    }
    if (!res.ok) throw new BundleInputError(`the JWKS ${source} answered ${res.status}`);
    value = await res.json().catch(() => null);
  } else {
    value = await readJson(source, 'JWKS');
  }
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new BundleInputError(`${source} is not a JWKS (no "keys" list)`);
  return { keys } as Jwks;
}

/**
 * `sendback verify-bundle FILE [--jwks FILE|URL]`: the report, the lines to print and the exit
 * code: 0 verified against the keys given, 1 broken, 3 consistent but checked only with the key the
 * bundle carries (no --jwks).
 */
export async function verifyBundleFile(
  file: string,
  jwksSource: string | undefined,
): Promise<{ report: BundleReport; lines: string[]; exitCode: number }> {
  const bundle = await readJson(file, 'bundle');
  const jwks = jwksSource ? await loadJwks(jwksSource) : null;
  const report = verifyBundle(bundle, jwks);
  const lines = report.checks.map(
    (c) => `${c.ok ? 'ok    ' : 'BROKEN'}  ${c.check.padEnd(11)} ${c.detail}`,
  );
  if (report.authenticated) {
    lines.push(`The bundle of ${report.case_id} verifies.`);
  } else if (report.ok) {
    lines.push(
      `The bundle of ${report.case_id} is consistent, but it was checked with the key it carries: ` +
        "anyone can make such a file. Pass --jwks with the platform's /.well-known/jwks.json " +
        'to check who signed it.',
    );
  } else {
    lines.push(`The bundle does not verify: ${report.first_break!.detail}`);
  }
  return { report, lines, exitCode: report.authenticated ? 0 : report.ok ? 3 : 1 };
}
