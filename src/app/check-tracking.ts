import { CARRIERS, checkTrackingNumber, type TrackingCheck } from '../adapters/carriers.ts';

/**
 * What the ship form shows while the buyer types: the carriers Sendback knows, and whether the
 * number looks like one of that carrier's (nothing is written). The ship command checks it again.
 */
export function trackingHelp(
  carrier: string | undefined,
  trackingNumber: string | undefined,
): { carriers: readonly string[]; check: TrackingCheck | null } {
  return {
    carriers: CARRIERS,
    check: carrier && trackingNumber ? checkTrackingNumber(carrier, trackingNumber) : null,
  };
}
