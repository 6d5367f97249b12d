import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'RESULTS.md');

const HEADER = `# Benchmark results

Written by the benchmarks in \`bench/\` (see \`bench/README.md\`): each command replaces its own
section below (between its \`<!-- bench:… -->\` markers) and leaves every other section alone.
Figures from one run are comparable with each other (ratios); absolute figures depend on the
machine and its load, which each section records.
`;

/**
 * Replaces the section `id` of bench/RESULTS.md (between `<!-- bench:id -->` and
 * `<!-- /bench:id -->`), or appends it; the rest of the file (other benchmarks' sections, an
 * Analytics section written by hand) is kept as it is.
 */
export function writeSection(id: string, markdown: string): void {
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : HEADER;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) {
    text = text.slice(0, a) + block + text.slice(b + end.length);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(RESULTS, text);
}
