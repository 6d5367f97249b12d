import { CheckCircleFilled, CloseCircleFilled, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Radio, Result, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Jwks } from '../../../../src/bundle/format.ts';
import {
  type BundleCheck,
  type BundleReport,
  verifyBundle,
} from '../../../../src/bundle/verify-bundle.ts';
import { useFlowsT } from '../../components/flows/shared.tsx';
import { PublicLayout } from '../../components/PublicLayout.tsx';

type KeySource = 'published' | 'file' | 'bundle';

const readJson = async (file: File): Promise<unknown> => JSON.parse(await file.text());

/**
 * /verify: anyone drops a case bundle and sees it verified or where it breaks. The check is the
 * same code as `sendback verify-bundle`, run in the browser: the file never leaves the machine.
 */
export default function VerifyBundlePage() {
  const { t } = useFlowsT();
  const { t: tc } = useTranslation();
  const [source, setSource] = useState<KeySource>('published');
  const [keyFile, setKeyFile] = useState<{ name: string; jwks: Jwks } | null>(null);
  const [result, setResult] = useState<{ name: string; report: BundleReport } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('verify.title')} · Sendback`;
  }, [t]);

  async function keys(): Promise<Jwks | null> {
    if (source === 'bundle') return null;
    if (source === 'file') {
      if (!keyFile) throw new Error(t('verify.chooseKeys'));
      return keyFile.jwks;
    }
    const res = await fetch('/.well-known/jwks.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as Jwks;
  }

  async function check(file: File) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      let bundle: unknown;
      try {
        bundle = await readJson(file);
      } catch {
        setError(t('verify.notJson', { name: file.name }));
        return;
      }
      let jwks: Jwks | null;
      try {
        jwks = await keys();
      } catch (err) {
        setError(t('verify.keysError', { error: (err as Error).message }));
        return;
      }
      setResult({ name: file.name, report: verifyBundle(bundle, jwks) });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function chooseKeys(file: File) {
    try {
      const jwks = (await readJson(file)) as Jwks;
      if (!Array.isArray(jwks?.keys)) throw new Error('no "keys" list');
      setKeyFile({ name: file.name, jwks });
      setError(null);
    } catch (err) {
      setError(t('verify.keysError', { error: (err as Error).message }));
    }
  }

  /** A finding in the page's language: the what (event, message) is translated first. */
  const words = (c: BundleCheck) => {
    const params = { ...c.params };
    const what = params.what;
    if (what === 'event' || what === 'message') {
      params.what = t(`verify.what.${what}`);
      params.whats = t(`verify.whats.${what}`);
      params.What = params.what.charAt(0).toUpperCase() + params.what.slice(1);
    }
    for (const key of ['state', 'stated'] as const) {
      const state = params[key];
      if (typeof state === 'string') params[key] = tc(`status.${state}`, { defaultValue: state });
    }
    return t(`verify.finding.${c.code}`, params);
  };

  const report = result?.report;
  return (
    <PublicLayout signIn={t('public.signIn')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
            {t('verify.title')}
          </Typography.Title>
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {t('verify.intro')}
          </Typography.Paragraph>
        </div>
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('verify.keys')}</h2>}>
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as KeySource)}
            aria-label={t('verify.keys')}
          >
            <Space orientation="vertical">
              <Radio value="published" data-testid="keys-published">
                {t('verify.keysPublished')}
              </Radio>
              <Radio value="file" data-testid="keys-file">
                {t('verify.keysFile')}
              </Radio>
              <Radio value="bundle" data-testid="keys-bundle">
                {t('verify.keysBundle')}{' '}
                <Typography.Text type="secondary">{t('verify.keysBundleHint')}</Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
          {source === 'file' ? (
            <div style={{ marginTop: 12 }}>
              <Upload
                accept=".json,application/json"
                showUploadList={false}
                beforeUpload={(file) => {
                  void chooseKeys(file);
                  return false;
                }}
              >
                <Button>{t('verify.chooseKeys')}</Button>
              </Upload>
              {keyFile ? (
                <Typography.Text style={{ marginLeft: 12 }} data-testid="keys-chosen">
                  {t('verify.keysChosen', { name: keyFile.name, count: keyFile.jwks.keys.length })}
                </Typography.Text>
              ) : null}
            </div>
          ) : null}
        </Card>
        <Upload.Dragger
          accept=".json,application/json"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void check(file);
            return false;
          }}
          data-testid="bundle-drop"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('verify.drop')}</p>
          <p className="ant-upload-hint">{t('verify.dropHint')}</p>
        </Upload.Dragger>
        {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
        {report ? (
          <Card size="small" data-testid="bundle-result" aria-live="polite">
            <Result
              style={{ padding: '8px 0' }}
              status={report.authenticated ? 'success' : report.ok ? 'warning' : 'error'}
              title={
                <span data-testid="bundle-verdict" style={{ overflowWrap: 'anywhere' }}>
                  {report.authenticated
                    ? t('verify.verified', { id: report.case_id })
                    : report.ok
                      ? t('verify.consistent', { id: report.case_id })
                      : t('verify.broken')}
                </span>
              }
              subTitle={
                report.authenticated ? (
                  t('verify.verifiedByKey', {
                    kid: report.checks.find((c) => c.check === 'key')?.params.kid ?? '',
                  })
                ) : report.ok ? (
                  t('verify.verifiedBundleKey')
                ) : (
                  <span data-testid="bundle-break">
                    {t('verify.brokenAt', { detail: words(report.first_break!) })}
                  </span>
                )
              }
            />
            <Typography.Text type="secondary">
              {t('verify.file', { name: result.name })}
            </Typography.Text>
            <ul
              style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}
              data-testid="bundle-checks"
            >
              {report.checks.map((c) => (
                <li
                  key={c.check}
                  data-check={c.check}
                  data-ok={c.ok}
                  style={{
                    display: 'flex',
                    gap: 8,
                    padding: '6px 0',
                    borderTop: '1px solid #f0f0f0',
                  }}
                >
                  {c.ok ? (
                    <CheckCircleFilled style={{ color: '#237804', marginTop: 4 }} aria-hidden />
                  ) : (
                    <CloseCircleFilled style={{ color: '#a8071a', marginTop: 4 }} aria-hidden />
                  )}
                  <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    <Typography.Text strong>
                      {t(`verify.check.${c.check}`)}: {c.ok ? t('verify.ok') : t('verify.fails')}
                    </Typography.Text>
                    <br />
                    <Typography.Text type={c.ok ? 'secondary' : 'danger'}>
                      {words(c)}
                    </Typography.Text>
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        {(['proves', 'notProves'] as const).map((key) => (
          <Card
            key={key}
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`verify.${key}`)}</h2>}
          >
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t(`verify.${key}Text`)}
            </Typography.Paragraph>
          </Card>
        ))}
      </Space>
    </PublicLayout>
  );
}
