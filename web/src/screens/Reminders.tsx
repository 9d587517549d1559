import { useState } from 'react';
import { Button, Form, Link } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { formatCount, formatDate, formatKronor } from '../api/sv';
import { api, ok, type Schemas } from '../api/client';
import { Pager } from '../components/Pager';
import { ScrollArea } from '../components/ScrollArea';
import { FormMessage, TextInput } from '../components/fields';
import { DATE_RULE, newIdempotencyKey, showApiError } from '../form-errors';
import { useLoad } from '../hooks';
import { useDocumentTitle } from '../router';

const PAGE_SIZE = 25;
type Reminder = Schemas['MyReminderDto'];

/**
 * "Mina bevakningar": the reminders on my cases that show today, the overdue
 * first: my own, and those the service sets from the cases' dates (a
 * kommunicering's last day, a three-year limit, a police report without an
 * answer, a judgment's appeal time, an offence's limitation). Each is marked
 * done here, and my own moved, through the case's own steps.
 */
export default function Reminders() {
  useDocumentTitle('Mina bevakningar');
  const [page, setPage] = useState(1);
  const [done, setDone] = useState<string>();
  const list = useLoad(
    async () =>
      (await ok(api.GET('/api/my-work/reminders', { params: { query: { page, pageSize: PAGE_SIZE } } }))).data,
    [page],
  );
  const data = list.data;
  const changed = (message: string): void => {
    setDone(message);
    list.reload();
  };
  return (
    <>
      <h1>Mina bevakningar</h1>
      <p>
        Bevakningar på dina ärenden, de försenade först. Tjänsten sätter själv bevakningar där lagen och ärendet ger ett
        datum; dina egna sätter du på ärendet.
      </p>
      <FormMessage tone="success">{done}</FormMessage>
      <FormMessage>{list.error?.message}</FormMessage>
      {data && (
        <p role="status">
          {data.total === 0
            ? 'Du har inga bevakningar i dag.'
            : `${formatCount(data.total)} ${data.total === 1 ? 'bevakning' : 'bevakningar'}, varav ${formatCount(data.overdue)} ${data.overdue === 1 ? 'försenad' : 'försenade'}.`}
        </p>
      )}
      {data && data.items.length > 0 && (
        <>
          <ScrollArea label="Tabell över mina bevakningar">
            <table>
              <caption className="visually-hidden">Mina bevakningar, de försenade först</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Ärende</th>
                  <th scope="col">Bevakning</th>
                  <th scope="col" className="num">
                    Belopp
                  </th>
                  <th scope="col">Åtgärd</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <ReminderRow key={`${r.caseId}-${r.reminderId}`} r={r} onChanged={changed} />
                ))}
              </tbody>
            </table>
          </ScrollArea>
          <Pager label="Sidor i mina bevakningar" list={data} onPage={setPage} />
        </>
      )}
    </>
  );
}

function ReminderRow({ r, onChanged }: { r: Reminder; onChanged: (message: string) => void }) {
  const form = useForm<{ dueOn: string }>({ defaultValues: { dueOn: r.dueOn } });
  const [message, setMessage] = useState<string>();
  const step = async (stepId: 'reminder-done' | 'reminder-move', body: Record<string, string>) =>
    ok(
      api.POST('/api/cases/{id}/steps/{step}', {
        params: { path: { id: r.caseId, step: stepId } },
        body,
        headers: { 'If-Match': `"${r.caseVersion}"`, 'Idempotency-Key': newIdempotencyKey() },
      }),
    );
  const markDone = async (): Promise<void> => {
    setMessage(undefined);
    try {
      await step('reminder-done', { reminderId: r.reminderId });
      onChanged(`Bevakningen på ${r.caseNumber} är klar.`);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const move = form.handleSubmit(async (v) => {
    setMessage(undefined);
    try {
      await step('reminder-move', { reminderId: r.reminderId, dueOn: v.dueOn.trim() });
      onChanged(`Bevakningen på ${r.caseNumber} är flyttad till ${v.dueOn.trim()}.`);
    } catch (e) {
      setMessage(showApiError(e, form.setError, ['dueOn']));
    }
  });
  return (
    <tr>
      <td className={r.overdue ? 'overdue' : undefined}>
        {formatDate(r.dueOn)}
        {r.overdue && ` (försenad ${r.daysOverdue} ${r.daysOverdue === 1 ? 'dag' : 'dagar'})`}
      </td>
      <th scope="row">
        <Link href={`/arenden/${r.caseId}`}>{r.caseNumber}</Link>
      </th>
      <td>
        <strong>{r.kindLabel}</strong>
        {r.kind === 'user' ? ': ' : <br />}
        {r.text}
        {r.basis && <span className="hint"> ({r.basis})</span>}
      </td>
      <td className="num">{r.amount === null ? '–' : formatKronor(r.amount)}</td>
      <td>
        <Button onPress={() => void markDone()}>Markera som klar</Button>
        {r.kind === 'user' && (
          <Form
            onSubmit={(e) => void move(e)}
            className="inline-form"
            validationBehavior="aria"
            aria-label={`Flytta bevakningen på ${r.caseNumber}`}
          >
            <TextInput
              control={form.control}
              name="dueOn"
              label="Nytt datum"
              description="ÅÅÅÅ-MM-DD"
              isRequired
              rules={DATE_RULE}
            />
            <Button type="submit" className="button-secondary">
              Flytta
            </Button>
          </Form>
        )}
        <FormMessage>{message}</FormMessage>
      </td>
    </tr>
  );
}
