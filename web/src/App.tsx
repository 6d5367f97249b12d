import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { NotFound } from './components/NotFound.tsx';
import { LoginPage } from './Login.tsx';
import { Shell } from './Shell.tsx';
import { useSession } from './session.tsx';

// Each console is its own chunk: a buyer never downloads the seller's charts.
const BuyerConsole = lazy(() => import('./pages/buyer/index.tsx'));
const SellerConsole = lazy(() => import('./pages/seller/index.tsx'));
const AgentConsole = lazy(() => import('./pages/agent/index.tsx'));
// The bell's inbox, the same page for every role.
const Inbox = lazy(() => import('./components/Inbox.tsx'));
// A shop's return policy is public: anyone may read it, signed in or not.
const PublicPolicyPage = lazy(() => import('./pages/flows/PublicPolicyPage.tsx'));
// Anyone checks a case bundle here, in the browser, signed in or not.
const VerifyBundlePage = lazy(() => import('./pages/flows/VerifyBundlePage.tsx'));

const HOME: Record<string, string> = {
  buyer: '/buyer/orders',
  seller: '/seller/queue',
  agent: '/agent/disputes',
  operator: '/agent/disputes',
};

export function App() {
  const { me } = useSession();
  const { pathname } = useLocation();
  if (/^\/shops\/[^/]+\/policy\/?$/.test(pathname) || /^\/verify\/?$/.test(pathname)) {
    return (
      <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: 48 }} />}>
        <Routes>
          <Route path="/shops/:sellerId/policy" element={<PublicPolicyPage />} />
          <Route path="/verify" element={<VerifyBundlePage />} />
        </Routes>
      </Suspense>
    );
  }
  if (!me) return <LoginPage />;
  return (
    <Shell>
      <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: 48 }} />}>
        <Routes>
          <Route path="/" element={<Navigate to={HOME[me.role] ?? '/'} replace />} />
          <Route path="/inbox" element={<Inbox />} />
          {me.role === 'buyer' ? <Route path="/buyer/*" element={<BuyerConsole />} /> : null}
          {me.role === 'seller' ? <Route path="/seller/*" element={<SellerConsole />} /> : null}
          {me.role === 'agent' || me.role === 'operator' ? (
            <Route path="/agent/*" element={<AgentConsole />} />
          ) : null}
          <Route path="*" element={<NotFound home={HOME[me.role] ?? '/'} />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}
