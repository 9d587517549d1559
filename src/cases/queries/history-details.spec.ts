import { type Shape, type ShapeNode, mapPersonal, problemsOf, withholdIdentity } from '../../kernel/shape';
import { CASE_EVENT_TYPES, definitionOf, type CaseEvent, type CaseEventType } from '../steps';
import { type HistoryContext, historyDetails } from './history-details';

/**
 * The timeline's facts of every registered event: they read for a valid
 * example of each event, and never show a personal field (whatever its shape
 * declares `personalText`: names, personnummer, free text, references that
 * lead to the person), so they may be shown to every reader of the case.
 */

/** Marks each personal field's value, so a fact that shows one is caught. */
const PERSONAL = 'PERSONLIG-UPPGIFT';

type Variant = 'first' | 'last' | 'minimal';

/** A value a shape holds, built from the shape's structure: every code list's first or last code, or only what is required. */
function example(shape: Shape<unknown>, variant: Variant, key = ''): unknown {
  const node: ShapeNode = shape.node;
  switch (node.kind) {
    case 'record':
      return Object.fromEntries(
        Object.entries(node.fields)
          .map(([k, f]) => [k, example(f, variant, k)] as const)
          .filter(([, v]) => v !== undefined),
      );
    case 'list':
      return [example(node.item, variant, key)];
    case 'wrap':
      // Optional or nullable: left out (or null) in the minimal example, when the shape takes that.
      if (variant === 'minimal') {
        if (problemsOf(shape, undefined).length === 0) return undefined;
        if (problemsOf(shape, null).length === 0) return null;
      }
      return example(node.inner, variant, key);
    case 'value':
      if (node.personal) return `${PERSONAL} ${key}`;
      switch (node.type) {
        case 'date':
          return '2018-03-05';
        case 'number':
          return 1_234_500;
        case 'boolean':
          return true;
        case 'code':
          return node.values ? node.values[variant === 'last' ? node.values.length - 1 : 0] : '1';
        case 'string':
          if (key === 'month') return '2018-02';
          if (key === 'sha256') return 'a'.repeat(64);
          return '1';
      }
  }
}

const context: HistoryContext = {
  claimLaw: (claimId) => (claimId === '1' ? 'SoL 2001:453' : null),
  severalClaims: true,
  severalReports: true,
  districtName: (code) => (code === '1' ? 'Farsta' : undefined),
};

const texts = (e: CaseEvent) => historyDetails(e, context).flatMap((d) => [d.label, d.text]);

describe('the timeline facts of every event', () => {
  const cases = CASE_EVENT_TYPES.flatMap((type) =>
    (['first', 'last', 'minimal'] as const).map((variant) => [type, variant] as [CaseEventType, Variant]),
  );

  it.each(cases)('%s (%s example) reads without a personal field', (type, variant) => {
    const shape = definitionOf(type).shape as Shape<unknown>;
    const data = example(shape, variant);
    expect(problemsOf(shape, data)).toEqual([]);
    const event = { type, data } as CaseEvent;

    const facts = historyDetails(event, context);
    for (const f of facts) {
      expect(f.label).toMatch(/\p{L}/u);
      expect(f.text).toMatch(/\S/);
    }
    expect(texts(event).join('\n')).not.toContain(PERSONAL);
    // The same for a reader a protected identity is withheld from, and with the personal data encrypted or culled.
    expect(texts({ type, data: withholdIdentity(shape, data) } as CaseEvent)).toEqual(texts(event));
    expect(texts({ type, data: mapPersonal(shape, data, () => 'enc:v1:xyz') } as CaseEvent)).toEqual(texts(event));
  });
});

describe('what the facts say', () => {
  const facts = (event: CaseEvent, ctx: Partial<HistoryContext> = {}) =>
    Object.fromEntries(historyDetails(event, { ...context, ...ctx }).map((d) => [d.label, d.text]));

  it('a claim: its amount in kronor, its paragraph and who decided', () => {
    expect(
      facts(
        {
          type: 'RepaymentClaimDecided',
          data: {
            claimId: '1',
            decidedOn: '2018-03-05',
            legalBasis: 'SoL 9:1',
            amountOre: 1_234_500,
            paymentIndexes: [0, 1],
            decisionMaker: { decidedBy: 'anna.utredare', capacity: 'fut-investigator', delegationPoint: '4.2.1' },
          },
        },
        { severalClaims: false },
      ),
    ).toEqual({
      Belopp: '12\u00a0345,00\u00a0kr',
      Lagrum: '9 kap. 1 § SoL (2001:453)',
      Utbetalningar: '2',
      Beslutsfattare: 'anna.utredare',
      'Beslutsfattarens funktion': 'FUT-utredare',
      Delegationspunkt: '4.2.1',
    });
  });

  it('a waiver: the paragraph of its claim’s law, its coded reason, and the claim where the case has several', () => {
    const waiver = (claimId: string): CaseEvent => ({
      type: 'ClaimWaived',
      data: { claimId, decidedOn: '2025-09-01', reason: 'other', amountOre: 50_000, reasons: 'enc:v1:secret' },
    });
    expect(facts(waiver('2'), { claimLaw: () => 'SoL 2025:400' })).toEqual({
      Återkrav: 'nr 2',
      Belopp: '500,00\u00a0kr',
      Skäl: 'Eftergift - annan orsak',
      Lagrum: '33 kap. 6 § SoL (2025:400)',
    });
    expect(facts(waiver('1'), { claimLaw: () => 'SoL 2001:453', severalClaims: false })).toMatchObject({
      Lagrum: '9 kap. 4 § SoL (2001:453)',
    });
  });

  it('a police report’s outcome and grade; which report only where the case has several', () => {
    const outcome: CaseEvent = {
      type: 'PoliceReportOutcomeRecorded',
      data: { reportId: '2', decidedOn: '2018-09-01', outcome: 'summary-penalty', offence: 'minor' },
    };
    expect(facts(outcome, { severalReports: false })).toEqual({
      Besked: 'Strafföreläggande',
      Brottsrubricering: 'Ringa bidragsbrott',
    });
    expect(facts(outcome)).toMatchObject({ Polisanmälan: 'nr 2' });
  });

  it('a closing by its reason, a code a newer list lacks as it is', () => {
    expect(facts({ type: 'CaseClosed', data: { closedOn: '2018-12-01', reason: 'waived-time-limit' } })).toEqual({
      Avslutsorsak: 'Eftergift - 3-årsgräns',
    });
    expect(
      facts({ type: 'CaseClosed', data: { closedOn: '2018-12-01', reason: 'from-a-newer-version' as never } }),
    ).toEqual({ Avslutsorsak: 'from-a-newer-version' });
  });
});
