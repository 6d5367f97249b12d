import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldProblem } from '../app/errors.ts';

/** RFC 9457 problem details, with Sendback's stable `code` and, for bad input, the failing fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  transition_not_allowed: 409,
  actor_not_allowed: 403,
  limit_reached: 409,
  not_eligible: 422,
  deadline_passed: 409,
  not_due: 409,
  conflict: 409,
  version_mismatch: 412,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
};

const TITLE: Record<ErrorCode, string> = {
  validation_failed: 'The request has invalid fields',
  malformed_request: 'The request could not be read',
  unauthenticated: 'Authentication required',
  forbidden: 'Not allowed',
  csrf_failed: 'Missing or wrong CSRF token',
  not_found: 'Not found',
  route_not_found: 'No such route',
  method_not_allowed: 'Method not allowed',
  transition_not_allowed: 'The case does not allow this command now',
  actor_not_allowed: 'Your role may not run this command',
  limit_reached: 'A limit has been reached',
  not_eligible: 'Not eligible for return',
  deadline_passed: 'The deadline has passed',
  not_due: 'The deadline has not been reached',
  conflict: 'Conflict',
  version_mismatch: 'The case changed since you read it',
  idempotency_key_reused: 'Idempotency-Key reused with a different request',
  idempotency_in_progress: 'A request with this Idempotency-Key is still running',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  service_unavailable: 'Service unavailable',
  internal_error: 'Internal error',
};

export const problemContentType = 'application/problem+json; charset=utf-8';

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function problemFor(error: AppError, instance?: string): Problem {
  const { fields, ...extensions } = error.details;
  const problem: Problem = {
    type: `https://sendback.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: TITLE[error.code],
    status: STATUS[error.code],
    detail: error.message,
    code: error.code,
    ...extensions,
  };
  if (instance) problem.instance = instance;
  if (fields) problem.errors = fields;
  return problem;
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const problem = problemFor(error, reply.request.url);
  // A refusal that ends at a known time says when (RFC 9110 Retry-After, in seconds).
  if (typeof problem['retry_after'] === 'number') {
    reply.header('retry-after', String(problem['retry_after']));
  }
  return reply.code(problem.status).type(problemContentType).send(problem);
}

/** Turns anything thrown while handling a request into problem+json, hiding internals on 5xx. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const err = error as FastifyError;
  if (isValidationError(err)) {
    const context = err.validationContext ?? 'body';
    const fields = unique(err.validation.flatMap((v) => fieldProblems(context, v)));
    return new AppError('validation_failed', 'Some fields are invalid.', { fields });
  }
  if (isResponseSerializationError(err)) {
    return new AppError('internal_error', 'The server could not produce a valid response.');
  }
  switch (err?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_request', 'The body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The body is too large.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('malformed_request', 'The Content-Length header is wrong.');
  }
  const status = err?.statusCode ?? 500;
  if (status === 429) return new AppError('rate_limited', 'Too many requests; slow down.');
  if (status >= 400 && status < 500) {
    return new AppError('malformed_request', err.message || 'The request could not be read.');
  }
  return new AppError('internal_error', 'Something went wrong on our side.');
}

function pathOf(instancePath: string | undefined): string[] {
  if (!instancePath) return [];
  return instancePath.split('/').filter(Boolean);
}

interface ValidationEntry {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** A request part refused by its validator (zod's issues, or the text rule's problems). */
function isValidationError(
  err: FastifyError | undefined,
): err is FastifyError & { validation: ValidationEntry[] } {
  return err?.code === 'FST_ERR_VALIDATION' && Array.isArray(err.validation);
}

/**
 * The fields one validation entry names. An object with unknown fields is one entry from zod; it
 * becomes one field per unknown key, each with its full path. The text rule gives its path as a
 * list (a field name may contain a slash).
 */
function fieldProblems(context: string, v: ValidationEntry): FieldProblem[] {
  const textPath = v.keyword === 'text' ? v.params?.['path'] : undefined;
  const at = Array.isArray(textPath)
    ? [context, ...(textPath as (string | number)[])]
    : [context, ...pathOf(v.instancePath)];
  const keys = v.params?.['keys'];
  if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
    return keys.map((key) => ({ path: [...at, key].join('.'), message: 'unknown field' }));
  }
  return [{ path: at.join('.'), message: v.message ?? 'invalid' }];
}

function unique(fields: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return fields.filter((f) => {
    const key = JSON.stringify([f.path, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (statusOf(appError.code) >= 500) {
    request.log.error({ err: error }, 'request failed');
  }
  return sendProblem(reply, appError);
}
