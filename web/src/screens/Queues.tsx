import { useEffect, useState } from 'react';
import { Button, Form, Link } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { formatCount, formatDate } from '../api/sv';
import { ApiError, api, ok, type Schemas } from '../api/client';
import { Pager } from '../components/Pager';
import { FormMessage, SelectField, TextInput } from '../components/fields';
import { newIdempotencyKey, showApiError } from '../form-errors';
import { districtName, useDistricts, useLoad, useStaff } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';
import { PersonName, type Sort, SortHeader, sortParam, sortedRows, useSort } from '../components/SortHeader';
import type { paths } from '../api/schema';

type Summary = Schemas['QueueSummaryDto'];
type DistrictQueue = Schemas['DistrictQueueDto'];
type QueueCase = Schemas['QueueCaseDto'];
type Lists = 'awaitingPreAssessment' | 'openInvestigations' | 'investigated' | 'followUp' | 'notOpenedAwaitingClosing';
type Pages = Record<Lists, number>;

// Five lists on one screen: 20 cases each, the API's own default.
const PAGE_SIZE = 20;
const FIRST_PAGES: Pages = {
  awaitingPreAssessment: 1,
  openInvestigations: 1,
  investigated: 1,
  followUp: 1,
  notOpenedAwaitingClosing: 1,
};

const isDistrictQueue = (q: Summary | DistrictQueue): q is DistrictQueue => 'district' in q;

type WaitingKey = 'caseNumber' | 'name' | 'receivedOn' | 'days' | 'nextDeadline' | 'investigator';
type WaitingSort = NonNullable<
  NonNullable<paths['/api/queues']['get']['parameters']['query']>['awaitingPreAssessmentSort']
>;
/** The API's order for a column: days in the queue count up as the day received goes back. */
const waitingParam = (sort: Sort<WaitingKey>): WaitingSort =>
  (sort.key === 'days'
    ? sortParam({ key: 'receivedOn', descending: !sort.descending })
    : sortParam(sort)) as WaitingSort;

export default function Queues() {
  useDocumentTitle('Köer');
  const session = useSession();
  const districts = useDistricts();
  const [district, setDistrict] = useState(session.districts.length === 1 ? session.districts[0] : '');
  const staff = useStaff(district || undefined, session.role === 'unit-head');
  const [overdueAfter, setOverdueAfter] = useState('30');
  // Each of a district's lists has its own page; another district or limit starts them all over.
  const [pages, setPages] = useState<Pages>(FIRST_PAGES);
  const [waitingSort, chooseWaitingSort] = useSort<WaitingKey>({ key: 'days', descending: true });
  const onWaitingSort = (key: WaitingKey, firstDescending?: boolean) => (
    chooseWaitingSort(key, firstDescending),
    setPages((p) => ({ ...p, awaitingPreAssessment: 1 }))
  );
  const query = {
    overdueAfterDays: Number(overdueAfter) || 30,
    ...(district
      ? {
          district,
          pageSize: PAGE_SIZE,
          awaitingPreAssessmentPage: pages.awaitingPreAssessment,
          openInvestigationsPage: pages.openInvestigations,
          investigatedPage: pages.investigated,
          followUpPage: pages.followUp,
          notOpenedAwaitingClosingPage: pages.notOpenedAwaitingClosing,
          awaitingPreAssessmentSort: waitingParam(waitingSort),
        }
      : {}),
  };
  const queue = useLoad(
    async () => (await ok(api.GET('/api/queues', { params: { query } }))).data,
    [district, overdueAfter, pages, waitingSort],
  );
  const pick = (d: string) => (setDistrict(d), setPages(FIRST_PAGES));

  return (
    <>
      <h1>Köer</h1>
      <div className="filters">
        {session.role !== 'department' && (
          <SelectField
            label="Stadsdel"
            value={district}
            onChange={pick}
            options={[
              { id: '', label: 'Översikt för mina stadsdelar' },
              ...session.districts.map((d) => ({ id: d, label: districtName(districts, d) })),
            ]}
          />
        )}
        <SelectField
          label="Försenad efter"
          value={overdueAfter}
          onChange={(v) => (setOverdueAfter(v), setPages(FIRST_PAGES))}
          options={['14', '30', '60', '90'].map((d) => ({ id: d, label: `${d} dagar i kö` }))}
        />
      </div>
      <FormMessage>{queue.error?.message}</FormMessage>
      {queue.data && !isDistrictQueue(queue.data) && (
        <SummaryTable summary={queue.data} onPick={pick} canPick={session.role !== 'department'} />
      )}
      {queue.data && isDistrictQueue(queue.data) && (
        <DistrictDetail
          queue={queue.data}
          canAssign={session.role === 'unit-head'}
          staff={staff}
          onChanged={queue.reload}
          onPage={(list, page) => setPages((p) => ({ ...p, [list]: page }))}
          sort={waitingSort}
          onSort={onWaitingSort}
        />
      )}
    </>
  );
}

