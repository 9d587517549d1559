import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { RouterProvider } from 'react-aria-components';
import { Layout, navFor } from './components/Layout';
import { navigate, usePath } from './router';
import { MyCases } from './screens/MyCases';
import { SessionProvider, useSession } from './session';

// Screens past the start page load on demand, keeping the first page's JavaScript small.
const RegisterCase = lazy(() => import('./screens/RegisterCase'));
const CasePage = lazy(() => import('./screens/CasePage'));
const Queues = lazy(() => import('./screens/Queues'));
const Deadlines = lazy(() => import('./screens/Deadlines'));
const Statistics = lazy(() => import('./screens/Statistics'));
const Administration = lazy(() => import('./screens/Administration'));
const Import = lazy(() => import('./screens/Import'));
const DelegatedDecisions = lazy(() => import('./screens/DelegatedDecisions'));
const MissedInstalments = lazy(() => import('./screens/MissedInstalments'));
const ImportRepayments = lazy(() => import('./screens/ImportRepayments'));

const CASE_PATH = /^\/arenden\/([0-9a-f-]{36})$/;

function Screen({ path }: { path: string }): ReactNode {
  const session = useSession();
  const allowed = navFor(session.role).map((n) => n.href);
  const home = allowed[0] ?? '/';
  useEffect(() => {
    if (path === '/' && home !== '/') navigate(home);
  }, [path, home]);
  const caseMatch = CASE_PATH.exec(path);
  if (caseMatch) return <CasePage id={caseMatch[1]} />;
  if (!allowed.includes(path)) return <NotFound />;
  switch (path) {
    case '/':
      return <MyCases />;
    case '/registrera':
      return <RegisterCase />;
    case '/koer':
      return <Queues />;
    case '/tidsfrister':
      return <Deadlines />;
    case '/statistik':
      return <Statistics />;
    case '/administration':
      return <Administration />;
    case '/importera':
      return <Import />;
    case '/delegationsbeslut':
      return <DelegatedDecisions />;
    case '/missade-avbetalningar':
      return <MissedInstalments />;
    case '/inbetalningar':
      return <ImportRepayments />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  return (
    <>
      <h1>Sidan finns inte</h1>
      <p>Sidan finns inte, eller så har din roll inte tillgång till den.</p>
    </>
  );
}

export function SignedOut() {
  const failed = new URLSearchParams(window.location.search).get('fel') === 'inloggning';
  return (
    <main id="innehall" className="signed-out">
      <h1>{failed ? 'Inloggningen misslyckades' : 'Du är utloggad'}</h1>
      <p>{failed ? 'Försök igen.' : 'Din session är avslutad.'}</p>
      <p>
        <a href="/api/auth/login?returnTo=%2F">Logga in igen</a>
      </p>
    </main>
  );
}

export function App() {
  const path = usePath();
  if (path === '/utloggad') return <SignedOut />;
  return (
    <SessionProvider>
      <RouterProvider navigate={navigate}>
        <Layout>
          <Suspense fallback={<p role="status">Laddar…</p>}>
            <Screen path={path} />
          </Suspense>
        </Layout>
      </RouterProvider>
    </SessionProvider>
  );
}
