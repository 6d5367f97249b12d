// Writes web/src/generated/domain.ts (the domain's lists of states, reasons...) for the UI.
import { writeFileSync } from 'node:fs';
import { WEB_DOMAIN_PATH, webDomainSource } from './web-domain-source.ts';

writeFileSync(new URL(`../${WEB_DOMAIN_PATH}`, import.meta.url), webDomainSource());
process.stdout.write(`wrote ${WEB_DOMAIN_PATH}\n`);
