// The text of web/src/generated/domain.ts: the domain's lists of states, reasons and the like, as
// plain constants that the UI bundles without the rest of the domain (luxon, date-holidays, ...).
import {
  CASE_STATES,
  CASE_TYPES,
  DEADLINE_NAMES,
  FAULTS,
  NEXT_ACTIONS,
  OUTCOMES,
  PACKAGE_REJECT_REASONS,
  REASONS,
  REFUND_DESTINATIONS,
  REJECT_REASONS,
  ROLES,
  TERMINAL_STATES,
  WAITING,
} from '../src/domain/index.ts';

/** The generated module, from the project's folder. */
export const WEB_DOMAIN_PATH = 'web/src/generated/domain.ts';

function quote(value: string): string {
  // Every value is a snake_case code; anything else would need escaping, so it is refused.
  if (!/^[a-z][a-z0-9_]*$/.test(value)) throw new Error(`not a code: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** One exported constant: its doc comment, `export const NAME = value`, and what follows. */
function constant(doc: string, name: string, value: string, after = ''): string {
  return `/** ${doc} */\nexport const ${name} = ${value}${after};\n`;
}

function list(values: readonly string[]): string {
  return `[\n${values.map((v) => `  ${quote(v)},\n`).join('')}] as const`;
}

/** A list that is its own type: `export type Type = (typeof NAME)[number]` follows it. */
function typeList(doc: string, name: string, values: readonly string[], type: string): string {
  return `${constant(doc, name, list(values))}export type ${type} = (typeof ${name})[number];\n`;
}

/** A list of values of a type declared above. */
function subList(doc: string, name: string, values: readonly string[], type: string): string {
  return constant(doc, name, list(values), ` satisfies readonly ${type}[]`);
}

/** The module's text; test/web-domain.test.ts compares it with the committed file. */
export function webDomainSource(): string {
  const reasons = REASONS.map((r) => `  { code: ${quote(r.code)}, fault: ${quote(r.fault)} },\n`);
  const waiting = CASE_STATES.map((state) => {
    const actor = WAITING[state]?.actor;
    return `  ${state}: ${actor ? quote(actor) : 'null'},\n`;
  });
  const byFault = (fault: string) => REASONS.filter((r) => r.fault === fault).map((r) => r.code);
  return [
    '// Generated from src/domain by `npm run gen:web-domain` (scripts/generate-web-domain.ts).',
    '// Do not edit: change the domain and run it again. test/web-domain.test.ts fails while this',
    '// file differs from what the domain says.',
    '/* biome-ignore-all format: generated */',
    '',
    typeList('Every state of a return case.', 'CASE_STATES', CASE_STATES, 'CaseState'),
    subList('The states a case never leaves.', 'TERMINAL_STATES', TERMINAL_STATES, 'CaseState'),
    constant(
      'Who each state waits for (null: nobody, the case is finished).',
      'WAITING_FOR',
      `{\n${waiting.join('')}} as const`,
      ' satisfies Record<CaseState, Role | null>',
    ),
    typeList(
      'What a case waits for next (`next_action.action` in answers).',
      'NEXT_ACTIONS',
      NEXT_ACTIONS,
      'NextActionName',
    ),
    typeList('The kinds of case.', 'CASE_TYPES', CASE_TYPES, 'CaseType'),
    typeList('How a closed case ended.', 'OUTCOMES', OUTCOMES, 'Outcome'),
    typeList(
      'Where a refund is paid.',
      'REFUND_DESTINATIONS',
      REFUND_DESTINATIONS,
      'RefundDestination',
    ),
    typeList('Who acts on a case.', 'ROLES', ROLES, 'Role'),
    typeList('Who caused a return.', 'FAULTS', FAULTS, 'Fault'),
    `${constant(
      'The reasons a buyer may give, each with whose fault it is.',
      'REASONS',
      `[\n${reasons.join('')}] as const`,
      ' satisfies readonly { code: string; fault: Fault }[]',
    )}export type ReasonCode = (typeof REASONS)[number]['code'];\n`,
    subList(
      'The reason codes, in the order above.',
      'REASON_CODES',
      REASONS.map((r) => r.code),
      'ReasonCode',
    ),
    subList(
      'The reasons that are the seller’s fault.',
      'SELLER_FAULT_REASONS',
      byFault('seller'),
      'ReasonCode',
    ),
    subList(
      'The reasons that are the buyer’s fault.',
      'BUYER_FAULT_REASONS',
      byFault('buyer'),
      'ReasonCode',
    ),
    typeList(
      'Why a seller may reject a request.',
      'REJECT_REASONS',
      REJECT_REASONS,
      'RejectReason',
    ),
    typeList(
      'Why a seller may refuse the returned parcel.',
      'PACKAGE_REJECT_REASONS',
      PACKAGE_REJECT_REASONS,
      'PackageRejectReason',
    ),
    typeList(
      'The deadlines a return policy sets.',
      'DEADLINE_NAMES',
      DEADLINE_NAMES,
      'DeadlineName',
    ),
  ].join('\n');
}
