import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { type TestApp, startTestApp } from '../support/test-app';

const REGISTRATION = { district: 'farsta', receivedOn: '2018-02-01', source: 'public', subject: { gender: 'man' } };
const seen: Array<[string, number]> = [];

/** Each hostile input answers 4xx problem+json naming what was wrong, and stores nothing. */
describe('hostile input gets 4xx and stores nothing', () => {
  let t: TestApp;
  let id: string;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    id = (await t.http.post('/api/cases').send(REGISTRATION)).body.id as string;
    token = await t.token('anna.utredare', 'unit-head');
  });
  afterAll(async () => {
    await t.close();
    process.stdout.write(`hostile inputs:\n${seen.map(([what, status]) => `  ${status} ${what}`).join('\n')}\n`);
  });

  async function refused(
    what: string,
    send: () => Promise<request.Response>,
    status: number,
    field?: string | RegExp,
  ): Promise<request.Response> {
    const before = await t.eventCount();
    const res = await send();
    seen.push([what, res.status]);
    expect({ what, status: res.status }).toEqual({ what, status });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    if (field !== undefined)
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(field) })]),
      );
    expect(await t.eventCount()).toBe(before);
    return res;
  }
  /** The bytes as given: superagent would serialize a Buffer as JSON. */
  const raw = async (path: string, headers: Record<string, string>, body: Buffer | string) => {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: { 'content-type': res.headers.get('content-type') ?? '' },
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    } as unknown as request.Response;
  };

  it('refuses charsets and encodings it does not read with 415', async () => {
    const body = JSON.stringify(REGISTRATION);
    await refused(
      'Content-Type: application/json; charset=latin1',
      () => raw('/api/cases', { 'Content-Type': 'application/json; charset=latin1' }, body),
      415,
      'Content-Type',
    );
    await refused(
      'Content-Encoding: xyz',
      () => raw('/api/cases', { 'Content-Type': 'application/json', 'Content-Encoding': 'xyz' }, body),
      415,
      'Content-Encoding',
    );
    await refused(
      'Content-Encoding: br on a body that is not brotli',
      () => raw('/api/cases', { 'Content-Type': 'application/json', 'Content-Encoding': 'br' }, body),
      400,
      'body',
    );
    const brotli = await raw(
      '/api/cases',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'br' },
      brotliCompressSync(body),
    );
    expect(brotli.status).toBe(201);
    await refused(
      'broken gzip',
      () =>
        raw(
          '/api/cases',
          { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
          Buffer.from('not gzip at all'),
        ),
      400,
      'body',
    );
    const ok = await raw(
      '/api/cases',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      gzipSync(body),
    );
    expect(ok.status).toBe(201);
  });

  it('takes a malformed session cookie for no session: 401 problem+json, never a 500 or an HTML page', async () => {
    const anonymous = () => request(t.app.getHttpServer());
    for (const cookie of ['fut_session=%E0%A4%A', 'fut_session=%', 'fut_login=%zz; fut_session=%C0%80']) {
      await refused(`GET /api/cases with ${cookie}`, () => anonymous().get('/api/cases').set('Cookie', cookie), 401);
      await refused(
        `GET /api/session with ${cookie}`,
        () => anonymous().get('/api/session').set('Cookie', cookie),
        401,
      );
      await refused(
        `POST /api/cases with ${cookie}`,
        () => anonymous().post('/api/cases').set('Cookie', cookie).send(REGISTRATION),
        401,
      );
      const logout = await anonymous().post('/api/auth/logout').set('Cookie', cookie);
      expect({ cookie, status: logout.status }).toEqual({ cookie, status: 204 });
    }
    const callback = await anonymous().get('/api/auth/callback?code=x&state=y').set('Cookie', 'fut_login=%E0%A4%A');
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe('/utloggad?fel=inloggning');
  });

  it('refuses JSON nested 3 000 levels with 400', async () => {
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    await refused(
      'JSON nested 3 000 levels',
      () => raw('/api/cases', { 'Content-Type': 'application/json' }, `{"district":${deep}}`),
      400,
      'body',
    );
  });

  it('refuses invalid UTF-8 and lone surrogates instead of replacing them', async () => {
    const bytes = Buffer.concat([
      Buffer.from(
        '{"district":"farsta","receivedOn":"2018-02-01","source":"public","subject":{"gender":"man","name":"K',
      ),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}'),
    ]);
    await refused(
      'invalid UTF-8 in a name',
      () => raw('/api/cases', { 'Content-Type': 'application/json' }, bytes),
      400,
      'body',
    );
    await refused(
      'a lone surrogate in a name',
      () =>
        raw(
          '/api/cases',
          { 'Content-Type': 'application/json' },
          '{"district":"farsta","receivedOn":"2018-02-01","source":"public","subject":{"gender":"man","name":"K\\ud800"}}',
        ),
      400,
      /name/,
    );
  });

  it.each([
    ['a name of only zero-width characters', '\u200b\u200c\u200d'],
    ['a name with NUL', 'Kalle\u0000Anka'],
    ['a name with a bidi override (U+202E)', 'Kalle \u202eaknA'],
    ['a name of only spaces', '   '],
  ])('refuses %s with 400 naming the field', async (what, name) => {
    await refused(
      what,
      () => t.http.post('/api/cases').send({ ...REGISTRATION, subject: { gender: 'man', name } }),
      400,
      'subject.name',
    );
  });

  it('refuses a whitespace-only journal entry', async () => {
    await refused(
      'whitespace-only journal text',
      () => t.http.post(`/api/cases/${id}/journal`).send({ notedOn: '2018-02-02', kind: 'note', text: ' \n\t ' }),
      400,
      'text',
    );
  });

  it.each(['0001-01-01', '1899-12-31', '0050-06-15', '2101-01-01'])('refuses the business date %s', async (date) => {
    await refused(
      `payment date ${date}`,
      () => t.http.post('/api/cases').send({ ...REGISTRATION, suspectedPayments: [{ paidOn: date, amount: 100 }] }),
      400,
      /paidOn/,
    );
    await refused(
      `received date ${date}`,
      () => t.http.post('/api/cases').send({ ...REGISTRATION, receivedOn: date }),
      400,
      'receivedOn',
    );
  });

  it('keeps four-digit years everywhere, also below 100', async () => {
    const { suitDeadline } = await import('../../src/cases/domain/three-year-limit');
    expect(suitDeadline('0050-06-15').slice(0, 4)).toBe('0053');
  });

  it('accepts names with Swedish letters, hyphens and apostrophes', async () => {
    const res = await t.http
      .post('/api/cases')
      .send({ ...REGISTRATION, subject: { gender: 'woman', name: "Åsa-Britt O'Néill Öberg" } });
    expect(res.status).toBe(201);
  });
});
