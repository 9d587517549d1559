import type { Response } from 'supertest';
import { xlsxBomb } from '../src/bench/hostile-registers';
import { caseStreamId } from '../src/cases/application/case-stream';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port';
import {
  type GivenCase,
  type LaterEvent,
  caseClosed,
  caseRegistered,
  caseSpecification,
  claimWaived,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  repaymentClaimDecided,
  repaymentPlanAgreed,
  repaymentReceived,
  unnamed,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * Repayments brought in from the municipality's accounts receivable (issue
 * 22): a file of payments, each recorded as a repayment of the case it names
 * (by ärendenummer or its plan's OCR reference) through the decider, by the
 * importing user; a dry run first; the same payment never recorded twice.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2018-06-15T10:00:00+02:00');
});
afterAll(async () => {
  await t.close();
});

const { givenCase } = caseSpecification(() => t);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

const OCR = '123456782';
/** A case with a claim of `claimKr` kr decided 2018-03-05, and what happened since. */
const claimed = (district: string, claimKr: number, ...since: LaterEvent[]) =>
  givenCase(
    caseRegistered({ district, receivedOn: '2018-02-01', subject: unnamed('man') }),
    investigationOpened({ decidedOn: '2018-02-02' }),
    investigationCompleted({
      completedOn: '2018-03-01',
      incorrectPayments: [payment('2017-10-25', claimKr), payment('2017-11-24', 500)],
    }),
    repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(claimKr), paymentIndexes: [0] }),
    ...since,
  );

const csv = (lines: string[]): Buffer => Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
const HEAD = 'Ärendenummer;OCR-nummer;Betalningsdatum;Belopp;Verifikationsnummer';

/** The case's events, as the log holds them. */
const eventsOf = (c: GivenCase) => t.app.get<EventStore>(EVENT_STORE).readStream(caseStreamId(c.id));

