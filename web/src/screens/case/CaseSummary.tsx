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
  // Only where an estate could not pay: otherwise the column would always read 0 kr.
  const writtenOff = claims.some((claim) => claim.amounts.writtenOff > 0);
  return (
    <section aria-labelledby="laget">
      <h2 id="laget">Läget</h2>
      <p>
        Status: <strong>{STATUS[c.status]}</strong>
        {c.investigator ? `, utredare ${c.investigator}` : ', ingen utredare tilldelad'}.
        {c.threeYearLimit.nextDeadline && (
          <>
            {' '}
            Nästa treårsgräns {formatDate(c.threeYearLimit.nextDeadline)}: då går{' '}
            {formatKronor(c.threeYearLimit.amountLostAtNextDeadline)} förlorat om ingen ersättningstalan har väckts.
          </>
        )}
      </p>
      {claims.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Återkrav</caption>
            <thead>
              <tr>
                <th scope="col">Återkrav</th>
                <th scope="col" className="num">
                  Återkrävt
                </th>
                <th scope="col" className="num">
                  Återbetalt
                </th>
                <th scope="col" className="num">
                  Eftergivet
                </th>
                {writtenOff && (
                  <th scope="col" className="num">
                    Avskrivet
                  </th>
                )}
                <th scope="col" className="num">
                  Stämt för
                </th>
                <th scope="col" className="num">
                  Kvar att betala
                </th>
                <th scope="col" className="num">
                  Kan krävas i domstol i dag
                </th>
                <th scope="col" className="num">
                  Förlorat genom treårsgränsen
                </th>
              </tr>
            </thead>
            <tbody>
              {claims.map((claim) => (
                <tr key={claim.claimId}>
                  <th scope="row">
                    {claim.claimId}, beslut {formatDate(claim.decidedOn)}
                  </th>
                  <td className="num">{formatKronor(claim.amounts.claimed)}</td>
                  <td className="num">{formatKronor(claim.amounts.repaid)}</td>
                  <td className="num">{formatKronor(claim.amounts.waived)}</td>
                  {writtenOff && <td className="num">{formatKronor(claim.amounts.writtenOff)}</td>}
                  <td className="num">{formatKronor(claim.amounts.sued)}</td>
                  <td className="num">{formatKronor(claim.amounts.outstanding)}</td>
                  <td className="num">{formatKronor(claim.threeYearLimit.claimableToday)}</td>
                  <td className="num">{formatKronor(claim.threeYearLimit.expiredToday)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
