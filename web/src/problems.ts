import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

// A failed request in the seller console's words, and a 422's field errors put on a form's fields.

/**
 * A problem+json field path as a form field name: `body.deadlines.seller_review.hours`,
 * `body.preparation_checklist[2]` or `body.auto_approval.0.max_amount`.
 */
export function problemPath(path: string): (string | number)[] {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The server's validation messages in the reader's language, where their wording is known. */
export function problemMessage(message: string, t: TFunction): string {
  let m = /^must be an integer from (-?\d+) to (-?\d+)$/.exec(message);
  if (m) return t('seller:problem.integer', { min: m[1], max: m[2] });
  m = /^must be a string of (\d+) to (\d+) characters$/.exec(message);
  if (m) return t('seller:problem.text', { min: m[1], max: m[2] });
  if (/^must be a percentage/.test(message)) return t('seller:problem.percent');
  if (/^must list at least/.test(message)) return t('seller:problem.list');
  if (/^must be a list of at most (\d+)/.test(message)) return t('seller:problem.tooMany');
  if (/^must list at most 5 whole hours/.test(message)) return t('seller:problem.reminders');
  if (/^evidence is required/.test(message)) return t('seller:problem.evidence');
  if (message === 'unknown field') return t('seller:problem.unknown');
  if (/^is not a valid postal code in /.test(message)) return t('seller:problem.postalCode');
  if (/^must be an ISO 3166-1 alpha-2/.test(message)) return t('seller:problem.country');
  if (message === 'lists a country twice') return t('seller:problem.countryTwice');
  if (message === 'nothing is left to offer part of') return t('seller:problem.nothingToOffer');
  return message;
}

/** A failed request in words for the person: conflicts and races get a sentence of their own. */
export function problemText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const code = error.problem.code;
    if (error.status === 412 || code === 'version_mismatch') return t('seller:problem.changed');
    if (code === 'transition_not_allowed' || code === 'actor_not_allowed') {
      return t('seller:problem.notAllowed');
    }
    if (code === 'deadline_passed') return t('seller:problem.deadlinePassed');
    if (code === 'validation_failed') return t('seller:problem.fields');
    if (code === 'rate_limited') return t('seller:problem.rateLimited');
    if (error.status >= 500) return t('seller:problem.server');
    return error.message;
  }
  if (error instanceof TypeError) return t('seller:problem.network');
  return error instanceof Error ? error.message : t('common:common.error');
}

/**
 * Puts a 422's field errors on the form's fields. `nameOf` maps an API path to a form field (null:
 * not a field of this form). Answers the messages that have no field, to show above the form.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  t: TFunction,
  nameOf: (path: (string | number)[]) => (string | number)[] | null = (p) => p,
): string[] {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const { path, message } of error.problem.errors) {
    const text = problemMessage(message, t);
    const name = nameOf(problemPath(path));
    if (!name || name.length === 0) {
      unplaced.push(`${path.replace(/^body\.?/, '') || '—'}: ${text}`);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  const first = byField.values().next().value;
  if (first) {
    form.scrollToField(first.name, { block: 'center' });
    form.focusField(first.name);
  }
  return unplaced;
}
