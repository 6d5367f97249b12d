import type { CommandName } from './case.ts';

export type ErrorCode =
  | 'transition_not_allowed'
  | 'actor_not_allowed'
  | 'validation_failed'
  | 'limit_reached'
  | 'deadline_passed'
  | 'not_due'
  | 'not_eligible';

export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorDetails {
  allowed_commands?: CommandName[];
  fields?: FieldError[];
  /** The business rule that refused the command, when the table allowed it but a guard did not. */
  rule?: string;
  limit?: number;
  due_at?: Date | null;
  [key: string]: unknown;
}

/** The one error the domain returns; `code` is stable and is what the HTTP layer maps to a status. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  details: ErrorDetails = {},
): Result<T> {
  return { ok: false, error: new DomainError(code, message, details) };
}

export function invalid<T = never>(fields: FieldError[]): Result<T> {
  const first = fields[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  return fail('validation_failed', `Invalid input (${summary})`, { fields });
}
