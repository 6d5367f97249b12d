import { Card, DatePicker, Flex, Segmented, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { serverNow } from '../../api.ts';
import type { RangeValue } from './range.ts';
import { useAnalyticsT } from './strings.ts';
import type { Granularity } from './types.ts';

/** From, to (calendar days, both included) and the period size; presets end today. */
export function RangeControls({
  value,
  shown,
  onChange,
  extra,
}: {
  value: RangeValue;
  /** The range the server answered for (it fills in defaults). */
  shown: { from: string; to: string } | undefined;
  /** A change to the range; the caller merges it into the latest one (the address's). */
  onChange: (patch: Partial<RangeValue>) => void;
  extra?: ReactNode;
}) {
  const { t } = useAnalyticsT();
  const today = dayjs(serverNow());
  const from = value.from ?? shown?.from;
  const to = value.to ?? shown?.to;
  const preset = (days: number): [Dayjs, Dayjs] => [today.subtract(days - 1, 'day'), today];
  return (
    <Card size="small">
      <search aria-label={t('range.label')}>
        <Flex wrap gap={12} align="center">
          <DatePicker.RangePicker
            aria-label={t('range.label')}
            allowClear={false}
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            placeholder={[t('range.from'), t('range.to')]}
            presets={[
              { label: t('range.last7'), value: preset(7) },
              { label: t('range.last30'), value: preset(30) },
              { label: t('range.last90'), value: preset(90) },
              { label: t('range.last365'), value: preset(365) },
            ]}
            onChange={(dates) => {
              const [a, b] = dates ?? [];
              if (a && b) {
                onChange({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
              }
            }}
          />
          <Space>
            <Typography.Text id="granularity-label">{t('range.granularity')}</Typography.Text>
            <Segmented
              aria-labelledby="granularity-label"
              value={value.granularity}
              onChange={(g) => onChange({ granularity: g as Granularity })}
              options={(['day', 'week', 'month'] as const).map((g) => ({
                value: g,
                label: t(`range.${g}`),
              }))}
            />
          </Space>
          <div style={{ flex: 1 }} />
          {extra}
        </Flex>
      </search>
    </Card>
  );
}
