// Who caused the return decides who pays return shipping and whether a restocking fee applies.
export const FAULTS = ['seller', 'buyer'] as const;
export type Fault = (typeof FAULTS)[number];

export type ReasonCode =
  | 'damaged'
  | 'defective'
  | 'wrong_item'
  | 'not_as_described'
  | 'missing_parts'
  | 'changed_mind'
  | 'wrong_size'
  | 'no_longer_needed';

export const REASONS: readonly { code: ReasonCode; fault: Fault }[] = [
  { code: 'damaged', fault: 'seller' },
  { code: 'defective', fault: 'seller' },
  { code: 'wrong_item', fault: 'seller' },
  { code: 'not_as_described', fault: 'seller' },
  { code: 'missing_parts', fault: 'seller' },
  { code: 'changed_mind', fault: 'buyer' },
  { code: 'wrong_size', fault: 'buyer' },
  { code: 'no_longer_needed', fault: 'buyer' },
];

/** Why a seller may reject a return request (a note is always required as well). */
export type RejectReason =
  | 'no_defect_found'
  | 'damage_caused_by_buyer'
  | 'item_used'
  | 'insufficient_evidence'
  | 'duplicate_request'
  | 'other';

export const REJECT_REASONS: readonly RejectReason[] = [
  'no_defect_found',
  'damage_caused_by_buyer',
  'item_used',
  'insufficient_evidence',
  'duplicate_request',
  'other',
];

/** Why a seller may refuse the returned parcel after inspection (evidence is required). */
export type PackageRejectReason =
  | 'empty_package'
  | 'wrong_item'
  | 'used_or_damaged'
  | 'missing_parts';

export const PACKAGE_REJECT_REASONS: readonly PackageRejectReason[] = [
  'empty_package',
  'wrong_item',
  'used_or_damaged',
  'missing_parts',
];

export function isReasonCode(value: unknown): value is ReasonCode {
  return REASONS.some((r) => r.code === value);
}

export function faultOf(reason: ReasonCode): Fault {
  return REASONS.find((r) => r.code === reason)?.fault ?? 'buyer';
}

export const SELLER_FAULT_REASONS: readonly ReasonCode[] = REASONS.filter(
  (r) => r.fault === 'seller',
).map((r) => r.code);
