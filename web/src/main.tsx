// The web app: Ant Design in Chinese, one route per page, the session asked once at start.
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { api, ApiError, messageOf, setCsrf } from './api.ts';
import { Shell } from './components/Shell.tsx';
import { HomePage } from './pages/Home.tsx';
import { ImportPage } from './pages/Import.tsx';
import { LoginPage } from './pages/Login.tsx';
import { ReportPage } from './pages/Report.tsx';
import { ReportsPage } from './pages/Reports.tsx';
import { SumPage } from './pages/Sum.tsx';
import { NewReportPage } from './pages/NewReport.tsx';
import { WritePage } from './pages/Write.tsx';
import { SessionContext, type Session } from './session.tsx';

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
        <Route element={<Signed session={session} />}>
          <Route path="/" element={<HomePage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/reports/:id" element={<ReportPage />} />
          <Route path="/reports/:id/write" element={<WritePage />} />
          <Route path="/new" element={<NewReportPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/sum" element={<SumPage />} />
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
      <AntApp>
        <BrowserRouter>
          <Root />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
