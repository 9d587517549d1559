import { expect, test } from '@playwright/test';
import { checkScreen, signIn, signOut } from './support';

test.describe('signing in (backend for frontend)', () => {
  test('an investigator signs in through the OIDC provider and lands on Mina ärenden; no token reaches the page', async ({
    page,
    context,
  }) => {
    // The app, without a session, sends the browser on to sign in; wait for that, not for the first page's load.
    await page.goto('/', { waitUntil: 'commit' });
    await page.waitForURL(/\/dev-idp\/interaction\//, { waitUntil: 'commit' });
    await expect(page.getByRole('button', { name: 'Logga in' })).toBeVisible();
    await checkScreen(page, '00-inloggning');
    await signIn(page, 'utredare.bromma');
    await expect(page.getByRole('heading', { level: 1, name: 'Mina ärenden' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'fut_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // Nothing token-like in page JavaScript or storage.
    const visible = await page.evaluate(() => ({
      cookie: document.cookie,
      local: JSON.stringify(window.localStorage),
      session: JSON.stringify(window.sessionStorage),
    }));
    expect(visible.cookie).not.toContain('fut_session');
    expect(visible.local + visible.session).not.toMatch(/eyJ|token/i);
    await checkScreen(page, '01-mina-arenden');
  });

  test('without a session the app sends the browser to sign in once, also when several requests are refused', async ({
    page,
    context,
  }) => {
    // Chromium reports every navigation a script asks for, even one cancelled by the next before its
    // request leaves; a second request to sign in aborts the first (net::ERR_ABORTED in the browser).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.enable');
    const toSignIn: string[] = [];
    cdp.on('Page.frameRequestedNavigation', (e: { url: string }) => {
      if (new URL(e.url).pathname === '/api/auth/login') toSignIn.push(e.url);
    });
    await page.goto('/tidsfrister', { waitUntil: 'commit' });
    await page.waitForURL(/\/dev-idp\/interaction\//, { waitUntil: 'commit' });
    expect(toSignIn).toEqual([expect.stringContaining('returnTo=%2Ftidsfrister')]);

    // A session that ends while the page is open: every request in flight is refused at once.
    await signIn(page, 'chef.bromma', '/koer');
    toSignIn.length = 0;
    await context.clearCookies();
    // The page's own requests may meet the ended session before the click does: either way, one sign-in.
    const signInPage = page.waitForURL(/\/dev-idp\/interaction\//, { waitUntil: 'commit' });
    await Promise.race([page.getByRole('link', { name: 'Tidsfrister' }).click(), signInPage]).catch(() => undefined);
    await signInPage;
    expect(toSignIn).toHaveLength(1);
  });

  test('a signed-in demo user switches to another at the provider without signing out first', async ({ page }) => {
    await signIn(page, 'utredare.bromma');
    // The header names who is signed in (the start page's cases name their investigator too).
    await expect(page.getByRole('banner').getByText('utredare.bromma (FUT-utredare)')).toBeVisible();
    // The provider's sign-in form posts with the service's session cookie: that session must not
    // refuse it for want of the API's X-CSRF-Token (it was 403 csrf-token-missing).
    await signIn(page, 'chef.bromma', '/koer');
    await expect(page.getByRole('heading', { level: 1, name: 'Köer' })).toBeVisible();
    const session = await page.evaluate(
      async () => ((await (await fetch('/api/session')).json()) as { user: string }).user,
    );
    expect(session).toBe('chef.bromma');
  });

  test('a write without the CSRF token is refused; bearer tokens keep working; logging out ends the session', async ({
    page,
    request,
  }) => {
    await signIn(page, 'utredare.bromma');
    const noCsrf = await page.evaluate(async () => {
      const res = await fetch('/api/cases/search', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ caseNumber: 'X-1' }),
      });
      return { status: res.status, code: ((await res.json()) as { code: string }).code };
    });
    expect(noCsrf).toEqual({ status: 403, code: 'csrf-token-missing' });

    const token = (
      await (
        await request.post('/api/auth/dev-token', {
          data: { user: 'api.klient', role: 'unit-head', districts: ['bromma'] },
        })
      ).json()
    ).accessToken as string;
    const viaBearer = await request.get('/api/cases?pageSize=1', { headers: { Authorization: `Bearer ${token}` } });
    expect(viaBearer.status()).toBe(200);

    await signOut(page);
    await expect(page.getByRole('heading', { name: 'Du är utloggad' })).toBeVisible();
    await checkScreen(page, '99-utloggad');
    const after = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(after).toBe(401);
  });
});
