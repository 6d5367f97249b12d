import { Result } from 'antd';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { agentEn } from '../../i18n/agent.en.ts';
import { agentZh } from '../../i18n/agent.zh-CN.ts';
import { addStrings } from '../../i18n/index.ts';
import { PlatformRulesPage } from '../flows/PlatformRulesPage.tsx';
import { CasePage } from './CasePage.tsx';
import { DisputesPage } from './DisputesPage.tsx';
import { RefundsPage } from './RefundsPage.tsx';
import { useAgentT } from './util.ts';

addStrings('agent', agentEn, agentZh);

// The platform view's charts (ECharts) load when it is opened.
const PlatformPage = lazy(() =>
  import('./PlatformPage.tsx').then((m) => ({ default: m.PlatformPage })),
);

function NotFound() {
  const { t } = useAgentT();
  return <Result status="404" title="404" subTitle={t('desk.notFound')} />;
}

/** The agent console: the disputes queue, a case's record and ruling, failed refunds. */
export default function Console() {
  return (
    <Routes>
      <Route index element={<Navigate to="disputes" replace />} />
      <Route path="disputes" element={<DisputesPage />} />
      <Route path="returns/:id" element={<CasePage />} />
      <Route path="refunds" element={<RefundsPage />} />
      <Route path="platform" element={<PlatformPage />} />
      <Route path="rules" element={<PlatformRulesPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
