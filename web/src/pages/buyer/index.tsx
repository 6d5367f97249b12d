import { ConfigProvider } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { NotFound } from '../../components/NotFound.tsx';
import { buyerEn } from '../../i18n/buyer.en.ts';
import { buyerZh } from '../../i18n/buyer.zh-CN.ts';
import { addStrings } from '../../i18n/index.ts';
import { CasePage } from './CasePage.tsx';
import { OrderPage } from './OrderPage.tsx';
import { OrdersPage } from './OrdersPage.tsx';
import { ReturnsPage } from './ReturnsPage.tsx';
import { WalletPage } from './WalletPage.tsx';

addStrings('buyer', buyerEn, buyerZh);

/**
 * Text colours with at least 4.5:1 contrast on white (antd's defaults for secondary text, warnings
 * and errors are lighter than WCAG AA allows for body text).
 */
const ACCESSIBLE_TEXT = {
  token: {
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorWarning: '#b45309',
    colorError: '#c81e1e',
    colorSuccess: '#237804',
  },
};

/** The buyer portal: orders and what can be returned, returns and their next steps, the wallet. */
export default function Console() {
  return (
    <ConfigProvider theme={ACCESSIBLE_TEXT}>
      <Routes>
        <Route index element={<Navigate to="orders" replace />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:id" element={<OrderPage />} />
        <Route path="returns" element={<ReturnsPage />} />
        <Route path="returns/:id" element={<CasePage />} />
        <Route path="wallet" element={<WalletPage />} />
        <Route path="*" element={<NotFound home="/buyer/orders" />} />
      </Routes>
    </ConfigProvider>
  );
}
