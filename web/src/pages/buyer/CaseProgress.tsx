import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type ReturnCase, unwrap } from '../../api.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { awaitsReplacement } from '../../components/flows/ReplacementStep.tsx';
import { useFormat } from '../../format.ts';
import { usePhone } from '../../hooks.ts';

type Milestone = 'requested' | 'approved' | 'shipped' | 'delivered' | 'refunded' | 'replaced';
type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** States where no refund is coming (unless the case is reopened by a ruling). */
export const NO_REFUND_STATES: readonly string[] = [
  'rejected',
  'package_rejected',
  'closed',
  'cancelled',
];

/** The last 4 digits of the card, when the payment reference names them (card_…4242, visa-4242). */
export function cardLast4(reference: string | undefined): string | null {
  const match = reference
    ? /(?:card|visa|mastercard|mc|amex|last4|ending)\D{0,6}(\d{4})$/i.exec(reference)
    : null;
  return match?.[1] ?? null;
}

/** What the buyer has already been through, read from the case's own fields. */
function reached(c: ReturnCase): Set<Milestone> {
  const done = new Set<Milestone>(['requested']);
  const after = (states: string[]) => states.includes(c.status);
  const approvedStates = ['awaiting_shipment', 'in_transit', 'delivered', 'package_rejected'];
  if (
    after([...approvedStates, 'refund_pending', 'refund_failed', 'refunded']) ||
    c.return_address !== null ||
    c.shipment !== null
  ) {
    done.add('approved');
  }
  if (c.shipment) done.add('shipped');
  if (c.shipment?.delivered_at || c.received_at) done.add('delivered');
  if (c.status === 'refunded') done.add('refunded');
  if (c.outcome === 'replaced') done.add('replaced');
  return done;
}

/**
 * Where the case stands on the way to the refund (requested → approved → shipped → delivered →
 * refunded; a refund-only case skips the parcel), or the branch it took, with the carrier's
 * latest scan, the next deadline in plain words and where the money goes and when.
 */
