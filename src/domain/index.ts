// The public API of Sendback's domain core: pure rules, no I/O, no clock reads.

export {
  addBusinessDays,
  addPolicyDuration,
  DEFAULT_REMINDER_HOURS,
  isBusinessDay,
  type PolicyDuration,
  parseCalendar,
  reminderInstants,
  type SellerCalendar,
} from './calendar.ts';
export {
  type Actor,
  type Appeal,
  type BuyerStanding,
  CASE_STATES,
  CASE_TYPES,
  type CaseLine,
  type CaseState,
  type CaseType,
  COMMAND_NAMES,
  type Command,
  type CommandName,
  type CommandOf,
  type DecideContext,
  type Decision,
  type DeliveryAddress,
  DISPOSITIONS,
  type Disposition,
  type DispositionKind,
  type Dispute,
  type DomainEvent,
  type EvidenceRequest,
  type ExchangeChoice,
  isReplacement,
  type LineVariant,
  type Order,
  type OrderLine,
  OUTCOMES,
  type Outcome,
  REFUND_DESTINATIONS,
  type RefundDestination,
  type Rejection,
  type ReplacementShipment,
  type RequestInput,
  type ReturnAddress,
  type ReturnCase,
  ROLES,
  type Role,
  type Shipment,
  shipsBack,
  TERMINAL_STATES,
} from './case.ts';
export { caseReference, withCaseReferences } from './case-reference.ts';
export { claimedQuantities, refundedFromOrder, returningQuantities } from './claims.ts';
export { decide, SYSTEM_ACTOR } from './decide.ts';
export { decideRequest } from './decide-request.ts';
export {
  type Blocker,
  type BlockerCode,
  eligibility,
  type LineEligibility,
  type OrderEligibility,
} from './eligibility.ts';
export {
  DomainError,
  type ErrorCode,
  type ErrorDetails,
  type FieldError,
  type Result,
} from './errors.ts';
export { evolve, startCase } from './evolve.ts';
export { allowedCommands, LIMITS } from './guards.ts';
export {
  allocateLargestRemainder,
  cumulativeShare,
  isCurrency,
  minorUnits,
  percentOf,
} from './money.ts';
export { type NextAction, type NextActionFacts, nextAction } from './next-action.ts';
export {
  type AutoApprovalRule,
  type CategoryRule,
  categoryRule,
  DEADLINE_NAMES,
  DEFAULT_POLICY,
  type DeadlineName,
  parsePolicy,
  type ReturnPolicy,
} from './policy.ts';
export {
  FAULTS,
  type Fault,
  faultOf,
  PACKAGE_REJECT_REASONS,
  type PackageRejectReason,
  REASONS,
  REJECT_REASONS,
  type ReasonCode,
  type RejectReason,
} from './reasons.ts';
export {
  computeRefund,
  linePaidAmounts,
  orderPaid,
  type RefundBreakdown,
  type RefundInput,
  type RefundLine,
  refundForCase,
  validateOrder,
} from './refund-calculator.ts';
export {
  type RecordedEvent,
  type ReplayFinding,
  type ReplayInput,
  type ReplayResult,
  replayDecisions,
} from './replay-decisions.ts';
export {
  expiryTarget,
  findTransition,
  type GuardName,
  NEXT_ACTIONS,
  type NextActionName,
  type Target,
  TRANSITIONS,
  type Transition,
  WAITING,
} from './transitions.ts';
export { hasVisibleText } from './validate.ts';
