import { useEffect, type ReactNode } from 'react';
import { RouterProvider } from 'react-aria-components';
import { Layout, navFor } from './components/Layout';
import { navigate, usePath } from './router';
import { MyCases } from './screens/MyCases';
import { SessionProvider, useSession } from './session';
import { screen } from './screen-loader';
import { prefetchCase } from './screens/case/case-data';

// Screens past the start page load on demand, keeping the first page's JavaScript small.
const RegisterCase = screen(() => import('./screens/RegisterCase'));
const CasePage = screen(() => import('./screens/CasePage'));
const Queues = screen(() => import('./screens/Queues'));
const Deadlines = screen(() => import('./screens/Deadlines'));
const Statistics = screen(() => import('./screens/Statistics'));
const Administration = screen(() => import('./screens/Administration'));
const Import = screen(() => import('./screens/Import'));
const DelegatedDecisions = screen(() => import('./screens/DelegatedDecisions'));
const MissedInstalments = screen(() => import('./screens/MissedInstalments'));
const ImportRepayments = screen(() => import('./screens/ImportRepayments'));
const Reminders = screen(() => import('./screens/Reminders'));

const CASE_PATH = /^\/arenden\/([0-9a-f-]{36})$/;

/** The screens of each path, to fetch their code ahead of a click (the statistics' charts are large: on demand). */
const AHEAD: Record<string, { preload(): Promise<unknown> }> = {
  '/registrera': RegisterCase,
  '/koer': Queues,
  '/tidsfrister': Deadlines,
  '/administration': Administration,
  '/importera': Import,
  '/delegationsbeslut': DelegatedDecisions,
};

// A case page opened as an address: its code and its data are fetched at once, beside the session, not after it.
const opening = CASE_PATH.exec(window.location.pathname);
if (opening) {
  void CasePage.preload().catch(() => undefined);
  prefetchCase(opening[1]);
}

function Screen({ path }: { path: string }): ReactNode {
  const session = useSession();
  const allowed = navFor(session.role).map((n) => n.href);
  const home = allowed[0] ?? '/';
  useEffect(() => {
    if (path === '/' && home !== '/') navigate(home);
  }, [path, home]);
  // Once the first screen is up, the code of the others the role uses (and of the case page) is fetched while idle.
  useEffect(() => {
    const ahead = [...(allowed.includes('/') ? [CasePage] : []), ...allowed.flatMap((p) => AHEAD[p] ?? [])];
    const start = () => ahead.forEach((s) => void s.preload().catch(() => undefined));
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
    idle(start);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per role
  }, [session.role]);
  const caseMatch = CASE_PATH.exec(path);
  if (caseMatch) return <CasePage id={caseMatch[1]} />;
  if (!allowed.includes(path)) return <NotFound />;
  switch (path) {
    case '/':
      return <MyCases />;
    case '/registrera':
      return <RegisterCase />;
    case '/bevakningar':
      return <Reminders />;
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
          <Screen path={path} />
        </Layout>
      </RouterProvider>
    </SessionProvider>
  );
}
