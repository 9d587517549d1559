import { useState } from 'react';
import { Link } from 'react-aria-components';
import { NEXT_STEP, STATUS, formatDate, formatKronor } from '../../api/sv';
import { api, ok } from '../../api/client';
import { Pager } from '../../components/Pager';
import { ScrollArea } from '../../components/ScrollArea';
import { FormMessage } from '../../components/fields';
import { districtName, useDistricts, useLoad } from '../../hooks';

const PAGE_SIZE = 25;

/**
 * "Mina öppna ärenden": the cases I am the investigator of, what is due first
 * first (my reminders, the service's, the next three-year deadline), so the
 * day's work starts at the top. `refresh` loads it again (after a case is taken).
 */
export function MyOpenCases({ refresh }: { refresh: number }) {
  const districts = useDistricts();
  const [page, setPage] = useState(1);
  const list = useLoad(
    async () => (await ok(api.GET('/api/my-work/cases', { params: { query: { page, pageSize: PAGE_SIZE } } }))).data,
    [page, refresh],
  );
  const data = list.data;
  return (
    <section aria-labelledby="mina-rubrik">
      <h2 id="mina-rubrik">Mina öppna ärenden</h2>
      <p>Ärenden där du är utredare. Det som ska göras först står överst: bevakningar och tidsfrister.</p>
      <FormMessage>{list.error?.message}</FormMessage>
      {data && data.items.length === 0 && <p role="status">Du har inga öppna ärenden.</p>}
      {data && data.items.length > 0 && (
        <>
          <ScrollArea label="Tabell över mina öppna ärenden">
            <table>
              <caption className="visually-hidden">Mina öppna ärenden, det som ska göras först överst</caption>
              <thead>
                <tr>
                  <th scope="col">Ärende</th>
                  <th scope="col">Status</th>
                  <th scope="col">Att göra först</th>
                  <th scope="col">Senast</th>
                  <th scope="col">Nästa steg</th>
                  <th scope="col">Stadsdel</th>
                  <th scope="col" className="num">
                    Belopp i fara
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link href={`/arenden/${c.id}`}>{c.caseNumber}</Link>
                    </th>
                    <td>{STATUS[c.status]}</td>
                    <td>{c.nextDue?.label ?? 'Inget bevakat'}</td>
                    <td className={c.nextDue?.overdue ? 'overdue' : undefined}>
                      {c.nextDue ? formatDate(c.nextDue.on) : '–'}
                      {c.nextDue?.overdue && ' (försenad)'}
                    </td>
                    <td>{NEXT_STEP[c.status]}</td>
                    <td>{districtName(districts, c.district)}</td>
                    <td className="num">{c.amountAtRisk > 0 ? formatKronor(c.amountAtRisk) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
          <Pager label="Sidor i mina öppna ärenden" list={data} onPage={setPage} />
        </>
      )}
    </section>
  );
}
