import { readFileSync, writeFileSync } from 'node:fs';
import { CASE_TYPES, type CaseState, TRANSITIONS, type Transition } from '../src/domain/index.ts';

/**
 * The README's state diagram, drawn from the transition table itself (so it cannot drift):
 * `npm run gen:state-diagram` rewrites the block between the markers; a test checks it is current.
 */
export const BEGIN = '<!-- state-diagram:begin (npm run gen:state-diagram) -->';
export const END = '<!-- state-diagram:end -->';

function targets(row: Transition): string[] {
  const to = row.to;
  if (typeof to === 'string') return [to];
  if ('of' in to) return [...to.states];
  return [...new Set(CASE_TYPES.map((type) => (to as Record<string, CaseState>)[type]!))];
}

export function stateDiagram(): string {
  const edges = new Map<string, string[]>();
  for (const row of TRANSITIONS) {
    for (const to of targets(row)) {
      if (to === row.from) continue;
      const key = `${row.from} --> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), `${row.command} (${row.actors.join('/')})`]);
    }
  }
  const lines = [...edges.entries()].map(
    ([edge, commands]) => `  ${edge}: ${[...new Set(commands)].join(', ')}`,
  );
  return [
    '```mermaid',
    'stateDiagram-v2',
    '  [*] --> requested: request (buyer)',
    ...lines,
    '```',
  ].join('\n');
}

export function withDiagram(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('README has no state-diagram markers');
  return `${readme.slice(0, start + BEGIN.length)}\n${stateDiagram()}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, withDiagram(readFileSync(path, 'utf8')));
  console.log('wrote the state diagram into README.md');
}
