import type { ChecksCredentials } from '../adapters/credentials.ts';
import { EasyPostLabels, EasyPostTracking } from '../adapters/easypost.ts';
import type { LabelProvider } from '../adapters/labels.ts';
import type { PaymentGateway, PaymentWebhooks } from '../adapters/payments.ts';
import { ShippoLabels, ShippoTracking } from '../adapters/shippo.ts';
import { SimulatedLabels } from '../adapters/simulated-labels.ts';
import { StripeGateway, StripeRefundWebhooks } from '../adapters/stripe.ts';
import type { TrackingProvider } from '../adapters/tracking.ts';
import type { Providers } from '../config.ts';

/**
 * The outside parties, built from the configuration: which label provider buys labels, which
 * tracking provider follows parcels and sends their news, and who pays refunds to the original
 * payment. The simulated ones are the demo's defaults.
 */
export interface OutsideParties {
  labels: LabelProvider | null;
  tracking: TrackingProvider | null;
  /** The card processor for refunds to the original payment; null: the simulated one. */
  cardRefunds: PaymentGateway | null;
  refundWebhooks: PaymentWebhooks | null;
}

/** `https://host:port/path` as the Stripe SDK's host, port and protocol options. */
function stripeEndpoint(base: string | undefined) {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === 'http:' ? ('http' as const) : ('https' as const);
  return {
    host: url.hostname,
    port: Number(url.port || (protocol === 'http' ? 80 : 443)),
    protocol,
  };
}

export function outsideParties(providers: Providers): OutsideParties {
  const l = providers.labels;
  const labels =
    l.kind === 'easypost'
      ? new EasyPostLabels({ apiKey: l.apiKey, ...(l.baseUrl ? { baseUrl: l.baseUrl } : {}) })
      : l.kind === 'shippo'
        ? new ShippoLabels({ apiKey: l.apiKey, ...(l.baseUrl ? { serverURL: l.baseUrl } : {}) })
        : l.kind === 'simulated'
          ? new SimulatedLabels()
          : null;
  const t = providers.tracking;
  const tracking =
    t.kind === 'easypost'
      ? new EasyPostTracking({
          apiKey: t.apiKey,
          webhookSecret: t.webhookSecret,
          ...(t.baseUrl ? { baseUrl: t.baseUrl } : {}),
        })
      : t.kind === 'shippo'
        ? new ShippoTracking({
            apiKey: t.apiKey,
            webhookSecret: t.webhookSecret,
            ...(t.baseUrl ? { serverURL: t.baseUrl } : {}),
          })
        : null;
  const r = providers.refunds;
  return r.kind === 'stripe'
    ? {
        labels,
        tracking,
        cardRefunds: new StripeGateway({ secretKey: r.secretKey, ...stripeEndpoint(r.baseUrl) }),
        refundWebhooks: new StripeRefundWebhooks({ webhookSecret: r.webhookSecret }),
      }
    : { labels, tracking, cardRefunds: null, refundWebhooks: null };
}

const checks = (x: unknown): x is ChecksCredentials =>
  typeof (x as Partial<ChecksCredentials> | null)?.checkCredentials === 'function';

/**
 * Asks each configured provider whether it accepts its key, once, at start. A refused key is named
 * by its variable (the process should not start); an unreachable provider is only reported.
 */
export async function checkCredentials(
  providers: Providers,
  parties: OutsideParties,
): Promise<{
  refused: { variable: string; message: string }[];
  unreachable: { provider: string; error: string }[];
}> {
  const variables = new Map<unknown, string>();
  if (providers.labels.kind === 'easypost') variables.set(parties.labels, 'EASYPOST_API_KEY');
  if (providers.labels.kind === 'shippo') variables.set(parties.labels, 'SHIPPO_API_KEY');
  if (providers.tracking.kind === 'easypost') variables.set(parties.tracking, 'EASYPOST_API_KEY');
  if (providers.tracking.kind === 'shippo') variables.set(parties.tracking, 'SHIPPO_API_KEY');
  if (providers.refunds.kind === 'stripe') variables.set(parties.cardRefunds, 'STRIPE_SECRET_KEY');
  const refused: { variable: string; message: string }[] = [];
  const unreachable: { provider: string; error: string }[] = [];
  const seen = new Set<string>();
  for (const [party, variable] of variables) {
    if (!checks(party) || seen.has(variable)) continue;
    seen.add(variable);
    const answer = await party.checkCredentials();
    if (answer.status === 'refused') {
      refused.push({ variable, message: `was refused by the provider: ${answer.error}` });
    } else if (answer.status === 'unreachable') {
      unreachable.push({ provider: variable.split('_')[0]!.toLowerCase(), error: answer.error });
    }
  }
  return { refused, unreachable };
}
