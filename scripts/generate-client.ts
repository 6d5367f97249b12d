// Writes src/client/schema.ts (TypeScript types of the API) from the OpenAPI document.
import { writeFileSync } from 'node:fs';
import { clientSchemaSource } from '../src/client/generate.ts';

writeFileSync(new URL('../src/client/schema.ts', import.meta.url), await clientSchemaSource());
process.stdout.write('wrote src/client/schema.ts\n');
