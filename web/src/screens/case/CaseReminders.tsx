import { formatDate, formatKronor } from '../../api/sv';
import type { CaseView } from './StepForm';

/**
 * The case's reminders that show today, the earliest due first: the
 * investigator's own and those the service sets from the case's dates. They
 * are set, moved and marked done with the case's steps (Ny bevakning, Flytta
 * bevakning, Bevakning klar), as every change of a case is.
 */
export function CaseReminders({ c }: { c: CaseView }) {
  return (
    <section aria-labelledby="bevakningar">
      <h2 id="bevakningar">Bevakningar</h2>
      {c.reminders.length === 0 ? (
        <p>Inga bevakningar just nu.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Ärendets bevakningar, de försenade först</caption>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Bevakning</th>
              <th scope="col">Vad</th>
              <th scope="col" className="num">
                Belopp
              </th>
              <th scope="col">Grund</th>
            </tr>
          </thead>
          <tbody>
            {c.reminders.map((r) => (
              <tr key={r.reminderId}>
                <td className={r.overdue ? 'overdue' : undefined}>
                  {formatDate(r.dueOn)}
                  {r.overdue && ' (försenad)'}
                </td>
                <td>{r.name}</td>
                <td>{r.text}</td>
                <td className="num">{r.amount === null ? '–' : formatKronor(r.amount)}</td>
                <td>{r.basis ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
