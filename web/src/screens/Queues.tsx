import { useState } from 'react';
import { Button, Form, Link } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { formatDate } from '../../../src/labels/format';
import { api, ok, type Schemas } from '../api/client';
import { FormMessage, SelectField, TextInput } from '../components/fields';
import { newIdempotencyKey, showApiError } from '../form-errors';
import { districtName, useDistricts, useLoad, useStaff } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';

type Summary = Schemas['QueueSummaryDto'];
type DistrictQueue = Schemas['DistrictQueueDto'];
type QueueCase = Schemas['QueueCaseDto'];

const isDistrictQueue = (q: Summary | DistrictQueue): q is DistrictQueue =>
  'awaitingPreAssessment' in q && Array.isArray(q.awaitingPreAssessment);

export default function Queues() {
  useDocumentTitle('Köer');
  const session = useSession();
  const districts = useDistricts();
  const [district, setDistrict] = useState(session.districts.length === 1 ? session.districts[0] : '');
  const staff = useStaff(district || undefined, session.role === 'unit-head');
  const [overdueAfter, setOverdueAfter] = useState('30');
  const query = { overdueAfterDays: Number(overdueAfter) || 30, ...(district ? { district } : {}) };
  const queue = useLoad(
    async () => (await ok(api.GET('/api/queues', { params: { query } }))).data,
    [district, overdueAfter],
  );

  return (
    <>
      <h1>Köer</h1>
      <div className="filters">
        {session.role !== 'department' && (
          <SelectField
            label="Stadsdel"
            value={district}
            onChange={setDistrict}
            options={[
              { id: '', label: 'Översikt för mina stadsdelar' },
              ...session.districts.map((d) => ({ id: d, label: districtName(districts, d) })),
            ]}
          />
        )}
        <SelectField
          label="Försenad efter"
          value={overdueAfter}
          onChange={setOverdueAfter}
          options={['14', '30', '60', '90'].map((d) => ({ id: d, label: `${d} dagar i kö` }))}
        />
      </div>
      <FormMessage>{queue.error?.message}</FormMessage>
      {queue.data && !isDistrictQueue(queue.data) && (
        <SummaryTable summary={queue.data} onPick={setDistrict} canPick={session.role !== 'department'} />
      )}
      {queue.data && isDistrictQueue(queue.data) && (
        <DistrictDetail
          queue={queue.data}
          canAssign={session.role === 'unit-head'}
          staff={staff}
          onChanged={queue.reload}
        />
      )}
    </>
  );
}

function SummaryTable({
  summary,
  onPick,
  canPick,
}: {
  summary: Summary;
  onPick: (d: string) => void;
  canPick: boolean;
}) {
  return (
    <table>
      <caption>Läget per stadsdel {formatDate(summary.today)}</caption>
      <thead>
        <tr>
          <th scope="col">Stadsdel</th>
          <th scope="col" className="num">
            Väntar på förhandsbedömning
          </th>
          <th scope="col" className="num">
            Varav försenade
          </th>
          <th scope="col">Äldsta mottagen</th>
          <th scope="col" className="num">
            Pågående utredningar
          </th>
          <th scope="col" className="num">
            Utredda
          </th>
          <th scope="col" className="num">
            Uppföljning
          </th>
          <th scope="col" className="num">
            Väntar på avslut
          </th>
        </tr>
      </thead>
      <tbody>
        {summary.districts.map((d) => (
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
}: {
  queue: DistrictQueue;
  canAssign: boolean;
  staff: string[];
  onChanged: () => void;
}) {
  return (
    <>
      <h2>
        Väntar på förhandsbedömning i {queue.name} ({queue.awaitingPreAssessment.length})
      </h2>
      {queue.awaitingPreAssessment.length === 0 ? (
        <p>Ingen kö.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Kön, äldst först</caption>
          <thead>
            <tr>
              <th scope="col">Ärende</th>
              <th scope="col">Mottaget</th>
              <th scope="col" className="num">
                Dagar i kö
              </th>
              <th scope="col">Utredare</th>
              {canAssign && <th scope="col">Tilldela</th>}
            </tr>
          </thead>
          <tbody>
            {queue.awaitingPreAssessment.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link href={`/arenden/${c.id}`}>{c.caseNumber}</Link>
                </th>
                <td>{formatDate(c.receivedOn)}</td>
                <td className={`num${c.overdue ? ' overdue' : ''}`}>
                  {c.daysWaiting}
                  {c.overdue && ' (försenad)'}
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
      )}
      <h2>Pågående utredningar per utredare</h2>
      {queue.openInvestigations.length === 0 ? (
        <p>Inga pågående utredningar.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Arbetsbelastning</caption>
          <thead>
            <tr>
              <th scope="col">Utredare</th>
              <th scope="col" className="num">
                Antal
              </th>
              <th scope="col">Ärenden</th>
            </tr>
          </thead>
          <tbody>
            {queue.openInvestigations.map((w) => (
              <tr key={w.investigator ?? '-'}>
                <th scope="row">{w.investigator ?? 'Ej tilldelad'}</th>
                <td className="num">{w.count}</td>
                <td>
                  <CaseLinks cases={w.cases} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Utredda, väntar på beslut ({queue.investigated.length})</h2>
      <CaseLinks cases={queue.investigated} />
      <h2>Uppföljning ({queue.followUp.length})</h2>
      <CaseLinks cases={queue.followUp} />
      <h2>Ingen utredning inledd, väntar på avslut ({queue.notOpenedAwaitingClosing.length})</h2>
      <CaseLinks cases={queue.notOpenedAwaitingClosing} />
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
          {c.investigator ? ` (${c.investigator})` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Assigns from the queue row, with If-Match: a case changed meanwhile is not silently reassigned. */
function AssignForm({ item, staff, onDone }: { item: QueueCase; staff: string[]; onDone: () => void }) {
  const form = useForm<{ investigator: string }>({ defaultValues: { investigator: item.investigator ?? '' } });
  const [message, setMessage] = useState<string>();
  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(undefined);
    try {
      await ok(
        api.POST('/api/cases/{id}/assignment', {
          params: { path: { id: item.id } },
          body: { investigator: v.investigator.trim() },
          headers: { 'If-Match': `"${item.version}"`, 'Idempotency-Key': newIdempotencyKey() },
        }),
      );
      onDone();
    } catch (e) {
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
