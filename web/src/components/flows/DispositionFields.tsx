import { Flex, Form, InputNumber, Typography } from 'antd';
import type { ReturnCase } from '../../api.ts';
import { useFlowsT } from './shared.tsx';

export const DISPOSITIONS = ['resellable', 'damaged', 'destroy'] as const;
type Disposition = (typeof DISPOSITIONS)[number];
/** Units per returned line and disposition, as the form holds them. */
export type DispositionValue = Record<string, Record<Disposition, number | null>>;

/** Every returned unit resellable: the usual case, which the seller corrects where it differs. */
function allResellable(c: ReturnCase): DispositionValue {
  return Object.fromEntries(
    c.lines.map((l) => [l.order_line_id, { resellable: l.quantity, damaged: 0, destroy: 0 }]),
  );
}

/** The `dispositions` of accept_package from the form's values (none when the field is absent). */
export function dispositionsBody(values: object): Record<string, unknown> {
  const value = (values as { dispositions?: DispositionValue }).dispositions;
  if (!value) return {};
  const dispositions = Object.entries(value).flatMap(([order_line_id, units]) =>
    DISPOSITIONS.filter((d) => (units[d] ?? 0) > 0).map((disposition) => ({
      order_line_id,
      quantity: units[disposition] ?? 0,
      disposition,
    })),
  );
  return { dispositions };
}

/**
 * Per returned line, how many units go back to stock, are damaged or destroyed; a form item of
 * the inspection form (accept_package), checked to add up to the units returned.
 */
export function DispositionFields({ c }: { c: ReturnCase }) {
  const { t } = useFlowsT();
  return (
    <Form.Item
      name="dispositions"
      label={<span id="disposition-title">{t('disposition.title')}</span>}
      extra={t('disposition.intro')}
      initialValue={allResellable(c)}
      rules={[
        {
          validator: async (_, value: DispositionValue | undefined) => {
            const problems = c.lines.flatMap((l) => {
              const units = value?.[l.order_line_id];
              const sum = DISPOSITIONS.reduce((n, d) => n + (units?.[d] ?? 0), 0);
              return sum === l.quantity
                ? []
                : [t('disposition.mismatch', { title: l.title, sum, count: l.quantity })];
            });
            if (problems.length) throw new Error(problems.join(' '));
          },
        },
      ]}
    >
      <DispositionTable c={c} />
    </Form.Item>
  );
}

function DispositionTable({
  c,
  value,
  onChange,
}: {
  c: ReturnCase;
  value?: DispositionValue;
  onChange?: (value: DispositionValue) => void;
}) {
  const { t } = useFlowsT();
  const current = value ?? allResellable(c);
  const set = (line: string, d: Disposition, n: number | null) =>
    onChange?.({ ...current, [line]: { ...current[line]!, [d]: n } });
  return (
    <ul
      aria-labelledby="disposition-title"
      data-testid="disposition-form"
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        border: '1px solid #f0f0f0',
        borderRadius: 8,
      }}
    >
      {c.lines.map((l, i) => (
        <li
          key={l.order_line_id}
          style={{ padding: '8px 12px', borderTop: i === 0 ? undefined : '1px solid #f0f0f0' }}
        >
          <Flex wrap gap={12} align="end" justify="space-between">
            <div style={{ minWidth: 140, flex: '1 1 160px' }}>
              <Typography.Text>{l.title}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l.sku} · {t('disposition.returned', { count: l.quantity })}
              </Typography.Text>
            </div>
            <Flex gap={8}>
              {DISPOSITIONS.map((d) => (
                <div key={d} style={{ display: 'flex', flexDirection: 'column', fontSize: 12 }}>
                  <span aria-hidden style={{ marginBottom: 2 }}>
                    {t(`disposition.${d}`)}
                  </span>
                  <InputNumber
                    aria-label={`${l.title}: ${t(`disposition.${d}`)}`}
                    min={0}
                    max={l.quantity}
                    precision={0}
                    value={current[l.order_line_id]?.[d] ?? 0}
                    onChange={(n) => set(l.order_line_id, d, n)}
                    style={{ width: 76 }}
                    inputMode="numeric"
                  />
                </div>
              ))}
            </Flex>
          </Flex>
        </li>
      ))}
    </ul>
  );
}
