import { useState } from 'react';
import { Button, Checkbox, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { formatDate, formatInstant } from '../api/sv';
import { AUDIT_ACTION, ROLE, STATUS, textOf } from '../api/sv';
import { api, ok, type Schemas } from '../api/client';
import { FormMessage, TextInput } from '../components/fields';
import { showApiError } from '../form-errors';
import { useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { DocumentTemplates } from './admin/DocumentTemplates';

export default function Administration() {
  useDocumentTitle('Administration');
  return (
    <>
      <h1>Administration</h1>
      <Districts />
      <DocumentTemplates />
      <AuditLog />
      <Retention />
    </>
  );
}

function Districts() {
  const districts = useDistricts();
  return (
    <section aria-labelledby="stadsdelar">
      <h2 id="stadsdelar">Stadsdelar</h2>
      <p>Registret över stadsdelar. En sammanslagning blir en ny rad och ett slutdatum på de gamla.</p>
      <table>
        <caption className="visually-hidden">Stadsdelsregistret</caption>
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Kod</th>
            <th scope="col">Prefix för ärendenummer</th>
            <th scope="col">Från</th>
            <th scope="col">Till</th>
          </tr>
        </thead>
        <tbody>
          {districts.map((d) => (
            <tr key={d.code}>
              <th scope="row">{d.name}</th>
              <td>{d.code}</td>
              <td>{d.prefix}</td>
              <td>{formatDate(d.validFrom)}</td>
              <td>{d.validTo ? formatDate(d.validTo) : 'Gäller'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface AuditFilter {
  user: string;
  caseId: string;
  from: string;
  to: string;
}

function AuditLog() {
  const form = useForm<AuditFilter>({ defaultValues: { user: '', caseId: '', from: '', to: '' } });
  const [entries, setEntries] = useState<Schemas['AuditEntryDto'][]>();
  const [message, setMessage] = useState<string>();
  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(undefined);
    // The period is whole days, Swedish time: from the start of `from` to the end of `to`.
    const query = {
      limit: 500,
      ...(v.user.trim() ? { user: v.user.trim() } : {}),
      ...(v.caseId.trim() ? { caseId: v.caseId.trim() } : {}),
      ...(v.from ? { from: new Date(`${v.from}T00:00:00`).toISOString() } : {}),
      ...(v.to ? { to: new Date(new Date(`${v.to}T00:00:00`).getTime() + 86_400_000).toISOString() } : {}),
    };
    try {
      setEntries((await ok(api.GET('/api/audit', { params: { query } }))).data.entries);
    } catch (e) {
      setMessage(showApiError(e, form.setError, ['user', 'caseId', 'from', 'to']));
    }
  });
  const dateRule = { pattern: { value: /^\d{4}-\d{2}-\d{2}$/, message: 'Skriv datumet som ÅÅÅÅ-MM-DD.' } };
  return (
    <section aria-labelledby="granskningslogg">
      <h2 id="granskningslogg">Granskningslogg</h2>
      <Form onSubmit={(e) => void onSubmit(e)} className="inline-form" validationBehavior="aria">
        <TextInput control={form.control} name="user" label="Användare" />
        <TextInput control={form.control} name="caseId" label="Ärende-id" description="Ärendets id (UUID)" />
        <TextInput control={form.control} name="from" label="Från och med" description="ÅÅÅÅ-MM-DD" rules={dateRule} />
        <TextInput control={form.control} name="to" label="Till och med" description="ÅÅÅÅ-MM-DD" rules={dateRule} />
        <Button type="submit">Visa logg</Button>
      </Form>
      <FormMessage>{message}</FormMessage>
      {entries && entries.length === 0 && <p role="status">Inga händelser.</p>}
      {entries && entries.length > 0 && (
        <table>
          <caption>{entries.length} händelser, senaste först</caption>
          <thead>
            <tr>
              <th scope="col">Tid</th>
              <th scope="col">Användare</th>
              <th scope="col">Roll</th>
              <th scope="col">Händelse</th>
              <th scope="col">Ärende-id</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <td>{formatInstant(e.at)}</td>
                <td>{e.user}</td>
                <td>{ROLE[e.role as keyof typeof ROLE] ?? e.role}</td>
                <td>{textOf(AUDIT_ACTION, e.action) ?? e.action}</td>
                <td className="mono">{e.caseId ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Retention() {
  const plan = useLoad(async () => (await ok(api.GET('/api/retention/due'))).data, []);
  const [confirmed, setConfirmed] = useState(false);
  const [result, setResult] = useState<string>();
  const [error, setError] = useState<string>();
  const run = async (dryRun: boolean): Promise<void> => {
    setResult(undefined);
    setError(undefined);
    try {
      const { data } = await ok(api.POST('/api/retention/runs', { body: { dryRun } }));
      if (!dryRun && data.complete === false)
        // A fault stopped the run after it had culled something: say what was done, and that a new run finishes it.
        setError(
          `Gallringen avbröts av ett fel i tjänsten efter ${data.culled ?? 0} av ${data.due.length} ärenden. Kör gallringen igen för att slutföra den.`,
        );
      else
        setResult(
          dryRun
            ? `Provkörning: ${data.due.length} ärenden skulle gallras. Inget har ändrats.`
            : `Gallring klar: ${data.culled ?? 0} ärenden gallrade.`,
        );
      if (!dryRun) plan.reload();
      setConfirmed(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const p = plan.data;
  return (
    <section aria-labelledby="gallring">
      <h2 id="gallring">Gallring</h2>
      {p && (
        <p>
          Personuppgifter gallras {p.years} år efter senaste anteckningen (16 kap. 1 § SoL).{' '}
          {p.researchMunicipality ? 'Kommunen ingår i forskningsurvalet: inget gallras.' : ''}
        </p>
      )}
      <FormMessage>{plan.error?.message ?? error}</FormMessage>
      <FormMessage tone="success">{result}</FormMessage>
      {p && (
        <>
          <RetentionTable title={`Ska gallras nu (${p.due.length})`} cases={p.due} />
          <RetentionTable
            title={`Väntar på personens andra ärenden (${p.waitingForOtherCases.length})`}
            cases={p.waitingForOtherCases}
          />
          <RetentionTable
            title={`Undantas för forskning (${p.exemptForResearch.length})`}
            cases={p.exemptForResearch}
          />
          <div className="inline-form">
            <Button onPress={() => void run(true)}>Provkör gallring</Button>
            <Checkbox isSelected={confirmed} onChange={setConfirmed} className="checkbox">
              <span className="box" aria-hidden="true" />
              Jag förstår att personuppgifterna i ärendena ovan raderas för alltid
            </Checkbox>
            <Button isDisabled={!confirmed || p.due.length === 0} onPress={() => void run(false)}>
              Gallra nu
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function RetentionTable({ title, cases }: { title: string; cases: Schemas['RetentionCaseDto'][] }) {
  return (
    <>
      <h3>{title}</h3>
      {cases.length === 0 ? (
        <p>Inga ärenden.</p>
      ) : (
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Ärende</th>
              <th scope="col">Status</th>
              <th scope="col">Senaste anteckning</th>
              <th scope="col">Gallras från</th>
              <th scope="col">Klart senast</th>
            </tr>
          </thead>
          <tbody>
            {cases.slice(0, 200).map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.caseNumber}</th>
                <td>{STATUS[c.status as keyof typeof STATUS] ?? c.status}</td>
                <td>{formatDate(c.lastEntryOn)}</td>
                <td>{formatDate(c.dueOn)}</td>
                <td>{formatDate(c.completeBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cases.length > 200 && <p>Visar de första 200 av {cases.length}.</p>}
    </>
  );
}
