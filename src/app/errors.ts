/**
 * The one error type use cases throw. Its `code` is stable and documented; the HTTP layer maps
 * codes to statuses in one table (src/http/problem.ts), so nothing else chooses a status.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'transition_not_allowed'
  | 'actor_not_allowed'
  | 'limit_reached'
  | 'not_eligible'
  | 'deadline_passed'
  | 'not_due'
  | 'conflict'
  | 'version_mismatch'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error';

export interface FieldProblem {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> & { fields?: FieldProblem[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
