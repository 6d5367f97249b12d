import type { App } from '../../src/http/app.ts';

/** A tiny client over app.inject for tests: JSON in, status and JSON out. */
export function client(app: App) {
  const send = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    token: string | undefined,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const body: Json = res.body ? safeJson(res.body) : undefined;
    return { status: res.statusCode, body, headers: res.headers };
  };
  return {
    get: (url: string, who?: { token: string }, headers?: Record<string, string>) =>
      send('GET', url, who?.token, undefined, headers),
    post: (
      url: string,
      who: { token: string } | undefined,
      payload: unknown = {},
      headers?: Record<string, string>,
    ) => send('POST', url, who?.token, payload, headers),
    put: (
      url: string,
      who: { token: string } | undefined,
      payload: unknown,
      headers?: Record<string, string>,
    ) => send('PUT', url, who?.token, payload, headers),
    delete: (url: string, who?: { token: string }) => send('DELETE', url, who?.token),
    send,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are inspected dynamically
export type Json = any;
