import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

// Words the server writes for people (providers' refund failures, upload refusals) in the
// reader's language. Unknown wordings are shown as the server wrote them.

const STRIPE_REASONS = [
  'charge_for_pending_refund_disputed',
  'declined',
  'expired_or_canceled_card',
  'insufficient_funds',
  'lost_or_stolen_card',
  'merchant_request',
  'unknown',
];

/** Why a refund failed, from the payment provider's words. */
export function refundFailureText(error: string | null | undefined, t: TFunction): string {
  if (!error) return t('common:refundFailure.unknown');
  const simulated: Record<string, string> = {
    declined: 'declined',
    processor_unavailable: 'unavailable',
    idempotency_key_mismatch: 'mismatch',
  };
  if (simulated[error]) return t(`common:refundFailure.${simulated[error]}`);
  const stripe = /^stripe refund (failed|canceled)(?::\s*(\w+))?/.exec(error);
  if (stripe) {
    const reason = stripe[2] && STRIPE_REASONS.includes(stripe[2]) ? stripe[2] : 'unknown';
    return t(`common:refundFailure.stripe.${reason}`);
  }
  if (/^stripe error:/.test(error)) return t('common:refundFailure.providerError');
  if (/currenc|whole units|minor units|too large for Stripe/i.test(error)) {
    return t('common:refundFailure.currency');
  }
  return error;
}

/** Why an upload was refused, from the server's problem answer. */
export function uploadRefusalText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const code = error.problem.code;
    if (code === 'unsupported_media_type' || error.status === 415) {
      return t('common:upload.refused.type');
    }
    if (code === 'payload_too_large' || error.status === 413) {
      return t('common:upload.refused.size');
    }
    if (code === 'validation_failed' || error.status === 422) {
      return t('common:upload.refused.unreadable');
    }
    if (error.status === 429) return t('common:upload.refused.rate');
  }
  return t('common:upload.refused.other');
}
