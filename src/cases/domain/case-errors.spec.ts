import { CaseError, checkAll, conflict, invalid, rule } from './case-errors';

/** Every rule a request's fields break, in one refusal (issue 22: every error found in one submit). */
describe('checkAll', () => {
  const refusalOf = (...checks: Array<() => void>): CaseError => {
    try {
      checkAll(...checks);
    } catch (error) {
      return error as CaseError;
    }
    throw new Error('checkAll refused nothing');
  };
  const breaks = (code: string, field?: string) => () => {
    throw rule(code, `${field} breaks ${code}`, field, { [`${code}Detail`]: 1 });
  };

  it('passes when every check holds', () => {
    expect(() =>
      checkAll(
        () => undefined,
        () => undefined,
      ),
    ).not.toThrow();
  });

  it('one broken rule is refused as it is', () => {
    const error = refusalOf(() => undefined, breaks('date-in-future', 'decidedOn'));
    expect(error).toMatchObject({ kind: 'rule', code: 'date-in-future', field: 'decidedOn', broken: [] });
  });

  it('several: one refusal led by the first, each rule with its field, code and details', () => {
    const error = refusalOf(
      breaks('date-in-future', 'decidedOn'),
      () => undefined,
      breaks('amount-above-payments', 'amount'),
    );
    expect(error).toMatchObject({
      kind: 'rule',
      code: 'date-in-future',
      field: 'decidedOn',
      details: { 'date-in-futureDetail': 1, 'amount-above-paymentsDetail': 1 },
    });
    expect(error.broken.map((b) => [b.field, b.code])).toEqual([
      ['decidedOn', 'date-in-future'],
      ['amount', 'amount-above-payments'],
    ]);
  });

  it('a refusal of another kind is thrown as it comes, unless rules broken before it already answer', () => {
    expect(
      refusalOf(
        () => {
          throw conflict('case-closed', 'closed');
        },
        breaks('date-in-future', 'decidedOn'),
      ),
    ).toMatchObject({ kind: 'conflict', code: 'case-closed' });
    expect(
      refusalOf(
        breaks('date-in-future', 'decidedOn'),
        () => {
          throw invalid('cause', 'cause is required');
        },
        breaks('amount-above-payments', 'amount'),
      ),
    ).toMatchObject({ kind: 'rule', code: 'date-in-future', field: 'decidedOn' });
  });

  it('other errors (faults, not refusals) pass through', () => {
    expect(() =>
      checkAll(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});
