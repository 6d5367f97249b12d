import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_DOMAIN_PATH, webDomainSource } from '../scripts/web-domain-source.ts';

describe('the UI’s copy of the domain’s lists', () => {
  it('is what the domain says now (run `npm run gen:web-domain` when this fails)', () => {
    const committed = readFileSync(new URL(`../${WEB_DOMAIN_PATH}`, import.meta.url), 'utf8');
    expect(committed).toBe(webDomainSource());
  });
});
