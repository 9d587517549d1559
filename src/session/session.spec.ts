import { loadConfig, ConfigError } from '../config/config';
import { SessionStore, sameToken } from './session-store';

const principal = { user: 'utredare.bromma', role: 'investigator' as const, districts: ['bromma'] };

describe('web sessions', () => {
  it('end after the idle timeout, and every use restarts the idle clock', () => {
    let now = 0;
    const store = new SessionStore(30 * 60_000, () => now);
    const s = store.create(principal);
    now += 29 * 60_000;
    expect(store.touch(s.id)?.principal).toEqual(principal);
    now += 29 * 60_000;
    expect(store.touch(s.id)).toBeDefined();
    now += 31 * 60_000;
    expect(store.touch(s.id)).toBeUndefined();
    expect(store.touch(s.id)).toBeUndefined();
  });

  it('end after twelve hours however active, and at logout', () => {
    let now = 0;
    const store = new SessionStore(30 * 60_000, () => now);
    const s = store.create(principal);
    for (let i = 0; i < 30; i++) {
      now += 25 * 60_000;
      store.touch(s.id);
    }
    expect(store.touch(s.id)).toBeUndefined();
    const t = store.create(principal);
    store.destroy(t.id);
    expect(store.touch(t.id)).toBeUndefined();
  });

  it('use a pending sign-in once, within ten minutes', () => {
    let now = 0;
    const store = new SessionStore(60_000, () => now);
    const login = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/' };
    const id = store.beginLogin(login);
    expect(store.takeLogin(id)).toMatchObject(login);
    expect(store.takeLogin(id)).toBeUndefined();
    const late = store.beginLogin(login);
    now += 11 * 60_000;
    expect(store.takeLogin(late)).toBeUndefined();
  });

  it('hold at most their bound of sign-ins under way and of sessions, the least recently used out first', () => {
    let now = 0;
    const store = new SessionStore(30 * 60_000, () => now, { sessions: 3, logins: 5 });
    const login = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/' };
    // Anyone can start a sign-in: a flood of them within the ten minutes stays at the bound.
    const logins = Array.from({ length: 50 }, () => store.beginLogin(login));
    expect(store.size.logins).toBe(5);
    expect(store.takeLogin(logins[49])).toMatchObject(login);
    expect(store.takeLogin(logins[0])).toBeUndefined();
    const [a, b, c] = [store.create(principal), store.create(principal), store.create(principal)];
    now += 1000;
    store.touch(a.id);
    const d = store.create(principal);
    expect(store.size.sessions).toBe(3);
    // b was used longest ago: it is the one signed out.
    expect([a, b, c, d].map((s) => store.touch(s.id) !== undefined)).toEqual([true, false, true, true]);
  });

  it('give each session its own random id and CSRF token, compared in constant time', () => {
    const store = new SessionStore(60_000);
    const a = store.create(principal);
    const b = store.create(principal);
    expect(a.id).not.toBe(b.id);
    expect(a.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sameToken(a.csrfToken, a.csrfToken)).toBe(true);
    expect(sameToken(a.csrfToken, b.csrfToken)).toBe(false);
    expect(sameToken(a.csrfToken, '')).toBe(false);
  });
});

describe('web sign-in settings', () => {
  const dev = { EVENT_STORE_URL: 'sqlite:/tmp/x/events.db' };
  const oidc = {
    ...dev,
    OIDC_ISSUER: 'https://idp.example.se',
    OIDC_AUDIENCE: 'fut',
    OIDC_JWKS_URL: 'https://idp.example.se/jwks',
    MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
  };

  it('use the embedded provider in development, at the loopback address by default', () => {
    const { web } = loadConfig(dev);
    expect(web).toMatchObject({
      provider: 'embedded',
      publicUrl: 'http://127.0.0.1:3000',
      idleMinutes: 30,
      clientId: 'fut-web',
    });
  });

  it('use the city provider with a client id, and only bearer tokens without one', () => {
    expect(loadConfig({ ...oidc, OIDC_CLIENT_ID: 'fut-web', PUBLIC_URL: 'https://fut.example.se/' }).web).toMatchObject(
      { provider: 'oidc', clientId: 'fut-web', clientSecret: null, publicUrl: 'https://fut.example.se' },
    );
    expect(loadConfig(oidc).web.provider).toBe('off');
  });

  it('refuse a bad idle timeout, a bad public URL, and a client id in development mode', () => {
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ ...dev, SESSION_IDLE_MINUTES: '0' })).toEqual([expect.stringMatching(/SESSION_IDLE_MINUTES/)]);
    expect(problems({ ...dev, PUBLIC_URL: 'fut.example.se' })).toEqual([expect.stringMatching(/PUBLIC_URL/)]);
    expect(problems({ ...dev, AUTH_MODE: 'dev', OIDC_CLIENT_ID: 'x' })).toEqual([
      expect.stringMatching(/OIDC_CLIENT_ID/),
    ]);
  });
});
