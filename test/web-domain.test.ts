import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withDiagram } from '../scripts/state-diagram.ts';
import { WEB_DOMAIN_PATH, webDomainSource } from '../scripts/web-domain-source.ts';

describe('the UI’s copy of the domain’s lists', () => {
  it('is what the domain says now (run `npm run gen:web-domain` when this fails)', () => {
    const committed = readFileSync(new URL(`../${WEB_DOMAIN_PATH}`, import.meta.url), 'utf8');
    expect(committed).toBe(webDomainSource());
  });
});

describe('the README state diagram', () => {
  it('is drawn from the transition table as it is (run `npm run gen:state-diagram`)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(withDiagram(readme)).toBe(readme);
  });
});
