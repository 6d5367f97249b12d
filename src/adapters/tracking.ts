/**
 * Real tracking: the port through which a case's tracking number is registered with a tracking
 * provider, and the provider's signed webhooks are verified and turned into carrier updates.
 */

export type TrackingUpdateStatus =
  | 'accepted'
  | 'in_transit'
  | 'delivered'
  | 'exception'
  | 'lost'
  | 'returned_to_sender';

/** One carrier update as the app ingests it (exactly once per `event_id`). */
export interface TrackingUpdate {
  /** Stable for the same update: the provider's event id plus what makes it unique. */
  event_id: string;
  carrier: string;
  tracking_number: string;
  status: TrackingUpdateStatus;
  occurred_at: Date;
  /** The carrier's words for the scan ("Arrived at USPS facility, Kearny NJ"). */
  description?: string;
}

export type RegisterOutcome =
  | { status: 'registered'; reference: string }
  | { status: 'failed'; retryable: boolean; error: string };

/** The webhook could not be trusted: a missing or wrong signature, a stale timestamp, bad JSON. */
export class WebhookRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRefused';
  }
}

export interface TrackingProvider {
  readonly name: string;
  /** Asks the provider to follow a tracking number; registering a number twice is harmless. */
  register(carrier: string, trackingNumber: string): Promise<RegisterOutcome>;
  /**
   * Verifies the webhook with the provider's own signature scheme, on the exact bytes received,
   * and maps it to updates (none when the event is not about tracking). Throws WebhookRefused.
   */
  parseWebhook(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    now: Date,
  ): Promise<TrackingUpdate[]>;
}
