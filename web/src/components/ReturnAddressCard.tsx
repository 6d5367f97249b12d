import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnAddressSnapshot } from '../api.ts';
import { countryName } from '../countries.ts';
import { useFormat } from '../format.ts';

type PostalAddress = Pick<
  ReturnAddressSnapshot,
  'name' | 'line1' | 'line2' | 'city' | 'region' | 'postal_code' | 'country' | 'phone'
>;

// Where the postal code goes is the destination country's convention, not the reader's.
const POSTAL_CODE_FIRST = new Set([
  'AT',
  'BE',
  'CH',
  'CZ',
  'DE',
  'DK',
  'ES',
  'FI',
  'FR',
  'IT',
  'NL',
  'NO',
  'PL',
  'PT',
  'SE',
]);
const POSTAL_CODE_BELOW = new Set(['GB', 'IE']);

/** The city, region and postal code lines, as the post of the address's country writes them. */
function localityLines(a: PostalAddress): string[] {
  if (POSTAL_CODE_FIRST.has(a.country)) {
    return [[a.postal_code, a.city].join(' '), ...(a.region ? [a.region] : [])];
  }
  if (POSTAL_CODE_BELOW.has(a.country)) {
    return [a.city, ...(a.region ? [a.region] : []), a.postal_code];
  }
  return [`${a.city}, ${[a.region, a.postal_code].filter(Boolean).join(' ')}`];
}

/** The address as lines to write on a parcel: name, street, locality, country. */
export function addressLines(a: PostalAddress, locale: string): string[] {
  return [
    a.name,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    ...localityLines(a),
    countryName(a.country, locale),
  ];
}

/**
 * A return address as the parcel needs it, with a button that copies it for a carrier's form.
 * Used by the buyer (where to send the parcel) and by the shop and the agent (where it went).
 */
export function ReturnAddressCard({
  address,
  title,
  extra,
  copyable = true,
  children,
}: {
  address: PostalAddress & { instructions?: string | null };
  title?: ReactNode;
  /** Actions of the card's header, after the copy button. */
  extra?: ReactNode;
  copyable?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const { message } = App.useApp();
  const lines = addressLines(address, locale);
  const copy = async () => {
    const text = [...lines, ...(address.phone ? [address.phone] : [])].join('\n');
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('address.copied'));
    } catch {
      void message.error(t('address.copyFailed'));
    }
  };
  return (
    <Card
      size="small"
      data-testid="return-address"
      title={title ?? t('address.title')}
      extra={
        copyable || extra ? (
          <span style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>
            {copyable ? (
              <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
                {t('address.copy')}
              </Button>
            ) : null}
            {extra}
          </span>
        ) : undefined
      }
    >
      <address style={{ fontStyle: 'normal', overflowWrap: 'anywhere' }}>
        {lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one address never reorder
          <div key={i} style={i === 0 ? { fontWeight: 600 } : undefined}>
            {line}
          </div>
        ))}
        {address.phone ? (
          <div style={{ marginTop: 4 }}>
            {t('address.phone')}
            <a href={`tel:${address.phone}`}>{address.phone}</a>
          </div>
        ) : null}
      </address>
      {address.instructions ? (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          <Typography.Text strong>{t('address.instructions')}</Typography.Text>
          {address.instructions}
        </Typography.Paragraph>
      ) : null}
      {children}
    </Card>
  );
}
