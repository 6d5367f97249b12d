// The policy's rules as the form shows them: one descriptor per field, rendered by PolicyRuleRow.

/** What kind of value a rule holds, which decides its input and its checks. */
export type RuleKind =
  | 'days'
  | 'reasons'
  | 'text'
  | 'payer'
  | 'money'
  | 'percent'
  | 'destinations'
  | 'currency'
  | 'reminders'
  | 'postage';

export interface RuleDescriptor {
  /** The form field (the policy's own field name). */
  name: string | [string, string];
  /** Its label is `policy.field.<key>`, its help (when `help`) `policy.help.<key>`. */
  key: string;
  kind: RuleKind;
  help?: true;
  /** A list that must keep at least one entry. */
  atLeastOne?: true;
}

// biome-ignore format: the table reads as aligned columns
export const POLICY_RULES = {
  window_days:                       { name: 'window_days',                                  key: 'windowDays',        kind: 'days',         help: true },
  reasons_allowed:                   { name: 'reasons_allowed',                              key: 'reasonsAllowed',    kind: 'reasons',      atLeastOne: true },
  refund_only_reasons:               { name: 'refund_only_reasons',                          key: 'refundOnlyReasons', kind: 'reasons',      help: true },
  condition_text:                    { name: 'condition_text',                               key: 'conditionText',     kind: 'text',         help: true },
  payer_seller_fault:                { name: ['return_shipping_payer', 'seller'],            key: 'payerSellerFault',  kind: 'payer' },
  payer_buyer_fault:                 { name: ['return_shipping_payer', 'buyer'],             key: 'payerBuyerFault',   kind: 'payer' },
  return_postage:                    { name: 'return_postage',                               key: 'returnPostage',     kind: 'postage',      help: true },
  return_shipping_reimbursement_cap: { name: 'return_shipping_reimbursement_cap',            key: 'reimbursementCap',  kind: 'money',        help: true },
  restocking_fee_pct:                { name: 'restocking_fee_pct',                           key: 'restockingFee',     kind: 'percent',      help: true },
  max_deduction_pct:                 { name: 'max_deduction_pct',                            key: 'maxDeduction',      kind: 'percent',      help: true },
  refund_destinations:               { name: 'refund_destinations',                          key: 'destinations',      kind: 'destinations', help: true, atLeastOne: true },
  currency:                          { name: 'currency',                                     key: 'currency',          kind: 'currency',     help: true },
  reminder_hours_before:             { name: 'reminder_hours_before',                        key: 'reminders',         kind: 'reminders',    help: true },
  tracking_silence_days:             { name: 'tracking_silence_days',                        key: 'trackingSilence',   kind: 'days',         help: true },
} as const satisfies Record<string, RuleDescriptor>;

export type PolicyRuleName = keyof typeof POLICY_RULES;
