import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JWK, SignJWT, importJWK } from 'jose';
import request from 'supertest';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../src/auth/token-verifier';
import { type TestApp, startTestApp } from '../support/test-app';

/** Signs claims with the development issuer's own key, as a forger holding that key could. */
async function signed(t: TestApp, build: (jwt: SignJWT) => SignJWT): Promise<string> {
  const jwk = JSON.parse(readFileSync(join(t.dir, 'dev-issuer-key.json'), 'utf8')) as JWK;
  const jwt = new SignJWT({ role: 'admin', districts: [] })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('mallory')
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE);
  return build(jwt).sign(await importJWK(jwk, 'ES256'));
}

describe('tokens: lifetime is checked', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());
  const audit = (token: string) =>
    request(t.app.getHttpServer()).get('/api/audit').set('Authorization', `Bearer ${token}`);
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a token without exp', async () => {
    const res = await audit(await signed(t, (j) => j.setIssuedAt()));
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/exp/);
  });

  it('refuses a token issued ten years ahead, and one not valid before later', async () => {
    const ahead = now() + 10 * 365 * 86400;
    expect((await audit(await signed(t, (j) => j.setIssuedAt(ahead).setExpirationTime(ahead + 3600)))).status).toBe(
      401,
    );
    const later = now() + 600;
    expect((await audit(await signed(t, (j) => j.setNotBefore(later).setExpirationTime(later + 3600)))).status).toBe(
      401,
    );
  });

  it('allows 60 seconds of clock skew, not more', async () => {
    expect((await audit(await signed(t, (j) => j.setIssuedAt(now() + 30).setExpirationTime('1h')))).status).toBe(200);
    expect((await audit(await signed(t, (j) => j.setExpirationTime(now() - 30)))).status).toBe(200);
    const expired = await audit(await signed(t, (j) => j.setExpirationTime(now() - 120)));
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toMatch(/expired/);
  });
});

describe('development mode says what it is', () => {
  it('in /health', async () => {
    const t = await startTestApp();
    try {
      const health = await request(t.app.getHttpServer()).get('/health');
      expect(health.body.authentication).toEqual({
        mode: 'development',
        warning: expect.stringMatching(/DEVELOPMENT MODE/),
      });
    } finally {
      await t.close();
    }
  });
});

describe('per-user read limit', () => {
  it('answers 429 past READS_PER_MINUTE for that user only, and leaves writes to their own limit', async () => {
    const t = await startTestApp(undefined, { READS_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await t.http.get('/api/districts')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await t.http.get('/api/districts');
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
      const other = await t.as('other.user', 'unit-head', ['farsta']);
      expect((await other.get('/api/districts')).status).toBe(200);
      const write = await t.http
        .post('/api/cases')
        .send({ district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } });
      expect(write.status).toBe(201);
    } finally {
      await t.close();
    }
  });
});
