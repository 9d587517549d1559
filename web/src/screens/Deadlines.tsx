import { useState } from 'react';
import { Link } from 'react-aria-components';
import { formatDate, formatKronor } from '../../../src/labels/format';
import { CLOSE_REASONS } from '../../../src/labels/sv';
import { api, ok } from '../api/client';
import { FormMessage, SelectField } from '../components/fields';
import { districtName, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';

export default function Deadlines() {
  useDocumentTitle('Tidsfrister');
  const session = useSession();
  const districts = useDistricts();
  const [within, setWithin] = useState('90');
  const [district, setDistrict] = useState('');
  const deadlines = useLoad(
    async () =>
      (
        await ok(
          api.GET('/api/deadlines', {
            params: { query: { withinDays: Number(within), ...(district ? { district } : {}) } },
          }),
        )
      ).data,
    [within, district],
  );
  const d = deadlines.data;
  const lost = d ? d.upcoming.reduce((s, u) => s + u.amountLostIfNothingIsDone, 0) : 0;

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
          onChange={setWithin}
          options={['30', '90', '180', '365'].map((n) => ({ id: n, label: `${n} dagar` }))}
        />
        {session.districts.length > 1 && (
          <SelectField
            label="Stadsdel"
            value={district}
            onChange={setDistrict}
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
            Går ut inom {d.withinDays} dagar ({d.upcoming.length})
          </h2>
          {d.upcoming.length === 0 ? (
            <p>Inga treårsgränser inom perioden.</p>
          ) : (
            <>
              <p>
                Förloras om inget görs: <strong>{formatKronor(lost)}</strong>.
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
                  {d.upcoming.map((u) => (
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
            </>
          )}
          <h2>Alla gränser passerade ({d.pastLimit.length})</h2>
          {d.pastLimit.length === 0 ? (
            <p>Inga återkrav har passerat alla sina gränser.</p>
          ) : (
            <table>
              <caption>Kan avslutas som {CLOSE_REASONS['waived-time-limit']}</caption>
              <thead>
                <tr>
                  <th scope="col">Ärende</th>
                  <th scope="col">Stadsdel</th>
                  <th scope="col">Utredare</th>
                  <th scope="col" className="num">
                    Belopp förbi gränsen
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.pastLimit.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link href={`/arenden/${p.id}`}>{p.caseNumber}</Link>
                    </th>
                    <td>{districtName(districts, p.district)}</td>
                    <td>{p.investigator ?? 'Ej tilldelad'}</td>
                    <td className="num">{formatKronor(p.expiredAmount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
