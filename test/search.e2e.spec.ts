import { type TestApp, startTestApp } from './support/test-app';

describe('GET /api/cases?caseNumber=: finding a case by its number', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds the case in the caller’s districts only', async () => {
    const reg = await t.http.post('/api/cases').send({
      district: 'farsta',
      receivedOn: '2019-02-01',
      source: 'public',
      subject: { gender: 'woman' },
    });
    expect(reg.status).toBe(201);
    const farsta = await t.as('fia.utredare', 'investigator', ['farsta']);
    const found = await farsta.get(`/api/cases?caseNumber=${reg.body.caseNumber}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ total: 1, items: [{ id: reg.body.id, caseNumber: reg.body.caseNumber }] });
    const bromma = await t.as('bo.utredare', 'investigator', ['bromma']);
    expect((await bromma.get(`/api/cases?caseNumber=${reg.body.caseNumber}`)).body.items).toEqual([]);
    expect((await farsta.get('/api/cases?caseNumber=not%20a%20number')).status).toBe(400);
  });
});
