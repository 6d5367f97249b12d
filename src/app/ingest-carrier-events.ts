import { checkTrackingNumber } from '../adapters/carriers.ts';
import { recordCarrierEvent } from '../db/carrier-events.ts';
import { type Db, inTransaction } from '../db/database.ts';
import { type Command, type ReturnCase, SYSTEM_ACTOR } from '../domain/index.ts';
import { applyCaseCommand } from './apply-case-command.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';

export type TrackingStatus =
  | 'accepted'
  | 'in_transit'
  | 'delivered'
  | 'exception'
  | 'lost'
  /** The carrier is taking the parcel back to the buyer: it will not reach the seller. */
  | 'returned_to_sender';

export interface CarrierEventInput {
  /** The carrier's own id for this update; the same id twice is applied once. */
  event_id: string;
  carrier: string;
  tracking_number: string;
  status: TrackingStatus;
  occurred_at: Date;
}

export interface CarrierEventResult {
  event_id: string;
  duplicate: boolean;
  case_ids: string[];
  /** What happened per case: the commands applied, or why nothing was. */
  applied: { case_id: string; command: string | null; skipped?: string }[];
}

/**
 * What a tracking status means for a case, or why it changes nothing (late or repeated news). The
 * first scan of a prepaid label ships the case by itself (the buyer only dropped it off).
 */
function commandsFor(
  c: ReturnCase,
  e: CarrierEventInput,
): { commands: Command[] } | { skipped: string } {
  if (!c.shipment && c.state === 'awaiting_shipment' && c.label?.status === 'purchased') {
    if (e.status === 'lost' || e.status === 'returned_to_sender' || e.status === 'exception') {
      return { skipped: 'label_not_in_hands_of_carrier' };
    }
    const scanned: Command = { name: 'label_scanned', at: e.occurred_at };
    return e.status === 'delivered'
      ? { commands: [scanned, { name: 'carrier_delivered', delivered_at: e.occurred_at }] }
      : { commands: [scanned] };
  }
  if (c.state === 'replacement_shipped') {
    return e.status === 'delivered'
      ? { commands: [{ name: 'confirm_replacement', delivered_at: e.occurred_at }] }
      : { skipped: 'replacement_on_its_way' };
  }
  const plan = commandFor(c, e);
  return 'skipped' in plan ? plan : { commands: [plan.command] };
}

function commandFor(
  c: ReturnCase,
  e: CarrierEventInput,
): { command: Command } | { skipped: string } {
  const shipment = c.shipment;
  if (!shipment) return { skipped: 'not_shipped' };
  if (e.status === 'delivered') {
    if (shipment.delivered_at) return { skipped: 'already_delivered' };
    return { command: { name: 'carrier_delivered', delivered_at: e.occurred_at } };
  }
  if (shipment.delivered_at) return { skipped: 'older_than_delivery' };
  if (e.status === 'lost' || e.status === 'returned_to_sender') {
    if (shipment.lost) return { skipped: 'already_lost' };
    return { command: { name: 'report_lost' } };
  }
  if (shipment.last_tracking_at && e.occurred_at <= shipment.last_tracking_at) {
    return { skipped: 'out_of_order' };
  }
  return { command: { name: 'record_tracking', at: e.occurred_at, status: e.status } };
}

/**
 * Tracking updates from carriers (and the simulated carrier) become system commands on the cases
 * shipped with that number. Each update is stored once by its event id, in the same transaction
 * as its effects: a repeated update is reported as a duplicate and changes nothing.
 */
export async function ingestCarrierEvent(
  db: Db,
  input: CarrierEventInput,
  now: Date,
): Promise<CarrierEventResult> {
  const tracking = checkTrackingNumber(input.carrier, input.tracking_number).normalized;
  return inTransaction(db, async (tx) => {
    const { stored, cases } = await recordCarrierEvent(tx, {
      id: newId('cev', now),
      eventId: input.event_id,
      carrier: input.carrier,
      trackingNumber: tracking,
      status: input.status,
      occurredAt: input.occurred_at,
      receivedAt: now,
    });
    if (!stored) {
      return { event_id: input.event_id, duplicate: true, case_ids: [], applied: [] };
    }
    const applied: CarrierEventResult['applied'] = [];
    for (const c of cases) {
      const plan = commandsFor(c, input);
      if ('skipped' in plan) {
        applied.push({ case_id: c.id, command: null, skipped: plan.skipped });
        continue;
      }
      try {
        // A refused command writes nothing (the domain refuses before any write), so one command
        // needs no savepoint; two (a label's first scan, then its delivery) are undone together.
        const [only] = plan.commands;
        if (plan.commands.length === 1 && only) {
          await applyCaseCommand(tx, c.id, only, SYSTEM_ACTOR, now);
        } else {
          await inTransaction(tx, async (sp) => {
            for (const command of plan.commands) {
              await applyCaseCommand(sp, c.id, command, SYSTEM_ACTOR, now);
            }
          });
        }
        applied.push({ case_id: c.id, command: plan.commands.map((k) => k.name).join('+') });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        applied.push({ case_id: c.id, command: null, skipped: err.code });
      }
    }
    return {
      event_id: input.event_id,
      duplicate: false,
      case_ids: cases.map((c) => c.id),
      applied,
    };
  });
}
