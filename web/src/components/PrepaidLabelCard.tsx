import { FilePdfOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, type DescriptionsProps, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, type PrepaidLabel, type ReturnCase } from '../api.ts';
import { useFormat } from '../format.ts';
import { useCommand } from './useCommand.ts';

const STATUS_COLOR: Record<PrepaidLabel['status'], string> = {
  requested: 'blue',
  purchased: 'green',
  failed: 'red',
};

/** Where the label's files are: the PDF to print, and the code a drop-off counter scans. */
export function labelUrl(caseId: string, format: 'pdf' | 'qr' = 'pdf'): string {
  const base = `/v1/returns/${encodeURIComponent(caseId)}/label`;
  return format === 'qr' ? `${base}?format=qr` : base;
}

/**
 * The prepaid label as the shop and the agent follow it: its state, what it cost, its tracking
 * number and files, and why it failed. A failed label can be bought again when the case allows.
 */
export function PrepaidLabelCard({ c }: { c: ReturnCase }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const run = useCommand(c);
  const label = c.label;
  if (!label) return null;
  const items: DescriptionsProps['items'] = [];
  if (label.carrier) {
    items.push({
      key: 'carrier',
      label: t('case.carrier'),
      children: [label.carrier, label.service].filter(Boolean).join(' · '),
    });
  }
  if (label.tracking_number) {
    items.push({
      key: 'tracking',
      label: t('case.tracking'),
      children: (
        <span style={{ overflowWrap: 'anywhere' }} data-testid="label-tracking">
          {label.tracking_number}
        </span>
      ),
    });
  }
  if (label.cost !== null && label.currency) {
    items.push({
      key: 'cost',
      label: t('label.cost'),
      children: <span data-testid="label-cost">{f.money(label.cost, label.currency)}</span>,
    });
  }
  items.push({ key: 'at', label: t(`label.at.${label.status}`), children: f.dateTime(label.at) });
  const canRebuy = c.allowed_commands.includes('request_label');
  const failure = run.error
    ? run.error instanceof ApiError
      ? run.error.message
      : t('common.error')
    : null;
  return (
    <Card
      size="small"
      data-testid="label-card"
      data-status={label.status}
      title={t('label.title')}
      extra={<Tag color={STATUS_COLOR[label.status]}>{t(`label.status.${label.status}`)}</Tag>}
    >
      <Flex vertical gap={12}>
        {label.status === 'failed' ? (
          <Alert
            type="error"
            showIcon
            data-testid="label-error"
            title={t('label.failed')}
            description={label.error ?? undefined}
          />
        ) : null}
        {label.status === 'requested' ? (
          <Alert type="info" showIcon title={t('label.requested')} />
        ) : null}
        <Descriptions size="small" column={1} items={items} />
        {label.status === 'purchased' ? (
          <Flex gap={8} wrap>
            <Button
              icon={<FilePdfOutlined />}
              href={labelUrl(c.id)}
              target="_blank"
              rel="noopener"
              data-testid="label-pdf"
            >
              {t('label.pdf')}
            </Button>
            <Button
              icon={<QrcodeOutlined />}
              href={labelUrl(c.id, 'qr')}
              target="_blank"
              rel="noopener"
            >
              {t('label.qr')}
            </Button>
          </Flex>
        ) : null}
        {canRebuy ? (
          <div>
            <Button
              type="primary"
              icon={<ReloadOutlined />}
              loading={run.isPending}
              onClick={() =>
                run.mutate(
                  { command: 'request_label' },
                  { onSuccess: () => void message.success(t('label.rebought')) },
                )
              }
            >
              {t('command.request_label')}
            </Button>
            {failure ? (
              <Alert type="error" showIcon title={failure} style={{ marginTop: 8 }} role="alert" />
            ) : null}
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}
