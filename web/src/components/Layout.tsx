import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Link } from 'react-aria-components';
import { ROLE } from '../api/sv';
import { usePath } from '../router';
import { signOut, useSession } from '../session';

interface NavItem {
  href: string;
  label: string;
  roles: string[];
}

const NAV: NavItem[] = [
  { href: '/', label: 'Mina ärenden', roles: ['investigator', 'unit-head'] },
  { href: '/registrera', label: 'Registrera inkommande information', roles: ['investigator', 'unit-head'] },
  { href: '/koer', label: 'Köer', roles: ['investigator', 'unit-head'] },
  { href: '/tidsfrister', label: 'Tidsfrister', roles: ['investigator', 'unit-head'] },
  { href: '/missade-avbetalningar', label: 'Missade avbetalningar', roles: ['unit-head'] },
  { href: '/bevakningar', label: 'Mina bevakningar', roles: ['investigator', 'unit-head'] },
  { href: '/statistik', label: 'Statistik och årsrapport', roles: ['department', 'unit-head'] },
  { href: '/delegationsbeslut', label: 'Delegationsbeslut', roles: ['unit-head', 'department'] },
  { href: '/administration', label: 'Administration', roles: ['admin'] },
  { href: '/importera', label: 'Importera register', roles: ['admin', 'unit-head'] },
  { href: '/inbetalningar', label: 'Importera inbetalningar', roles: ['admin', 'unit-head'] },
];

export function navFor(role: string): NavItem[] {
  return NAV.filter((n) => n.roles.includes(role));
}

export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const path = usePath();
  const first = useRef(true);
  useEffect(() => {
    // After moving to another screen, start reading at its content, as a page load would.
    if (first.current) first.current = false;
    else document.getElementById('innehall')?.focus();
  }, [path]);
  return (
    <>
      <a className="skip-link" href="#innehall">
        Hoppa till innehållet
      </a>
      <header className="site-header">
        <div className="brand">FUT-ärenden</div>
        <nav aria-label="Huvudmeny">
          <ul>
            {navFor(session.role).map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={path === n.href ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user">
          <span>
            {session.user} ({ROLE[session.role]})
          </span>
          <Button className="button-secondary" onPress={() => void signOut()}>
            Logga ut
          </Button>
        </div>
      </header>
      <main id="innehall" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
