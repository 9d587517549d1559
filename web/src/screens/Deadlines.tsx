import { useState } from 'react';
import { Link } from 'react-aria-components';
import { CLOSE_REASONS, formatCount, formatDate, formatKronor } from '../api/sv';
import { api, ok, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { Pager } from '../components/Pager';
import { FormMessage, SelectField } from '../components/fields';
import { PersonName, type Sort, SortHeader, sortParam, useSort } from '../components/SortHeader';
import { districtName, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';
import { PastLimitClosing, type Picked } from './deadlines/PastLimitClosing';

const PAGE_SIZE = 50;

type Query = NonNullable<paths['/api/deadlines']['get']['parameters']['query']>;
type UpcomingKey =
  'caseNumber' | 'name' | 'stage' | 'district' | 'investigator' | 'deadline' | 'amountLost' | 'claimableAmount';
type PastKey = 'caseNumber' | 'name' | 'stage' | 'district' | 'investigator' | 'lastDeadline' | 'expiredAmount';
type Stage = Schemas['PastLimitDto']['stage'];

/** Where the money at stake is, as the lists say it. */
const STAGE: Record<Stage, string> = { queue: 'I kö', investigation: 'Utreds', claim: 'Återkrav' };

/** What a case wholly past its limits leads to, by where it is. */
const NEXT: Record<Stage, string> = {
  claim: `Eftergift och avslut (${CLOSE_REASONS['waived-time-limit']})`,
  queue: 'Förhandsbedömning: ingen utredning (tidsgräns)',
  investigation: 'Utredningen avgör (en polisanmälan kan ännu vara aktuell)',
};

export default function Deadlines() {
  useDocumentTitle('Tidsfrister');
  const session = useSession();
  const districts = useDistricts();
  const [within, setWithin] = useState('90');
  const [district, setDistrict] = useState('');
  const [upcomingPage, setUpcomingPage] = useState(1);
  const [pastLimitPage, setPastLimitPage] = useState(1);
  const [upcomingSort, chooseUpcoming] = useSort<UpcomingKey>({ key: 'deadline', descending: false });
  const [pastSort, choosePast] = useSort<PastKey>({ key: 'lastDeadline', descending: false });
  // The cases picked on the list of cases past their limits (across its pages), at the version listed.
  const [picked, setPicked] = useState<Map<string, Picked>>(new Map());
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
                upcomingSort: sortParam(upcomingSort) as Query['upcomingSort'],
                pastLimitSort: sortParam(pastSort) as Query['pastLimitSort'],
                ...(district ? { district } : {}),
              },
            },
          }),
        )
      ).data,
    [within, district, upcomingPage, pastLimitPage, upcomingSort, pastSort],
  );
  const d = deadlines.data;
  // Another window or district is another list: back to its first page, nothing picked.
  const refilter = (set: (v: string) => void) => (v: string) => (
    set(v),
    setUpcomingPage(1),
    setPastLimitPage(1),
    setPicked(new Map())
  );
  const onUpcomingSort = (key: UpcomingKey, firstDescending?: boolean) => (
    chooseUpcoming(key, firstDescending),
    setUpcomingPage(1)
  );
  const onPastSort = (key: PastKey, firstDescending?: boolean) => (
    choosePast(key, firstDescending),
    setPastLimitPage(1)
  );
  const canClose = session.role === 'unit-head';

  return (
    <>
      <h1>Tidsfrister</h1>
      <p>
        Ersättningstalan måste väckas inom tre år från varje felaktig utbetalning, och klockan går från utbetalningen:
        också medan ärendet väntar i kö eller utreds. Här syns alla ärenden vars treårsgräns snart passeras, i kö, under
        utredning och med återkrav, och de där alla gränser redan har passerats.
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
                <caption className="visually-hidden">Ärenden vars treårsgräns snart passeras</caption>
                <thead>
                  <tr>
                    <SortHeader label="Ärende" column="caseNumber" sort={upcomingSort} onSort={onUpcomingSort} />
                    <SortHeader label="Namn" column="name" sort={upcomingSort} onSort={onUpcomingSort} />
                    <SortHeader label="Skede" column="stage" sort={upcomingSort} onSort={onUpcomingSort} />
                    <SortHeader label="Stadsdel" column="district" sort={upcomingSort} onSort={onUpcomingSort} />
                    <SortHeader label="Utredare" column="investigator" sort={upcomingSort} onSort={onUpcomingSort} />
                    <SortHeader label="Sista dag" column="deadline" sort={upcomingSort} onSort={onUpcomingSort} />
                    <th scope="col" className="num">
                      Dagar kvar
                    </th>
                    <SortHeader
                      label="Förloras"
                      column="amountLost"
                      sort={upcomingSort}
                      onSort={onUpcomingSort}
                      numeric
                      firstDescending
                    />
                    <SortHeader
                      label="Kan krävas i dag"
                      column="claimableAmount"
                      sort={upcomingSort}
                      onSort={onUpcomingSort}
                      numeric
                      firstDescending
                    />
                  </tr>
                </thead>
                <tbody>
                  {d.upcoming.items.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">
                        <Link href={`/arenden/${u.id}`}>{u.caseNumber}</Link>
                      </th>
                      <td>
                        <PersonName name={u.personName} isProtected={u.identityProtected} />
                      </td>
                      <td>{STAGE[u.stage]}</td>
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
            <p>Inga ärenden har passerat alla sina gränser.</p>
          ) : (
            <p>
              Förbi gränserna: <strong>{formatKronor(d.pastLimit.expiredAmount)}</strong>. Ett återkrav förbi sina
              gränser kan inte längre drivas i domstol men består tills nämnden efterger det.
              {canClose && ' Välj de återkrav som ska efterges och avslutas, och gör det i en åtgärd.'}
            </p>
          )}
          {/* Above the list: what is picked, and the action, stay in view of the list's first rows. Kept in
              place when the list empties, so the answer of a closing that took the last cases still shows. */}
          {canClose && (
            <PastLimitClosing
              picked={picked}
              onClear={() => setPicked(new Map())}
              onClosed={() => (setPicked(new Map()), deadlines.reload())}
            />
          )}
          {d.pastLimit.total > 0 && (
            <>
              <PastLimitTable
                items={d.pastLimit.items}
                districts={districts}
                sort={pastSort}
                onSort={onPastSort}
                picked={canClose ? picked : undefined}
                onPick={setPicked}
              />
              <Pager label="Sidor, alla gränser passerade" list={d.pastLimit} onPage={setPastLimitPage} />
            </>
          )}
        </>
      )}
    </>
  );
}

