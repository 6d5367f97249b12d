import { DeleteOutlined, EditOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, idempotencyKey, type ReturnAddress, unwrap } from '../../api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemList } from '../../components/ProblemList.tsx';
import { ReturnAddressCard } from '../../components/ReturnAddressCard.tsx';
import { countryName, countryOptions } from '../../countries.ts';
import { useFormat } from '../../format.ts';
import { applyFieldErrors, problemText } from '../../problems.ts';
import { useMe } from '../../session.tsx';

interface AddressValues {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postal_code: string;
  country?: string;
  phone?: string;
  instructions?: string;
  buyer_countries: string[];
  is_default: boolean;
}

/** The body fields a 422 may name, each a field of the form. */
const FIELDS = new Set<string>([
  'name',
  'line1',
  'line2',
  'city',
  'region',
  'postal_code',
  'country',
  'phone',
  'instructions',
  'buyer_countries',
  'is_default',
]);

const optional = (v: string | undefined) => (v?.trim() ? v.trim() : null);

function toBody(v: AddressValues) {
  return {
    name: v.name.trim(),
    line1: v.line1.trim(),
    line2: optional(v.line2),
    city: v.city.trim(),
    region: optional(v.region),
    postal_code: v.postal_code.trim(),
    country: v.country ?? '',
    phone: optional(v.phone),
    instructions: optional(v.instructions),
    buyer_countries: v.buyer_countries,
    is_default: v.is_default,
  };
}

function toValues(a: ReturnAddress): AddressValues {
  return {
    name: a.name,
    line1: a.line1,
    line2: a.line2 ?? '',
    city: a.city,
    region: a.region ?? '',
    postal_code: a.postal_code,
    country: a.country,
    phone: a.phone ?? '',
    instructions: a.instructions ?? '',
    buyer_countries: a.buyer_countries,
    is_default: a.is_default,
  };
}

/**
 * Where buyers send their returns: one address per group of buyer countries, and a default for
 * everyone else. Approving a return copies the buyer's address onto the case.
 */
export function ReturnAddressesPage() {
  const { t } = useTranslation('seller');
  const me = useMe();
  const sellerId = me.seller_id ?? '';
  const [editing, setEditing] = useState<ReturnAddress | 'new' | null>(null);
  const query = useQuery({
    queryKey: ['return-addresses', sellerId],
    queryFn: () =>
      unwrap(api.GET('/v1/sellers/{id}/return_addresses', { params: { path: { id: sellerId } } })),
    enabled: Boolean(sellerId),
  });

  useEffect(() => {
    document.title = `${t('addresses.title')} · Sendback`;
  }, [t]);

  if (!sellerId) return <Result status="403" title={t('policy.noShop')} />;
  const addresses = query.data?.data ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('addresses.title')}
        subtitle={t('addresses.subtitle')}
        actions={
          addresses.length ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('addresses.add')}
            </Button>
          ) : null
        }
      />
      {query.isPending ? (
        <Spin size="large" style={{ display: 'block', margin: 48 }} />
      ) : query.error ? (
        <Result
          status="error"
          title={problemText(query.error, t)}
          extra={<Button onClick={() => void query.refetch()}>{t('common:common.retry')}</Button>}
        />
      ) : addresses.length === 0 ? (
        <Empty description={t('addresses.empty')}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('addresses.add')}
          </Button>
        </Empty>
      ) : (
        <Row gutter={[16, 16]} data-testid="address-list">
          {addresses.map((a) => (
            <Col key={a.id} xs={24} md={12} xl={8}>
              <AddressEntry
                sellerId={sellerId}
                address={a}
                alone={addresses.length === 1}
                onEdit={() => setEditing(a)}
              />
            </Col>
          ))}
        </Row>
      )}
      {editing ? (
        <AddressForm
          sellerId={sellerId}
          address={editing === 'new' ? null : editing}
          first={addresses.length === 0}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Space>
  );
}

/** One address with what it serves and what can be done to it. */
function AddressEntry({
  sellerId,
  address,
  alone,
  onEdit,
}: {
  sellerId: string;
  address: ReturnAddress;
  alone: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation('seller');
  const { locale } = useFormat();
  const { message } = App.useApp();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['return-addresses', sellerId] });
  const makeDefault = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/v1/sellers/{id}/return_addresses/{address_id}', {
          params: {
            path: { id: sellerId, address_id: address.id },
            header: { 'idempotency-key': idempotencyKey() },
          },
          body: { ...toBody(toValues(address)), is_default: true },
        }),
      ),
    onSuccess: () => void message.success(t('addresses.madeDefault')),
    onError: (error) => void message.error(problemText(error, t)),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/v1/sellers/{id}/return_addresses/{address_id}', {
          params: { path: { id: sellerId, address_id: address.id } },
        }),
      ),
    onSuccess: () => void message.success(t('addresses.removed')),
    onError: (error) =>
      void message.error(
        error instanceof ApiError && error.status === 409
          ? t('addresses.defaultNeeded')
          : problemText(error, t),
      ),
    onSettled: refresh,
  });
  const served = address.buyer_countries.map((code) => countryName(code, locale));
  // The default goes last, once another address has taken its place.
  const removable = !address.is_default || alone;
  return (
    <ReturnAddressCard
      address={address}
      copyable={false}
      title={
        <Space size={4} wrap>
          <span>{countryName(address.country, locale)}</span>
          {address.is_default ? (
            <Tag color="blue" data-testid="default-tag">
              {t('addresses.default')}
            </Tag>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 12 }}>
        {served.length
          ? t('addresses.serves', { countries: served.join(t('addresses.listSeparator')) })
          : t('addresses.servesNone')}
        {address.is_default ? ` ${t('addresses.servesDefault')}` : ''}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
          {t('addresses.edit')}
        </Button>
        {address.is_default ? null : (
          <Button
            size="small"
            icon={<StarOutlined />}
            loading={makeDefault.isPending}
            onClick={() => makeDefault.mutate()}
          >
            {t('addresses.makeDefault')}
          </Button>
        )}
        <Popconfirm
          title={t('addresses.removeTitle')}
          description={<div style={{ maxWidth: 280 }}>{t('addresses.removeText')}</div>}
          okText={t('addresses.remove')}
          okButtonProps={{ danger: true }}
          cancelText={t('common:common.cancel')}
          disabled={!removable}
          onConfirm={() => remove.mutateAsync().catch(() => undefined)}
        >
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={!removable}
            loading={remove.isPending}
            title={removable ? undefined : t('addresses.defaultNeeded')}
          >
            {t('addresses.remove')}
          </Button>
        </Popconfirm>
      </Flex>
    </ReturnAddressCard>
  );
}

