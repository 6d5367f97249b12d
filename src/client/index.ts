import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

/** A typed client for the Sendback API, generated from its OpenAPI document. */
export function sendbackClient(options: {
  baseUrl: string;
  apiKey?: string;
  fetch?: typeof fetch;
}) {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
  });
}

export type { components, paths } from './schema.ts';