function PastLimitTable({
  items,
  districts,
  sort,
  onSort,
  picked,
  onPick,
}: {
  items: Schemas['PastLimitDto'][];
  districts: Schemas['DistrictDto'][];
  sort: Sort<PastKey>;
  onSort: (key: PastKey, firstDescending?: boolean) => void;
  /** The cases picked to close (unit heads); undefined: no picking. */
  picked: Map<string, Picked> | undefined;
  onPick: (next: Map<string, Picked>) => void;
}) {
  const claims = items.filter((p) => p.stage === 'claim');
  const allPicked = picked !== undefined && claims.length > 0 && claims.every((p) => picked.has(p.id));
  const toggle = (rows: Schemas['PastLimitDto'][], on: boolean) => {
    if (!picked) return;
    const next = new Map(picked);
    for (const p of rows) {
      if (on)
        next.set(p.id, { id: p.id, version: p.version, caseNumber: p.caseNumber, expiredAmount: p.expiredAmount });
      else next.delete(p.id);
    }
    onPick(next);
  };
  return (
    <table>
      <caption>Kan avslutas som {CLOSE_REASONS['waived-time-limit']} (återkrav) eller utan utredning (i kö)</caption>
      <thead>
        <tr>
          {picked && (
            <th scope="col" className="pick">
              <input
                type="checkbox"
                aria-label="Välj alla återkrav på sidan"
                checked={allPicked}
                disabled={claims.length === 0}
                onChange={(e) => toggle(claims, e.target.checked)}
              />
            </th>
          )}
          <SortHeader label="Ärende" column="caseNumber" sort={sort} onSort={onSort} />
          <SortHeader label="Namn" column="name" sort={sort} onSort={onSort} />
          <SortHeader label="Skede" column="stage" sort={sort} onSort={onSort} />
          <SortHeader label="Stadsdel" column="district" sort={sort} onSort={onSort} />
          <SortHeader label="Utredare" column="investigator" sort={sort} onSort={onSort} />
          <SortHeader label="Sista dag passerad" column="lastDeadline" sort={sort} onSort={onSort} />
          <SortHeader
            label="Belopp förbi gränsen"
            column="expiredAmount"
            sort={sort}
            onSort={onSort}
            numeric
            firstDescending
          />
          <th scope="col">Nästa steg</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id}>
            {picked && (
              <td className="pick">
                {p.stage === 'claim' && (
                  <input
                    type="checkbox"
                    aria-label={`Välj ${p.caseNumber}`}
                    checked={picked.has(p.id)}
                    onChange={(e) => toggle([p], e.target.checked)}
                  />
                )}
              </td>
            )}
            <th scope="row">
              <Link href={`/arenden/${p.id}`}>{p.caseNumber}</Link>
            </th>
            <td>
              <PersonName name={p.personName} isProtected={p.identityProtected} />
            </td>
            <td>{STAGE[p.stage]}</td>
            <td>{districtName(districts, p.district)}</td>
            <td>{p.investigator ?? 'Ej tilldelad'}</td>
            <td>{formatDate(p.lastDeadline)}</td>
            <td className="num">{formatKronor(p.expiredAmount)}</td>
            <td>{NEXT[p.stage]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
