import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Space } from 'antd';
import { useFlowsT } from './flows/shared.tsx';

/** The case's signed bundle to download, and where anyone can check one. */
export function BundleLinks({ caseId }: { caseId: string }) {
  const { t } = useFlowsT();
  return (
    <Space wrap size={[12, 4]} data-testid="bundle-links">
      <a
        href={`/v1/returns/${caseId}/bundle`}
        download
        title={t('verify.downloadHint')}
        data-testid="bundle-download"
      >
        <SafetyCertificateOutlined aria-hidden /> {t('verify.download')}
      </a>
      <a href="/verify" target="_blank" rel="noreferrer">
        {t('verify.howTo')}
      </a>
    </Space>
  );
}