describe('the repayments import', () => {
  let planned: GivenCase;
  let plain: GivenCase;
  let closed: GivenCase;
  let twoClaims: GivenCase;
  let elsewhere: GivenCase;
  let paidUp: GivenCase;
  let byHand: GivenCase;
  let file: Buffer;
  const head = () => t.as('chef.farsta', 'unit-head', ['farsta']);
  const upload = async (content: Buffer, dryRun: boolean, status: number, name = 'inbetalningar.csv') => {
    const res: Response = await (
      await head()
    )
      .post('/api/repayment-imports')
      .field('dryRun', String(dryRun))
      .attach('file', content, name);
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  };
  const reportOf = async (res: Response) =>
    (await (await head()).get(`/api/repayment-imports/${res.body.id}/report`).expect(200)).body;
  const rowsOf = async (res: Response) =>
    Object.fromEntries(((await reportOf(res)).rows as Json[]).map((r) => [r.row, r]));

  beforeAll(async () => {
    planned = await claimed(
      'farsta',
      2000,
      repaymentPlanAgreed({
        agreedOn: '2018-03-10',
        monthlyAmountOre: kr(500),
        firstDueOn: '2018-04-01',
        ocrReference: OCR,
      }),
    );
    plain = await claimed('farsta', 1000);
    closed = await claimed('farsta', 1000, caseClosed({ closedOn: '2018-05-01', reason: 'no-action' }));
    twoClaims = await claimed(
      'farsta',
      1000,
      repaymentClaimDecided({ claimId: '2', decidedOn: '2018-03-06', amountOre: kr(500), paymentIndexes: [1] }),
    );
    elsewhere = await claimed('skarholmen', 1000);
    paidUp = await claimed(
      'farsta',
      1000,
      claimWaived({ decidedOn: '2018-04-01', reason: 'other', amountOre: kr(1000) }),
    );
    byHand = await claimed('farsta', 1000, repaymentReceived({ receivedOn: '2018-05-10', amountOre: kr(300) }));
    // Signed in once before: a user's first request records them in the staff directory (an event of its own).
    await (await head()).get('/api/missed-instalments').expect(200);
    file = csv([
      HEAD,
      `${planned.caseNumber};;2018-05-02;500,00;V1`, // 2: recorded
      `;${OCR.slice(0, 3)} ${OCR.slice(3)};2018-06-01;300,00;V2`, // 3: found by the plan's OCR reference
      `${plain.caseNumber};;2018-06-05;800,00;V3`, // 4: recorded, 200 kr still owed
      'FA-2017-9999;;2018-06-01;100;V4', // 5: no such case
      `${closed.caseNumber};;2018-06-01;100;V5`, // 6: closed
      `${twoClaims.caseNumber};;2018-06-01;100;V6`, // 7: two claims owing
      `${elsewhere.caseNumber};;2018-06-01;100;V7`, // 8: another district
      `${paidUp.caseNumber};;2018-06-01;100;V8`, // 9: nothing owed
      `${byHand.caseNumber};;2018-05-10;300;V9`, // 10: recorded by hand already: held
      `${planned.caseNumber};;2018-06-10;50;`, // 11: no reference
      `${planned.caseNumber};;2018-06-10;50;`, // 12: the same again: held
      ';123456783;2018-06-01;100;V10', // 13: OCR check digit wrong
      `${planned.caseNumber};;2018-07-01;100;V11`, // 14: paid after today: the decider refuses
      `${planned.caseNumber};;2018-06-11;-50;V12`, // 15: a reversal
      `${plain.caseNumber};;2018-06-12;300;V13`, // 16: above what is owed once row 4 is in
      `${planned.caseNumber};;31/2/2018;10;V14`, // 17: no such date
    ]);
  });

  it('decides every row in a dry run, reports each by row in Swedish, and writes nothing', async () => {
    const before = await t.eventCount();
    const res = await upload(file, true, 200);
    expect(res.body).toMatchObject({
      status: 'done',
      dryRun: true,
      summary: { rows: 16, recorded: 4, unchanged: 0, held: 2, failed: 10, recordedAmount: 1650 },
      columns: {
        mapped: {
          caseNumber: 'Ärendenummer',
          ocrReference: 'OCR-nummer',
          paidOn: 'Betalningsdatum',
          amount: 'Belopp',
          reference: 'Verifikationsnummer',
        },
        unmapped: [],
      },
    });
    expect(await t.eventCount()).toBe(before);
    const rows = await rowsOf(res);
    const outcome = (row: number) => ({ status: rows[row].status, codes: rows[row].problems.map((p: Json) => p.code) });
    expect(rows[2]).toMatchObject({
      status: 'would-record',
      caseId: planned.id,
      caseNumber: planned.caseNumber,
      claimId: '1',
      paidOn: '2018-05-02',
      amount: 500,
    });
    expect(rows[3]).toMatchObject({
      status: 'would-record',
      caseId: planned.id,
      key: `${OCR.slice(0, 3)} ${OCR.slice(3)}`,
    });
    expect(outcome(4)).toEqual({ status: 'would-record', codes: [] });
    expect(outcome(5)).toEqual({ status: 'failed', codes: ['payment-case-unknown'] });
    expect(outcome(6)).toEqual({ status: 'failed', codes: ['payment-case-closed'] });
    expect(outcome(7)).toEqual({ status: 'failed', codes: ['payment-claim-ambiguous'] });
    expect(outcome(8)).toEqual({ status: 'failed', codes: ['district-not-permitted'] });
    expect(outcome(9)).toEqual({ status: 'failed', codes: ['payment-nothing-owed'] });
    expect(outcome(10)).toEqual({ status: 'held', codes: ['payment-possible-duplicate'] });
    expect(outcome(11)).toEqual({ status: 'would-record', codes: [] });
    expect(outcome(12)).toEqual({ status: 'held', codes: ['payment-duplicate-row'] });
    expect(rows[12].problems[0].message).toMatch(/tidigare rad i filen.*\(rad 11\)$/);
    expect(rows[13].problems).toEqual([
      {
        row: 13,
        column: 'OCR-nummer',
        code: 'invalid-ocr-reference',
        message: expect.stringMatching(/^OCR-numret stämmer inte/),
      },
    ]);
    expect(outcome(14)).toEqual({ status: 'failed', codes: ['date-in-future'] });
    expect(rows[14].problems[0].column).toBe('Betalningsdatum');
    expect(outcome(15)).toEqual({ status: 'failed', codes: ['negative-amount'] });
    expect(outcome(16)).toEqual({ status: 'failed', codes: ['amount-above-outstanding'] });
    expect(outcome(17)).toEqual({ status: 'failed', codes: ['invalid-date'] });
    // Messages are Swedish and never repeat a cell's value.
    for (const r of Object.values(rows) as Json[])
      for (const p of r.problems) {
        expect(p.message).toMatch(/[åäöÅÄÖ]|[a-z]/);
        expect(p.message).not.toContain('FA-2017-9999');
      }
  });

  it('records each payment as a repayment by the importing user, and a second run of the file records nothing again', async () => {
    const res = await upload(file, false, 201);
    expect(res.body.summary).toMatchObject({
      rows: 16,
      recorded: 4,
      unchanged: 0,
      held: 2,
      failed: 10,
      recordedAmount: 1650,
    });
    const recorded = (await eventsOf(planned)).filter((e) => e.type === 'RepaymentReceived');
    expect(recorded.map((e) => e.data)).toEqual([
      { claimId: '1', receivedOn: '2018-05-02', amountOre: kr(500), kind: 'claim' },
      { claimId: '1', receivedOn: '2018-06-01', amountOre: kr(300), kind: 'claim' },
      { claimId: '1', receivedOn: '2018-06-10', amountOre: kr(50), kind: 'claim' },
    ]);
    expect(recorded.map((e) => e.metadata.recordedBy)).toEqual(['chef.farsta', 'chef.farsta', 'chef.farsta']);
    expect(recorded[0].metadata.imported).toEqual({
      fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      row: 2,
      paymentReference: true,
    });
    expect(recorded[2].metadata.imported).toMatchObject({ row: 11, paymentReference: false });
    // The case page now shows the instalments paid: April and May (800 kr of 1 000), short since April.
    const view = await t.http.get(planned.url).expect(200);
    expect(view.body.repaymentPlans[0]).toMatchObject({ paid: 850, behind: 650, behindSince: '2018-05-01' });
    expect(view.body.amounts.repaid).toBe(850);

    const lengths = async () => Promise.all([planned, plain, byHand].map(async (c) => (await eventsOf(c)).length));
    const before = await lengths();
    const again = await upload(file, false, 201);
    expect(again.body.summary).toMatchObject({ recorded: 0, unchanged: 4, held: 2, failed: 10, recordedAmount: 0 });
    expect(await lengths()).toEqual(before);
    const rows = await rowsOf(again);
    expect([2, 3, 4, 11].map((r) => rows[r].status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    // Row 16 still fails, for the same reason as before.
    expect(rows[16].problems.map((p: Json) => p.code)).toEqual(['amount-above-outstanding']);
  });

  it('records only the new payments of an overlapping file, and holds one already recorded from a file without references', async () => {
    const overlapping = csv([
      'OCR;Inbetald;Inbetalt belopp;Verifikation;Bokföringsdatum;Kommentar',
      `${OCR};2018-05-02;500;V1;2018-05-03;x`, // the same payment as row 2 before, found by OCR this time
      `${OCR};2018-06-12;120,50;V20;2018-06-13;`, // new
      `${OCR};2018-06-10;50;V21;2018-06-11;`, // recorded before from a row without a reference: held
    ]);
    const res = await upload(overlapping, false, 201, 'reskontra.csv');
    expect(res.body.columns).toEqual({
      mapped: { ocrReference: 'OCR', paidOn: 'Inbetald', amount: 'Inbetalt belopp', reference: 'Verifikation' },
      unmapped: ['Bokföringsdatum', 'Kommentar'],
    });
    const rows = await rowsOf(res);
    expect([2, 3, 4].map((r) => rows[r].status)).toEqual(['unchanged', 'recorded', 'held']);
    const amounts = (await eventsOf(planned))
      .filter((e) => e.type === 'RepaymentReceived')
      .map((e) => e.data.amountOre);
    expect(amounts).toEqual([kr(500), kr(300), kr(50), kr(120.5)]);
  });

  it('tells two equal payments on one day apart only by a reference column', async () => {
    const c = await claimed('farsta', 1000);
    const res = await upload(
      csv([HEAD, `${c.caseNumber};;2018-06-01;100;A-1`, `${c.caseNumber};;2018-06-01;100;A-2`]),
      false,
      201,
    );
    expect(res.body.summary).toMatchObject({ recorded: 2, held: 0 });
    expect((await eventsOf(c)).filter((e) => e.type === 'RepaymentReceived')).toHaveLength(2);
  });

  it('refuses a file without the columns a payment needs, and one that unpacks past the import limit, writing nothing', async () => {
    const before = await t.eventCount();
    const missing = await (
      await head()
    )
      .post('/api/repayment-imports')
      .attach('file', csv(['Ärendenummer;Belopp', 'FA-2018-0001;100']), 'fel.csv');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'file', message: 'Filen saknar kolumnen Betalningsdatum' }]);
    const bomb = xlsxBomb(400 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const refused = await (
      await head()
    )
      .post('/api/repayment-imports')
      .field('dryRun', 'true')
      .attach('file', bomb, 'bomb.xlsx');
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ code: 'import-limit-exceeded', limit: { name: 'unpackedBytes' } });
    expect(await t.eventCount()).toBe(before);
  });

  it('runs in the background with Prefer: respond-async; the report downloads as CSV', async () => {
    const c = await claimed('farsta', 1000);
    const res = await (
      await head()
    )
      .post('/api/repayment-imports')
      .set('Prefer', 'respond-async')
      .attach('file', csv([HEAD, `${c.caseNumber};;2018-06-01;250,50;B-1`]), 'b.csv');
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/repayment-imports/${res.body.id}`);
    let status: Response;
    do status = await (await head()).get(`/api/repayment-imports/${res.body.id}`);
    while (status.body.status === 'running');
    expect(status.body).toMatchObject({
      status: 'done',
      dryRun: false,
      summary: { recorded: 1, recordedAmount: 250.5 },
    });
    const report = await (await head()).get(`/api/repayment-imports/${res.body.id}/report?format=csv`);
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.text).toContain(`2;${c.caseNumber};2018-06-01;250,50;Registrerad;${c.caseNumber};1;`);
    // Another unit head does not see it.
    const other = await t.as('chef.bromma', 'unit-head', ['bromma']);
    expect((await other.get(`/api/repayment-imports/${res.body.id}`)).status).toBe(404);
  });

  it('is for administrators and unit heads', async () => {
    const investigator = await t.as('utredare.farsta', 'investigator', ['farsta']);
    const res = await investigator.post('/api/repayment-imports').attach('file', csv([HEAD]), 'x.csv');
    expect(res.status).toBe(403);
  });
});
