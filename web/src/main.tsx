// The web app: Ant Design in Chinese, one route per page, the session asked once at start.
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, StrictMode, Suspense, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { api, ApiError, messageOf, setCsrf } from './api.ts';
import { Shell } from './components/Shell.tsx';
import { HomePage } from './pages/Home.tsx';
import { ImportPage } from './pages/Import.tsx';
import { AdminPage } from './pages/Admin.tsx';
import { LoginPage } from './pages/Login.tsx';
import { PublicListPage, PublicReportPage } from './pages/Public.tsx';
import { ReportPage } from './pages/Report.tsx';
import { ReportsPage } from './pages/Reports.tsx';
import { SumPage } from './pages/Sum.tsx';
import { NewReportPage } from './pages/NewReport.tsx';
import { WritePage } from './pages/Write.tsx';
import { SessionContext, type Session } from './session.tsx';

// Charts (ECharts) come with their page, not with the first one.
const ChartsPage = lazy(() => import('./pages/Charts.tsx'));
const loading = <Spin size="large" tip="正在打开页面…"><div style={{ height: 240 }} /></Spin>;

function Root() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      const s = await api.get<Session>('/session');
      setCsrf(s.csrf);
      setSession(s);
      setFailure(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setCsrf(null);
        setSession(null);
      } else setFailure(messageOf(e));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);
  if (failure) return <Result status="warning" title="无法打开工作台" subTitle={failure} />;
  if (session === undefined) return <Spin size="large" tip="正在连接服务器…" fullscreen />;
  return (
    <SessionContext.Provider value={{ session, refresh }}>
      <Routes>
        <Route path="/login" element={session ? <Navigate to="/" replace /> : <LoginPage />} />
        <Route path="/public" element={<PublicListPage />} />
        <Route path="/public/reports/:id" element={<PublicReportPage />} />
        <Route element={<Signed session={session} />}>
          <Route path="/" element={<HomePage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/reports/:id" element={<ReportPage />} />
          <Route path="/reports/:id/write" element={<WritePage />} />
          <Route path="/new" element={<NewReportPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/sum" element={<SumPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="/charts" element={<Suspense fallback={loading}><ChartsPage /></Suspense>} />
          <Route path="*" element={<Result status="404" title="没有这个页面" />} />
        </Route>
      </Routes>
    </SessionContext.Provider>
  );
}

/** Pages behind the sign-in: without a session, the login page (and back here after it). */
function Signed({ session }: { session: Session | null }) {
  const location = useLocation();
  if (!session) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell />;
}

// The colours of text, links and placeholders dark enough on white for WCAG AA (4.5:1): antd's
// defaults for secondary text (45 % black), placeholders (25 %) and links (#1677ff) are not.
const THEME = { token: { colorPrimary: '#b71c1c', colorLink: '#a8071a', colorTextDescription: 'rgba(0, 0, 0, 0.65)', colorTextTertiary: 'rgba(0, 0, 0, 0.65)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)', borderRadius: 4 } };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={THEME}>
      <AntApp>
        <BrowserRouter>
          <Root />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
