import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../http/openapi-document.ts';

/** The generated types' source text; a test compares it with the committed src/client/schema.ts. */
export async function clientSchemaSource(): Promise<string> {
  const doc = await openApiDocument();
  const ast = await openapiTS(doc as never);
  return `// Generated from the OpenAPI document by \`npm run gen:client\`. Do not edit.\n/* biome-ignore-all format: generated */\n/* biome-ignore-all lint: generated */\n${astToString(ast)}`;
}