type SummaryKey = Exclude<keyof Summary['districts'][number], 'district'>;

function SummaryTable({
  summary,
  onPick,
  canPick,
}: {
  summary: Summary;
  onPick: (d: string) => void;
  canPick: boolean;
}) {
  // Every district is on the page: ordered here, district names in Swedish order.
  const [sort, onSort] = useSort<SummaryKey>({ key: 'name', descending: false });
  const rows = sortedRows(summary.districts, sort, (d, key) => d[key]);
  const count = (label: string, column: SummaryKey) => (
    <SortHeader label={label} column={column} sort={sort} onSort={onSort} numeric firstDescending />
  );
  return (
    <table>
      <caption>Läget per stadsdel {formatDate(summary.today)}</caption>
      <thead>
        <tr>
          <SortHeader label="Stadsdel" column="name" sort={sort} onSort={onSort} />
          {count('Väntar på förhandsbedömning', 'awaitingPreAssessment')}
          {count('Varav försenade', 'overdue')}
          <SortHeader label="Äldsta mottagen" column="oldestReceivedOn" sort={sort} onSort={onSort} />
          {count('Pågående utredningar', 'openInvestigations')}
          {count('Utredda', 'investigated')}
          {count('Uppföljning', 'followUp')}
          {count('Väntar på avslut', 'notOpenedAwaitingClosing')}
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.district}>
            <th scope="row">
              {canPick ? (
                <Button className="button-link" onPress={() => onPick(d.district)}>
                  {d.name}
                </Button>
              ) : (
                d.name
              )}
            </th>
            <td className="num">{d.awaitingPreAssessment}</td>
            <td className={`num${d.overdue > 0 ? ' overdue' : ''}`}>{d.overdue}</td>
            <td>{formatDate(d.oldestReceivedOn)}</td>
            <td className="num">{d.openInvestigations}</td>
            <td className="num">{d.investigated}</td>
            <td className="num">{d.followUp}</td>
            <td className="num">{d.notOpenedAwaitingClosing}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DistrictDetail({
  queue,
  canAssign,
  staff,
  onChanged,
  onPage,
  sort,
  onSort,
}: {
  queue: DistrictQueue;
  canAssign: boolean;
  staff: string[];
  onChanged: () => void;
  onPage: (list: Lists, page: number) => void;
  sort: Sort<WaitingKey>;
  onSort: (key: WaitingKey, firstDescending?: boolean) => void;
}) {
  const waiting = queue.awaitingPreAssessment;
  const investigations = queue.openInvestigations;
  return (
    <>
      <h2>
        Väntar på förhandsbedömning i {queue.name} ({formatCount(waiting.total)})
      </h2>
      {waiting.total === 0 ? (
        <p>Ingen kö.</p>
      ) : (
        <>
          <table>
            <caption className="visually-hidden">
              {sort.key === 'days' && sort.descending ? 'Kön, äldst först' : 'Kön'}
            </caption>
            <thead>
              <tr>
                <SortHeader label="Ärende" column="caseNumber" sort={sort} onSort={onSort} />
                <SortHeader label="Namn" column="name" sort={sort} onSort={onSort} />
                <SortHeader label="Mottaget" column="receivedOn" sort={sort} onSort={onSort} />
                <SortHeader label="Dagar i kö" column="days" sort={sort} onSort={onSort} numeric firstDescending />
                <SortHeader label="Närmaste treårsgräns" column="nextDeadline" sort={sort} onSort={onSort} />
                <SortHeader label="Utredare" column="investigator" sort={sort} onSort={onSort} />
                {canAssign && <th scope="col">Tilldela</th>}
              </tr>
            </thead>
            <tbody>
              {waiting.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link href={`/arenden/${c.id}`}>{c.caseNumber}</Link>
                  </th>
                  <td>
                    <PersonName name={c.personName} isProtected={c.identityProtected} />
                  </td>
                  <td>{formatDate(c.receivedOn)}</td>
                  <td className={`num${c.overdue ? ' overdue' : ''}`}>
                    {c.daysWaiting}
                    {c.overdue && ' (försenad)'}
                  </td>
                  <td
                    className={
                      c.threeYearLimit.daysLeft !== null && c.threeYearLimit.daysLeft <= 30 ? 'overdue' : undefined
                    }
                  >
                    {formatDate(c.threeYearLimit.nextDeadline)}
                  </td>
                  <td>{c.investigator ?? 'Ej tilldelad'}</td>
                  {canAssign && (
                    <td>
                      <AssignForm item={c} staff={staff} onDone={onChanged} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Sidor i kön" list={waiting} onPage={(p) => onPage('awaitingPreAssessment', p)} />
        </>
      )}
      <h2>Pågående utredningar per utredare ({formatCount(investigations.total)})</h2>
      {investigations.total === 0 ? (
        <p>Inga pågående utredningar.</p>
      ) : (
        <>
          <table>
            <caption className="visually-hidden">Arbetsbelastning</caption>
            <thead>
              <tr>
                <th scope="col">Utredare</th>
                <th scope="col" className="num">
                  Antal
                </th>
              </tr>
            </thead>
            <tbody>
              {investigations.byInvestigator.map((w) => (
                <tr key={w.investigator ?? '-'}>
                  <th scope="row">{w.investigator ?? 'Ej tilldelad'}</th>
                  <td className="num">{formatCount(w.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Utredningarna, per utredare och äldst först</h3>
          <CaseLinks cases={investigations.items} />
          <Pager
            label="Sidor, pågående utredningar"
            list={investigations}
            onPage={(p) => onPage('openInvestigations', p)}
          />
        </>
      )}
      <h2>Utredda, väntar på beslut ({formatCount(queue.investigated.total)})</h2>
      <CaseLinks cases={queue.investigated.items} />
      <Pager label="Sidor, utredda" list={queue.investigated} onPage={(p) => onPage('investigated', p)} />
      <h2>Uppföljning ({formatCount(queue.followUp.total)})</h2>
      <CaseLinks cases={queue.followUp.items} />
      <Pager label="Sidor, uppföljning" list={queue.followUp} onPage={(p) => onPage('followUp', p)} />
      <h2>Ingen utredning inledd, väntar på avslut ({formatCount(queue.notOpenedAwaitingClosing.total)})</h2>
      <CaseLinks cases={queue.notOpenedAwaitingClosing.items} />
      <Pager
        label="Sidor, väntar på avslut"
        list={queue.notOpenedAwaitingClosing}
        onPage={(p) => onPage('notOpenedAwaitingClosing', p)}
      />
    </>
  );
}

function CaseLinks({ cases }: { cases: QueueCase[] }) {
  if (cases.length === 0) return <p>Inga ärenden.</p>;
  return (
    <ul className="case-links">
      {cases.map((c) => (
        <li key={c.id}>
          <Link href={`/arenden/${c.id}`}>{c.caseNumber}</Link>
          {(c.personName || c.identityProtected) && (
            <>
              {' – '}
              <PersonName name={c.personName} isProtected={c.identityProtected} />
            </>
          )}
          {c.investigator ? ` (${c.investigator})` : ''}
        </li>
      ))}
    </ul>
  );
}

/**
 * Assigns from the queue row, with If-Match: a case changed meanwhile is not silently reassigned.
 * Refused as stale, the row takes the case's version now (and the list is read again), so the unit
 * head can look at the row and assign again without reloading the page.
 */
function AssignForm({ item, staff, onDone }: { item: QueueCase; staff: string[]; onDone: () => void }) {
  const form = useForm<{ investigator: string }>({ defaultValues: { investigator: item.investigator ?? '' } });
  const [message, setMessage] = useState<string>();
  // The version assigning names: the list's, or the newer one a refusal told of.
  const [version, setVersion] = useState(item.version);
  useEffect(() => setVersion((v) => Math.max(v, item.version)), [item.version]);
  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(undefined);
    try {
      await ok(
        api.POST('/api/cases/{id}/assignment', {
          params: { path: { id: item.id } },
          body: { investigator: v.investigator.trim() },
          headers: { 'If-Match': `"${version}"`, 'Idempotency-Key': newIdempotencyKey() },
        }),
      );
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale-version' && e.problem.currentVersion !== undefined) {
        setVersion(e.problem.currentVersion);
        setMessage(
          'Ärendet har ändrats sedan listan visades. Raden visar ärendet som det är nu: kontrollera och tilldela igen.',
        );
        onDone();
        return;
      }
      setMessage(showApiError(e, form.setError, ['investigator']));
    }
  });
  return (
    <Form
      onSubmit={(e) => void onSubmit(e)}
      className="inline-form"
      validationBehavior="aria"
      aria-label={`Tilldela ${item.caseNumber}`}
    >
      <TextInput
        control={form.control}
        name="investigator"
        label={`Utredare för ${item.caseNumber}`}
        placeholder="Användar-id"
        hideLabel
        isRequired
        suggestions={staff}
      />
      <Button type="submit">Tilldela</Button>
      <FormMessage>{message}</FormMessage>
    </Form>
  );
}
