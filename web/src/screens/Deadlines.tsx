import { useState } from 'react';
import { Link } from 'react-aria-components';
import { formatCount, formatDate, formatKronor } from '../api/sv';
import { CLOSE_REASONS } from '../api/sv';
import { api, ok } from '../api/client';
import { Pager } from '../components/Pager';
import { FormMessage, SelectField } from '../components/fields';
import { districtName, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';

const PAGE_SIZE = 50;

export default function Deadlines() {
  useDocumentTitle('Tidsfrister');
  const session = useSession();
  const districts = useDistricts();
  const [within, setWithin] = useState('90');
  const [district, setDistrict] = useState('');
  const [upcomingPage, setUpcomingPage] = useState(1);
  const [pastLimitPage, setPastLimitPage] = useState(1);
  const deadlines = useLoad(
    async () =>
      (
        await ok(
          api.GET('/api/deadlines', {
            params: {
              query: {
                withinDays: Number(within),
                pageSize: PAGE_SIZE,
                upcomingPage,
                pastLimitPage,
                ...(district ? { district } : {}),
              },
            },
          }),
        )
      ).data,
    [within, district, upcomingPage, pastLimitPage],
  );
  const d = deadlines.data;
  // Another window or district is another list: back to its first page.
  const refilter = (set: (v: string) => void) => (v: string) => (set(v), setUpcomingPage(1), setPastLimitPage(1));

  return (
    <>
      <h1>Tidsfrister</h1>
      <p>
        Ersättningstalan måste väckas inom tre år från varje felaktig utbetalning. Här syns återkrav vars treårsgräns
        snart passeras, och återkrav där alla gränser redan har passerats.
      </p>
      <div className="filters">
        <SelectField
          label="Går ut inom"
          value={within}
          onChange={refilter(setWithin)}
          options={['30', '90', '180', '365'].map((n) => ({ id: n, label: `${n} dagar` }))}
        />
        {session.districts.length > 1 && (
          <SelectField
            label="Stadsdel"
            value={district}
            onChange={refilter(setDistrict)}
            options={[
              { id: '', label: 'Alla mina stadsdelar' },
              ...session.districts.map((c) => ({ id: c, label: districtName(districts, c) })),
            ]}
          />
        )}
      </div>
      <FormMessage>{deadlines.error?.message}</FormMessage>
      {d && (
        <>
          <h2>
            Går ut inom {d.withinDays} dagar ({formatCount(d.upcoming.total)})
          </h2>
          {d.upcoming.total === 0 ? (
            <p>Inga treårsgränser inom perioden.</p>
          ) : (
            <>
              <p>
                Förloras om inget görs: <strong>{formatKronor(d.upcoming.amountLostIfNothingIsDone)}</strong>.
              </p>
              <table>
                <caption className="visually-hidden">Återkrav vars treårsgräns snart passeras</caption>
                <thead>
                  <tr>
                    <th scope="col">Ärende</th>
                    <th scope="col">Stadsdel</th>
                    <th scope="col">Utredare</th>
                    <th scope="col">Sista dag</th>
                    <th scope="col" className="num">
                      Dagar kvar
                    </th>
                    <th scope="col" className="num">
                      Förloras
                    </th>
                    <th scope="col" className="num">
                      Kan krävas i dag
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.upcoming.items.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">
                        <Link href={`/arenden/${u.id}`}>{u.caseNumber}</Link>
                      </th>
                      <td>{districtName(districts, u.district)}</td>
                      <td>{u.investigator ?? 'Ej tilldelad'}</td>
                      <td>{formatDate(u.deadline)}</td>
                      <td className={`num${u.daysLeft <= 14 ? ' overdue' : ''}`}>{u.daysLeft}</td>
                      <td className="num">{formatKronor(u.amountLostIfNothingIsDone)}</td>
                      <td className="num">{formatKronor(u.claimableAmount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager label="Sidor, går ut inom perioden" list={d.upcoming} onPage={setUpcomingPage} />
            </>
          )}
          <h2>Alla gränser passerade ({formatCount(d.pastLimit.total)})</h2>
          {d.pastLimit.total === 0 ? (
            <p>Inga återkrav har passerat alla sina gränser.</p>
          ) : (
            <>
              <p>
                Förbi gränserna: <strong>{formatKronor(d.pastLimit.expiredAmount)}</strong>. Den längst passerade
                gränsen först.
              </p>
              <table>
                <caption>Kan avslutas som {CLOSE_REASONS['waived-time-limit']}</caption>
                <thead>
                  <tr>
                    <th scope="col">Ärende</th>
                    <th scope="col">Stadsdel</th>
                    <th scope="col">Utredare</th>
                    <th scope="col">Sista dag passerad</th>
                    <th scope="col" className="num">
                      Belopp förbi gränsen
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.pastLimit.items.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link href={`/arenden/${p.id}`}>{p.caseNumber}</Link>
                      </th>
                      <td>{districtName(districts, p.district)}</td>
                      <td>{p.investigator ?? 'Ej tilldelad'}</td>
                      <td>{formatDate(p.lastDeadline)}</td>
                      <td className="num">{formatKronor(p.expiredAmount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager label="Sidor, alla gränser passerade" list={d.pastLimit} onPage={setPastLimitPage} />
            </>
          )}
        </>
      )}
    </>
  );
}
