import { useState } from 'react';
import { Link } from 'react-aria-components';
import { formatCount, formatDate, formatKronor } from '../api/sv';
import { api, ok } from '../api/client';
import { Pager } from '../components/Pager';
import { ScrollArea } from '../components/ScrollArea';
import { FormMessage, SelectField } from '../components/fields';
import { PersonName } from '../components/SortHeader';
import { districtName, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';

const PAGE_SIZE = 50;

/**
 * Missade avbetalningar: the repayment plans of the unit head's districts
 * with an instalment missed or short past its last day to pay, the longest
 * behind first, with the amount behind and since when.
 */
export default function MissedInstalments() {
  useDocumentTitle('Missade avbetalningar');
  const session = useSession();
  const districts = useDistricts();
  const [district, setDistrict] = useState('');
  const [page, setPage] = useState(1);
  const missed = useLoad(
    async () =>
      (
        await ok(
          api.GET('/api/missed-instalments', {
            params: { query: { pageSize: PAGE_SIZE, page, ...(district ? { district } : {}) } },
          }),
        )
      ).data,
    [district, page],
  );
  const m = missed.data;
  // A unit head of one district sees its name once, in the heading: a column saying it on every row would
  // push the list past a 1 280 px screen.
  const oneDistrict = session.districts.length === 1 ? session.districts[0] : undefined;
  return (
    <>
      <h1>Missade avbetalningar</h1>
      <p>
        Avbetalningsplaner där en avbetalning inte är betald, helt eller delvis, när sista dagen att betala har
        passerat. Inbetalningar räknas mot den äldsta avbetalningen först. Den som har legat efter längst står först.
      </p>
      {session.districts.length > 1 && (
        <div className="filters">
          <SelectField
            label="Stadsdel"
            value={district}
            onChange={(v) => (setDistrict(v), setPage(1))}
            options={[
              { id: '', label: 'Alla mina stadsdelar' },
              ...session.districts.map((c) => ({ id: c, label: districtName(districts, c) })),
            ]}
          />
        </div>
      )}
      <FormMessage>{missed.error?.message}</FormMessage>
      {m && (
        <>
          <h2>
            Obetalda avbetalningar ({formatCount(m.total)}) per {formatDate(m.today)}
            {oneDistrict && `, ${districtName(districts, oneDistrict)}`}
          </h2>
          {m.total === 0 ? (
            <p>Inga avbetalningsplaner ligger efter.</p>
          ) : (
            <>
              <ScrollArea label="Avbetalningsplaner med missade avbetalningar, tabell">
                <table>
                  <caption className="visually-hidden">Avbetalningsplaner med missade avbetalningar</caption>
                  <thead>
                    <tr>
                      <th scope="col">Ärende</th>
                      <th scope="col">Namn</th>
                      {!oneDistrict && <th scope="col">Stadsdel</th>}
                      <th scope="col">Utredare</th>
                      <th scope="col">Obetalt sedan</th>
                      <th scope="col" className="num">
                        Dagar
                      </th>
                      <th scope="col" className="num">
                        Avbetalningar
                      </th>
                      <th scope="col" className="num">
                        Obetalt
                      </th>
                      <th scope="col" className="num">
                        Per månad
                      </th>
                      <th scope="col" className="num">
                        Betalt av planen
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.items.map((i) => (
                      <tr key={`${i.id}-${i.claimId}`}>
                        <th scope="row">
                          <Link href={`/arenden/${i.id}`}>{i.caseNumber}</Link>
                          {i.claimId !== '1' && ` (återkrav ${i.claimId})`}
                        </th>
                        <td>
                          <PersonName name={i.personName} isProtected={i.identityProtected} />
                        </td>
                        {!oneDistrict && <td>{districtName(districts, i.district)}</td>}
                        <td>{i.investigator ?? 'Ej tilldelad'}</td>
                        <td className="date">{formatDate(i.since)}</td>
                        <td className="num">{i.daysBehind}</td>
                        <td className="num">{i.instalmentsBehind}</td>
                        <td className="num overdue">{formatKronor(i.behind)}</td>
                        <td className="num">{formatKronor(i.monthlyAmount)}</td>
                        {/* May break between the two amounts, never inside one. */}
                        <td className="num wraps">
                          <span className="date">{formatKronor(i.paid)}</span> av{' '}
                          <span className="date">{formatKronor(i.total)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollArea>
              <Pager label="Sidor, missade avbetalningar" list={{ ...m, items: m.items }} onPage={setPage} />
            </>
          )}
        </>
      )}
    </>
  );
}