export function CaseProgress({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const phone = usePhone();
  const order = useQuery({
    queryKey: ['order', c.order_id],
    queryFn: () => unwrap(api.GET('/v1/orders/{id}', { params: { path: { id: c.order_id } } })),
    staleTime: 300_000,
  });
  // A refund agreed before anything was shipped (an accepted offer, a ruling) skips the parcel.
  const refundedUnshipped =
    ['refund_pending', 'refund_failed', 'refunded'].includes(c.status) && !c.shipment;
  const path: Milestone[] =
    c.type === 'refund_only' || refundedUnshipped
      ? ['requested', 'approved', 'refunded']
      : [
          'requested',
          'approved',
          'shipped',
          'delivered',
          awaitsReplacement(c) ? 'replaced' : 'refunded',
        ];
  const done = reached(c);
  const current = path.findIndex((m) => !done.has(m));
  const when: Partial<Record<Milestone, string | null | undefined>> = {
    requested: c.created_at,
    shipped: c.shipment?.shipped_at,
    delivered: c.shipment?.delivered_at ?? c.received_at,
    refunded: c.status === 'refunded' ? c.updated_at : null,
    replaced: c.replacement?.delivered_at,
  };

  // A branch replaces the step the case was on; finished branches drop the steps after it.
  const branch = branchOf(c);
  const items = path.flatMap((m, i) => {
    if (i === current && branch) {
      return [{ title: t(`progress.branch.${branch.key}`), status: branch.status }];
    }
    if (current >= 0 && i > current && branch?.final) return [];
    const status: StepStatus = done.has(m)
      ? 'finish'
      : i === current
        ? c.status === 'refund_failed'
          ? 'error'
          : 'process'
        : 'wait';
    const at = when[m];
    let content: string | undefined = at ? f.dateTime(at) : undefined;
    if (m === 'shipped' && c.shipment && !c.shipment.delivered_at) {
      content = c.shipment.last_tracking_at
        ? t('progress.lastScan', {
            carrier: c.shipment.carrier,
            date: f.dateTime(c.shipment.last_tracking_at),
          })
        : t('progress.noScanYet', { carrier: c.shipment.carrier });
    }
    if (m === 'delivered' && c.shipment?.delivered_at) {
      content = t('progress.deliveredScan', {
        carrier: c.shipment.carrier,
        date: f.dateTime(c.shipment.delivered_at),
      });
    }
    const title = m === 'replaced' ? t('common:flows.replacement.step') : t(`progress.step.${m}`);
    return [{ title, status, content }];
  });

  return (
    <Card size="small" data-testid="case-progress">
      <Flex vertical gap={12}>
        <Steps
          size="small"
          orientation={phone ? 'vertical' : 'horizontal'}
          responsive={false}
          items={items}
          data-testid="progress-steps"
        />
        <NextDeadline c={c} />
        {awaitsReplacement(c) ? null : (
          <ExpectedRefund c={c} last4={cardLast4(order.data?.payment_reference)} />
        )}
      </Flex>
    </Card>
  );
}

function branchOf(c: ReturnCase): { key: string; status: StepStatus; final: boolean } | null {
  switch (c.status) {
    case 'partial_offer':
      return { key: 'offer', status: 'process', final: false };
    case 'rejected':
      return { key: 'rejected', status: 'error', final: false };
    case 'package_rejected':
      return { key: 'package_rejected', status: 'error', final: false };
    case 'disputed':
      return { key: 'disputed', status: 'process', final: false };
    case 'cancelled':
      return { key: 'cancelled', status: 'finish', final: true };
    case 'closed':
      return { key: 'closed', status: 'finish', final: true };
    default:
      return null;
  }
}

/** The next deadline in the buyer's words: who does what by when, and what happens after. */
function NextDeadline({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const next = c.next_action;
  let text: string | null = null;
  const due = next?.due_at ? f.deadline(next.due_at) : null;
  if (c.status === 'disputed') {
    const evidence = c.evidence_request;
    text =
      evidence?.from === 'buyer'
        ? t('deadline.evidence', { due: f.deadline(evidence.due_at) })
        : due
          ? t('deadline.disputed', { due })
          : t('deadline.disputedUsually');
  } else if (c.status === 'refund_failed') {
    text = t('deadline.refund_failed');
  } else if (due) {
    const key =
      c.status === 'awaiting_shipment' && c.label?.status === 'purchased'
        ? 'awaiting_drop_off'
        : c.status;
    text = t(`deadline.${key}`, { due, defaultValue: '' }) || null;
  }
  if (!text) return null;
  const yours = next?.actor === 'buyer' || c.evidence_request?.from === 'buyer';
  return (
    <div data-testid="next-deadline">
      <Typography.Text strong={yours}>{text}</Typography.Text>
      {next?.due_at ? (
        <>
          {' '}
          <Typography.Text type="secondary">
            (<Countdown dueAt={next.due_at} />)
          </Typography.Text>
        </>
      ) : null}
    </div>
  );
}

/** How much comes back, where to and how soon (or that it has). */
function ExpectedRefund({ c, last4 }: { c: ReturnCase; last4: string | null }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  if (NO_REFUND_STATES.includes(c.status)) return null;
  const amount = c.refund_amount ?? c.refund_preview?.total;
  if (amount === undefined || amount === null) return null;
  const where =
    c.refund_destination === 'platform_balance'
      ? t('refundTo.balance')
      : last4
        ? t('refundTo.card', { last4 })
        : t('refundTo.original');
  const key =
    c.status === 'refunded'
      ? 'refunded'
      : c.status === 'refund_pending'
        ? 'pending'
        : c.status === 'partial_offer'
          ? 'offered'
          : 'expected';
  return (
    <Typography.Text data-testid="expected-refund">
      {t(`refundTo.${key}`, { amount: f.money(amount, c.currency), where })}
    </Typography.Text>
  );
}
