import type { DomainError } from '../domain/index.ts';
import { AppError } from './errors.ts';

/** A domain refusal as the app's error; field paths are relative to the request body. */
export function fromDomain(error: DomainError, bodyPrefix = 'body'): AppError {
  const { fields, due_at, ...rest } = error.details;
  const details: Record<string, unknown> = { ...rest };
  if (due_at !== undefined) details['due_at'] = due_at?.toISOString() ?? null;
  if (fields) {
    details['fields'] = fields.map((f) => ({
      // The domain writes lines[0].quantity; the API's paths are dotted like the schema errors.
      path: f.path ? `${bodyPrefix}.${f.path.replace(/\[(\d+)\]/g, '.$1')}` : bodyPrefix,
      message: f.message,
    }));
  }
  return new AppError(error.code, error.message, details);
}
