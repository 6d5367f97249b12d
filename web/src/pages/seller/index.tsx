import { ConfigProvider, Result, type ThemeConfig } from 'antd';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { addStrings } from '../../i18n/index.ts';
import { sellerEn } from '../../i18n/seller.en.ts';
import { sellerZh } from '../../i18n/seller.zh-CN.ts';
import { CasePage } from './CasePage.tsx';
import { PolicyPage } from './PolicyPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import { ReturnAddressesPage } from './ReturnAddressesPage.tsx';

addStrings('seller', sellerEn, sellerZh);

// The dashboard's charts (ECharts) load when the dashboard is opened, not with the queue.
const DashboardPage = lazy(() =>
  import('./DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);

/**
 * Text contrast for people reading this console all day: antd's secondary, warning, error and
 * success text, and its tags' text, are below WCAG AA on white. These keep AA (4.5:1) in the
 * seller console; the rest of the theme comes from the app.
 */
const READABLE: ThemeConfig = {
  token: {
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorWarning: '#ad6800',
    colorError: '#c41d2a',
    colorSuccess: '#237804',
    // Tag text on its light background (palette shade 7 is used for preset tag text).
    gold7: '#874d00',
    orange7: '#873800',
    red7: '#a8071a',
    volcano7: '#871400',
    magenta7: '#9e1068',
    purple7: '#391085',
    blue7: '#003eb3',
    geekblue7: '#10239e',
    cyan7: '#006d75',
    green7: '#135200',
  },
};

/**
 * The seller console: the returns queue, one case, the shop's return policy, its return
 * addresses and its dashboard
 * (analytics: charts of the shop's returns over time).
 */
export default function Console() {
  return (
    <ConfigProvider theme={READABLE}>
      <Routes>
        <Route index element={<Navigate to="queue" replace />} />
        <Route path="queue" element={<QueuePage />} />
        <Route path="returns/:id" element={<CasePage />} />
        <Route path="policy" element={<PolicyPage />} />
        <Route path="return-addresses" element={<ReturnAddressesPage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="*" element={<Result status="404" title="404" />} />
      </Routes>
    </ConfigProvider>
  );
}
