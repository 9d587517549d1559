import { Fragment } from 'react';
import { INSTALMENT_STATUS, PLAN_END, formatDate, formatKronor } from '../../api/sv';
import type { CaseView } from './StepForm';

type Plan = CaseView['repaymentPlans'][number];

/**
 * Each repayment plan against the repayments received, month by month (as
 * the service judges it today): the instalments due, what was paid toward
 * each, which are missed or short, and what is behind since when.
 */
export function InstalmentSchedule({ c }: { c: CaseView }) {
  if (c.repaymentPlans.length === 0) return null;
  const several = c.repaymentClaims.length > 1;
  return (
    <section aria-labelledby="avbetalningar">
      <h2 id="avbetalningar">Avbetalningar</h2>
      {c.repaymentPlans.map((p, i) => (
        <PlanSchedule key={`${p.claimId}-${p.agreedOn}-${i}`} p={p} several={several} />
      ))}
    </section>
  );
}

function PlanSchedule({ p, several }: { p: Plan; several: boolean }) {
  const heading = `Avbetalningsplan ${formatDate(p.agreedOn)}${several ? ` (återkrav ${p.claimId})` : ''}`;
  const id = `plan-${p.claimId}-${p.agreedOn}`;
  const more = p.instalmentCount - p.instalments.length;
  const missed = p.instalments.filter((x) => x.status === 'missed' || x.status === 'short').length;
  return (
    <>
      <h3 id={id}>{heading}</h3>
      {p.ended ? (
        <p>
          Planen gäller inte längre sedan {formatDate(p.ended.on)}: {PLAN_END[p.ended.reason].toLowerCase()}.
        </p>
      ) : p.behind > 0 ? (
        <p className="message message-warning">
          <strong>
            Missad avbetalning: {formatKronor(p.behind)} obetalt sedan {formatDate(p.behindSince)}
          </strong>{' '}
          ({missed} {missed === 1 ? 'avbetalning' : 'avbetalningar'} inte betalda i tid).
        </p>
      ) : (
        <p>Inga missade avbetalningar.</p>
      )}
      <dl className="facts">
        <dt>Belopp per månad</dt>
        <dd>{formatKronor(p.monthlyAmount)}</dd>
        <dt>Planen ska betala</dt>
        <dd>
          {formatKronor(p.total)}
          {p.lastDueOn && `, ${p.instalmentCount} avbetalningar till och med ${formatDate(p.lastDueOn)}`}
        </dd>
        <dt>Betalt enligt planen</dt>
        <dd>{formatKronor(p.paid)}</dd>
        {p.ocrReference && (
          <>
            <dt>OCR-nummer</dt>
            <dd>{p.ocrReference}</dd>
          </>
        )}
      </dl>
      {p.instalments.length > 0 && (
        <table aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col" className="num">
                Nr
              </th>
              <th scope="col">Förfaller</th>
              <th scope="col">Betala senast</th>
              <th scope="col" className="num">
                Belopp
              </th>
              <th scope="col" className="num">
                Betalt
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {p.instalments.map((x) => {
              const late = x.status === 'missed' || x.status === 'short';
              return (
                <tr key={x.number}>
                  <td className="num">{x.number}</td>
                  <td>{formatDate(x.dueOn)}</td>
                  <td>{formatDate(x.payBy)}</td>
                  <td className="num">{formatKronor(x.amount)}</td>
                  <td className="num">{formatKronor(x.paid)}</td>
                  <td className={late ? 'overdue' : undefined}>
                    {INSTALMENT_STATUS[x.status]}
                    {x.paidOn && (
                      <Fragment>
                        {' '}
                        {formatDate(x.paidOn)}
                        {x.paidOn > x.payBy ? ' (för sent)' : ''}
                      </Fragment>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {more > 0 && p.lastDueOn && (
        <p>
          Därefter {more} {more === 1 ? 'avbetalning' : 'avbetalningar'} till, den sista {formatDate(p.lastDueOn)}.
        </p>
      )}
    </>
  );
}