/** Add or edit an address; the server's field errors land on the fields. */
function AddressForm({
  sellerId,
  address,
  first,
  onClose,
}: {
  sellerId: string;
  address: ReturnAddress | null;
  first: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('seller');
  const { locale } = useFormat();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<AddressValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const options = useMemo(
    () => countryOptions(locale).map((o) => ({ ...o, label: `${o.label} (${o.value})` })),
    [locale],
  );
  const save = useMutation({
    mutationFn: (values: AddressValues) => {
      const body = toBody(values);
      const header = { 'idempotency-key': idempotencyKey() };
      return address
        ? unwrap(
            api.PUT('/v1/sellers/{id}/return_addresses/{address_id}', {
              params: { path: { id: sellerId, address_id: address.id }, header },
              body,
            }),
          )
        : unwrap(
            api.POST('/v1/sellers/{id}/return_addresses', {
              params: { path: { id: sellerId }, header },
              body,
            }),
          );
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['return-addresses', sellerId] });
      void message.success(t('addresses.saved'));
      onClose();
    },
    onError: (error) => {
      const unplaced = applyFieldErrors(form, error, t, (path) => {
        const [field] = path;
        return typeof field === 'string' && FIELDS.has(field) ? [field] : null;
      });
      setProblems([
        error instanceof ApiError && error.status === 409
          ? t('addresses.defaultNeeded')
          : problemText(error, t),
        ...unplaced,
      ]);
    },
  });
  const lockedDefault = first || Boolean(address?.is_default);
  const required = { required: true, whitespace: true, message: t('addresses.required') };
  return (
    <Modal
      open
      title={address ? t('addresses.editTitle') : t('addresses.addTitle')}
      onCancel={onClose}
      okText={t('addresses.save')}
      cancelText={t('common:common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'return-address-form', loading: save.isPending }}
      width={680}
      destroyOnHidden
    >
      <Form<AddressValues>
        id="return-address-form"
        form={form}
        layout="vertical"
        requiredMark={false}
        aria-label={address ? t('addresses.editTitle') : t('addresses.addTitle')}
        initialValues={
          address
            ? toValues(address)
            : { buyer_countries: [], is_default: first, name: '', line1: '', city: '' }
        }
        onFinish={(values) => {
          setProblems([]);
          save.mutate({ ...values, is_default: lockedDefault ? true : values.is_default });
        }}
      >
        <Form.Item
          name="name"
          label={t('addresses.field.name')}
          extra={t('addresses.help.name')}
          rules={[required, { max: 100 }]}
        >
          <Input maxLength={100} autoComplete="organization" />
        </Form.Item>
        <Form.Item name="line1" label={t('addresses.field.line1')} rules={[required, { max: 200 }]}>
          <Input maxLength={200} autoComplete="address-line1" />
        </Form.Item>
        <Form.Item name="line2" label={t('addresses.field.line2')} rules={[{ max: 200 }]}>
          <Input maxLength={200} autoComplete="address-line2" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="city" label={t('addresses.field.city')} rules={[required]}>
              <Input maxLength={100} autoComplete="address-level2" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="region" label={t('addresses.field.region')}>
              <Input maxLength={100} autoComplete="address-level1" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="postal_code"
              label={t('addresses.field.postalCode')}
              rules={[required, { max: 20 }]}
            >
              <Input maxLength={20} autoComplete="postal-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="country"
              label={t('addresses.field.country')}
              rules={[{ required: true, message: t('addresses.countryRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('addresses.countryPlaceholder')}
                options={options}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="phone" label={t('addresses.field.phone')} rules={[{ max: 40 }]}>
          <Input maxLength={40} type="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item
          name="instructions"
          label={t('addresses.field.instructions')}
          extra={t('addresses.help.instructions')}
          rules={[{ max: 500 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
        </Form.Item>
        <Form.Item
          name="buyer_countries"
          label={t('addresses.field.buyerCountries')}
          extra={t('addresses.help.buyerCountries')}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('addresses.buyerCountriesPlaceholder')}
            options={options}
            maxTagCount="responsive"
          />
        </Form.Item>
        <Form.Item
          name="is_default"
          valuePropName="checked"
          extra={
            first
              ? t('addresses.help.firstDefault')
              : address?.is_default
                ? t('addresses.help.isDefault')
                : t('addresses.help.default')
          }
        >
          <Checkbox disabled={lockedDefault}>{t('addresses.field.default')}</Checkbox>
        </Form.Item>
        <ProblemList problems={problems} />
      </Form>
    </Modal>
  );
}
