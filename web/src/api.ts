import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '../../src/client/schema.ts';

export type Schemas = components['schemas'];
export type ReturnCase = Schemas['ReturnCase'];
export type Order = Schemas['Order'];
export type Message = Schemas['Message'];
export type ReturnAddressSnapshot = Schemas['ReturnAddressSnapshot'];
export type ReturnAddress = Schemas['ReturnAddress'];
export type PrepaidLabel = Schemas['PrepaidLabel'];

/** The CSRF token of the current session; unsafe requests echo it (the cookie alone is not enough). */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** A problem+json answer, thrown so React Query shows it and forms can mark the failing fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: {
      code?: string;
      title?: string;
      detail?: string;
      errors?: { path: string; message: string }[];
      allowed_commands?: string[];
      /** The business rule that refused a command (return_address_missing, label_exists…). */
      rule?: string;
    },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

// Countdowns follow the server's clock (which is the manual test clock when that is on).
let serverOffsetMs = 0;
export function setServerTime(iso: string) {
  serverOffsetMs = new Date(iso).getTime() - Date.now();
}
export function serverNow(): number {
  return Date.now() + serverOffsetMs;
}

/** For requests made with plain fetch (multipart uploads). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !['GET', 'HEAD'].includes(request.method)) {
      request.headers.set('x-csrf-token', csrfToken);
    }
    return request;
  },
};

export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
});
api.use(csrf);

/** Unwraps an openapi-fetch answer: the data, or an ApiError. */
export async function unwrap<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await promise;
  if (error !== undefined || !response.ok) {
    throw new ApiError(response.status, (error ?? {}) as ApiError['problem']);
  }
  return data as T;
}

/** A fresh Idempotency-Key per user action: a retried click never runs the command twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
