import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from './api.ts';
import { LanguageSwitch } from './Shell.tsx';
import { signIn, useSession } from './session.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [form] = Form.useForm<{ email: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const demo = useQuery({ queryKey: ['demo'], queryFn: () => unwrap(api.GET('/v1/demo')) });
  return (
    <main id="main" style={{ maxWidth: 720, margin: '48px auto', padding: '0 16px' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1}>{t('app.name')}</Typography.Title>
        <LanguageSwitch />
      </Space>
      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('auth.title')}</h2>}>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values) => {
            setBusy(true);
            setError(null);
            try {
              await signIn(values.email, values.password);
              refresh();
            } catch {
              setError(t('auth.wrong'));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[{ required: true, type: 'email' }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error ? (
            <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('auth.signIn')}
          </Button>
        </Form>
      </Card>
      {demo.data?.logins.length ? (
        <Card
          style={{ marginTop: 24 }}
          title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('auth.demoTitle')}</h2>}
        >
          <Typography.Paragraph>{t('auth.demoHint')}</Typography.Paragraph>
          {/* A list, not a table: one login a line wraps on a phone instead of scrolling. */}
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="demo-logins">
            {demo.data.logins.map((row) => (
              <li
                key={row.email}
                style={{ borderTop: '1px solid rgba(5, 5, 5, 0.06)', padding: '8px 0' }}
              >
                <Flex align="center" justify="space-between" gap={8}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{t(`roles.${row.role}`)}</Typography.Text>
                    {row.shop ? (
                      <Typography.Text type="secondary"> · {row.shop}</Typography.Text>
                    ) : null}
                    <br />
                    <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                      {row.email}
                    </Typography.Text>
                  </div>
                  <Button
                    size="small"
                    onClick={() =>
                      form.setFieldsValue({ email: row.email, password: row.password })
                    }
                  >
                    {t('auth.useLogin')}
                  </Button>
                </Flex>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </main>
  );
}
