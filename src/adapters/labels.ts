/**
 * Prepaid return labels: the port the app buys labels through, and the shapes every label provider
 * (EasyPost, Shippo, the simulated one) answers with. Amounts are integer minor units.
 */

/** A postal address as providers need it. `country` is ISO 3166-1 alpha-2. */
export interface PostalAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postal_code: string;
  country: string;
  phone?: string;
  email?: string;
}

export interface Parcel {
  weight_grams: number;
  length_cm: number;
  width_cm: number;
  height_cm: number;
}

export interface LabelRequest {
  /** Derived from the case event that asked for the label: the same key never buys twice. */
  idempotency_key: string;
  case_id: string;
  /** The buyer's address: where the parcel starts. */
  from: PostalAddress;
  /** The shop's return address for the buyer's country: where the parcel goes. */
  to: PostalAddress;
  parcel: Parcel;
}

export type LabelFailure = {
  status: 'failed';
  /** Worth asking again later (timeouts, 5xx, rate limits); false: a person must act. */
  retryable: boolean;
  /** The provider's own reason, shown to the seller and the agent. */
  error: string;
};

/** The provider-side shipment a label will be bought for: created first, nothing paid yet. */
export type PrepareOutcome = { status: 'prepared'; shipment_reference: string } | LabelFailure;

export interface PurchasedLabel {
  /** The provider's id of the purchase (EasyPost shipment, Shippo transaction). */
  provider_reference: string;
  carrier: string;
  service: string;
  tracking_number: string;
  /** What the seller pays for the postage, in minor units of `currency`. */
  cost: number;
  currency: string;
  /** The label itself, as a PDF file's bytes. */
  label_pdf: Uint8Array;
  /** A drop-off QR code (PNG bytes) when the provider issues one; else the app draws its own. */
  qr_code_png?: Uint8Array;
}

export type BuyOutcome = { status: 'purchased'; label: PurchasedLabel } | LabelFailure;

/**
 * A label provider. The app stores `shipment_reference` before it buys, so a crash between the two
 * steps never loses a purchase: `buy` on a shipment that is already bought answers the label bought
 * the first time (providers refuse a second purchase of one shipment), never a second label.
 * Implementations never throw for provider answers; they map them to `failed`.
 */
export interface LabelProvider {
  readonly name: string;
  prepare(request: LabelRequest): Promise<PrepareOutcome>;
  buy(shipmentReference: string, request: LabelRequest): Promise<BuyOutcome>;
}
