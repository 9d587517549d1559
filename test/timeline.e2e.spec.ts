import {
  caseClosed,
  caseRegistered,
  caseSpecification,
  claimWaived,
  investigationCompleted,
  investigationOpened,
  kr,
  payment,
  person,
  repaymentClaimDecided,
  repaymentReceived,
} from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * The timeline with each step's amounts, reasons and outcomes, not only its
 * name and date (issue 22, "A case page for a case in follow-up"): the case's
 * history says them in Swedish, the same to every reader, and never who the
 * person is.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2019-03-01T10:00:00+01:00');
});
afterAll(async () => {
  await t.close();
});

const { given } = caseSpecification(() => t);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers checked with toMatchObject
type Json = any;

const PIN = '197712314561';
const NAME = 'Tidslinje Testsdotter';
const kronor = (text: string) => `${text.replace(/ /g, '\u00a0')}\u00a0kr`;

const registered = (protectedIdentity?: 'protected-registration') =>
  caseRegistered({
    district: 'farsta',
    receivedOn: '2018-02-01',
    subject: person(PIN, NAME),
    ...(protectedIdentity ? { protectedIdentity } : {}),
  });

/** A claim of 8 000 kr under SoL 2001:453, 1 500 kr repaid, the rest waived, and the case closed as waived. */
const later = [
  investigationOpened({ decidedOn: '2018-02-05' }),
  investigationCompleted({
    completedOn: '2018-03-01',
    incorrectPayments: [payment('2017-10-25', 3000), payment('2017-11-24', 5000)],
  }),
  repaymentClaimDecided({ decidedOn: '2018-03-05', amountOre: kr(8000), paymentIndexes: [0, 1] }),
  repaymentReceived({ receivedOn: '2018-04-02', amountOre: kr(1500) }),
  claimWaived({
    decidedOn: '2018-06-01',
    reason: 'other',
    amountOre: kr(6500),
    applicationReceivedOn: '2018-05-20',
    // Free text that names the person: never a fact of the timeline.
    reasons: `${NAME} saknar förmåga att betala.`,
  }),
  caseClosed({
    closedOn: '2018-06-04',
    reason: 'waived-other',
    decisionMaker: { decidedBy: 'chef.farsta', capacity: 'unit-head', delegationPoint: null },
  }),
];

const factsOf = (body: Json, type: string) =>
  Object.fromEntries(
    (body.find((e: Json) => e.type === type).details as Array<{ label: string; text: string }>).map((d) => [
      d.label,
      d.text,
    ]),
  );

describe('the timeline', () => {
  it("shows each step's amounts, law and reasons in Swedish", async () => {
    const { res } = await given(registered(), ...later)
      .when((http, c) => http.get(`${c.url}/history`))
      .thenNothingAppended({ status: 200 });

    expect(factsOf(res.body, 'InvestigationCompleted')).toMatchObject({
      Resultat: 'Felaktig utbetalning',
      Orsak: 'Oredovisade inkomster',
      'Felaktiga utbetalningar': '2',
      'Felaktigt utbetalt': kronor('8 000,00'),
    });
    expect(factsOf(res.body, 'RepaymentClaimDecided')).toEqual({
      Belopp: kronor('8 000,00'),
      Lagrum: '9 kap. 1 § SoL (2001:453)',
      Utbetalningar: '2',
    });
    expect(factsOf(res.body, 'RepaymentReceived')).toEqual({ Belopp: kronor('1 500,00'), Avser: 'Återkrav' });
    expect(factsOf(res.body, 'ClaimWaived')).toEqual({
      Belopp: kronor('6 500,00'),
      Skäl: 'Eftergift - annan orsak',
      // The waiver rests on the paragraph of its claim's law (9 kap. 4 § SoL 2001:453).
      Lagrum: '9 kap. 4 § SoL (2001:453)',
      'Ansökan kom in': '2018-05-20',
    });
    expect(factsOf(res.body, 'CaseClosed')).toEqual({
      Avslutsorsak: 'Eftergift - annan orsak',
      Beslutsfattare: 'chef.farsta',
      'Beslutsfattarens funktion': 'Enhetschef',
    });
    // Every entry has its facts (possibly none), each a label and a text.
    for (const e of res.body)
      for (const d of e.details) expect(d).toEqual({ label: expect.any(String), text: expect.any(String) });
  });

  it('names nobody to a reader who may not identify a protected person, and reads the same to those who may', async () => {
    // Olle investigates in Farsta but is not the case's investigator: the protected identity is withheld from him.
    const { res: withheld, case: c } = await given(registered('protected-registration'), ...later)
      .as('olle.farsta', 'investigator', ['farsta'])
      .when((http, c) => http.get(`${c.url}/history`))
      .thenNothingAppended({ status: 200 });
    expect(withheld.body[0].data.subject).toEqual({ personalIdentityNumber: null, name: null, gender: 'woman' });

    const details = JSON.stringify(withheld.body.map((e: Json) => e.details));
    for (const secret of [NAME, 'Testsdotter', PIN, PIN.slice(2), '19771231-4561', 'saknar förmåga'])
      expect(details).not.toContain(secret);
    expect(factsOf(withheld.body, 'ClaimWaived')).toMatchObject({ Belopp: kronor('6 500,00') });

    // The unit head may see her (the check can see the name), and reads the same facts.
    const identified = await t.http.get(`${c.url}/history`);
    expect(identified.body[0].data.subject.name).toBe(NAME);
    expect(identified.body.map((e: Json) => e.details)).toEqual(withheld.body.map((e: Json) => e.details));
  });
});
