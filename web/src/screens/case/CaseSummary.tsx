import { formatDate, formatKronor, STATUS } from '../../api/sv';
import type { CaseView } from './StepForm';

/**
 * The top of the case page: where the case stands and, for each repayment
 * claim, its money as the server computed it (claimed, repaid, waived, sued,
 * outstanding, what a suit filed today could still cover, what the three-year
 * limit has taken). Nothing is computed here: each figure is the claim's own
 * from the case view.
 */
export function CaseSummary({ c }: { c: CaseView }) {
  const claims = c.repaymentClaims;
  // One column per claim; the case's totals beside them when there are several, and alone when there is
  // none (suspected payments not yet claimed still have a three-year limit).
  const columns: Array<{
    key: string;
    heading: string;
    amounts: Amounts;
    claimableToday: number;
    expiredToday: number;
  }> = claims.map((claim) => ({
    key: claim.claimId,
    heading: `Återkrav ${claim.claimId}, beslut ${formatDate(claim.decidedOn)}`,
    amounts: claim.amounts,
    claimableToday: claim.threeYearLimit.claimableToday,
    expiredToday: claim.threeYearLimit.expiredToday,
  }));
  if (claims.length !== 1)
    columns.push({
      key: 'arendet',
      heading: claims.length === 0 ? 'Belopp' : 'Hela ärendet',
      amounts: c.amounts,
      claimableToday: c.threeYearLimit.claimableToday,
      expiredToday: c.threeYearLimit.expiredToday,
    });
  const rows: Array<{ label: string; of: (col: (typeof columns)[number]) => number; shown: boolean }> = [
    { label: 'Återkrävt', of: (col) => col.amounts.claimed, shown: claims.length > 0 },
    { label: 'Återbetalt', of: (col) => col.amounts.repaid, shown: claims.length > 0 },
    { label: 'Eftergivet', of: (col) => col.amounts.waived, shown: claims.length > 0 },
    // Only where an estate could not pay: otherwise the row would always read 0 kr.
    {
      label: 'Avskrivet (dödsboet kunde inte betala)',
      of: (col) => col.amounts.writtenOff,
      shown: c.amounts.writtenOff > 0,
    },
    { label: 'Stämt för (ersättningstalan)', of: (col) => col.amounts.sued, shown: claims.length > 0 },
    { label: 'Kvarstående skuld', of: (col) => col.amounts.outstanding, shown: claims.length > 0 },
    { label: 'Kan krävas i domstol i dag', of: (col) => col.claimableToday, shown: true },
    { label: 'Förlorat genom treårsgränsen', of: (col) => col.expiredToday, shown: true },
  ];
  return (
    <section aria-labelledby="laget">
      <h2 id="laget">Läget</h2>
      <p>
        Status: <strong>{STATUS[c.status]}</strong>
        {c.investigator ? `, utredare ${c.investigator}` : ', ingen utredare tilldelad'}.
        {c.threeYearLimit.nextDeadline && (
          <>
            {' '}
            Nästa treårsgräns: <strong>{formatDate(c.threeYearLimit.nextDeadline)}</strong>. Då går{' '}
            <strong>{formatKronor(c.threeYearLimit.amountLostAtNextDeadline)}</strong> förlorat om ingen
            ersättningstalan har väckts.
          </>
        )}
      </p>
      <div className="table-wrap">
        <table className="amounts">
          <caption className="visually-hidden">Ärendets belopp{claims.length > 0 ? ' per återkrav' : ''}</caption>
          {(claims.length > 0 || columns.length > 1) && (
            <thead>
              <tr>
                <td />
                {columns.map((col) => (
                  <th key={col.key} scope="col" className="num">
                    {col.heading}
                  </th>
                ))}
              </tr>
            </thead>
          )}
          <tbody>
            {rows
              .filter((row) => row.shown)
              .map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {columns.map((col) => (
                    <td key={col.key} className="num">
                      {formatKronor(row.of(col))}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Amounts = CaseView['amounts'];
