import { useState } from 'react';
import { Button, Checkbox, CheckboxGroup, Form, Label } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { formatDate, formatInstant, formatKronor } from '../api/sv';
import { AUDIT_ACTION, CAPACITY, DECISION_TYPE, ROLE, STATUS, textOf } from '../api/sv';
import { api, ok, type Schemas } from '../api/client';
import { FormMessage, TextInput } from '../components/fields';
import { DATE_RULE, showApiError } from '../form-errors';
import { useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { DocumentTemplates } from './admin/DocumentTemplates';

export default function Administration() {
  useDocumentTitle('Administration');
  return (
    <>
      <h1>Administration</h1>
      <Districts />
      <DelegationOrder />
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

type Point = Schemas['DelegationPointDto'];
type DecisionType = keyof typeof DECISION_TYPE;
type Delegate = Exclude<keyof typeof CAPACITY, 'board'>;
const DELEGATES = Object.keys(CAPACITY).filter((c) => c !== 'board') as Delegate[];

interface PointForm {
  number: string;
  title: string;
  validFrom: string;
  maxAmount: string;
  districts: string;
}

/**
 * The nämnd's delegation order as data: which decisions it has delegated, to
 * whom and from when (6 kap. 37 § and 7 kap. 5 § kommunallagen). A decision's
 * delegation point is checked against it; a new wording starts on its own date.
 */
function DelegationOrder() {
  const points = useLoad(async () => (await ok(api.GET('/api/delegation-points'))).data, []);
  const form = useForm<PointForm>({
    defaultValues: { number: '', title: '', validFrom: '', maxAmount: '', districts: '' },
  });
  const [types, setTypes] = useState<string[]>([]);
  const [delegates, setDelegates] = useState<string[]>([]);
  const [message, setMessage] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const dateRule = { pattern: { value: /^\d{4}-\d{2}-\d{2}$/, message: 'Skriv datumet som ÅÅÅÅ-MM-DD.' } };
  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(undefined);
    setSaved(undefined);
    const districts = v.districts
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    const maxAmount = v.maxAmount.trim() ? Number(v.maxAmount.replace(/\s/g, '').replace(',', '.')) : undefined;
    try {
      await ok(
        api.POST('/api/delegation-points', {
          body: {
            number: v.number.trim(),
            title: v.title.trim(),
            decisionTypes: types as DecisionType[],
            delegates: delegates as Delegate[],
            validFrom: v.validFrom,
            ...(districts.length > 0 ? { districts } : {}),
            ...(maxAmount !== undefined ? { maxAmount } : {}),
          },
        }),
      );
      setSaved(`Punkt ${v.number.trim()} är registrerad.`);
      form.reset();
      setTypes([]);
      setDelegates([]);
      points.reload();
    } catch (e) {
      setMessage(showApiError(e, form.setError, ['number', 'title', 'validFrom', 'maxAmount', 'districts']));
    }
  });
  const revoke = async (point: Point): Promise<void> => {
    setMessage(undefined);
    setSaved(undefined);
    const revokedOn = window.prompt(`Punkt ${point.number} upphör att gälla från (ÅÅÅÅ-MM-DD):`);
    if (!revokedOn) return;
    try {
      await ok(api.POST('/api/delegation-points/revocations', { body: { number: point.number, revokedOn } }));
      setSaved(`Punkt ${point.number} gäller till och med dagen före ${revokedOn}.`);
      points.reload();
    } catch (e) {
      setMessage(showApiError(e, form.setError, []));
    }
  };
  const list = points.data ?? [];
  return (
    <section aria-labelledby="delegationsordning">
      <h2 id="delegationsordning">Delegationsordning</h2>
      <p>
        Nämndens delegationsordning: vilka beslut som är delegerade, till vem och från när. Beslut om återkrav,
        eftergift, ersättningstalan och att inte inleda utredning prövas mot den.
      </p>
      <FormMessage>{points.error?.message ?? message}</FormMessage>
      <FormMessage tone="success">{saved}</FormMessage>
      {list.length === 0 ? (
        <p>Ingen delegationsordning är registrerad.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Delegationsordningens punkter</caption>
          <thead>
            <tr>
              <th scope="col">Punkt</th>
              <th scope="col">Avser</th>
              <th scope="col">Beslut</th>
              <th scope="col">Delegat</th>
              <th scope="col">Nämnder</th>
              <th scope="col" className="num">
                Högst
              </th>
              <th scope="col">Från</th>
              <th scope="col">Till</th>
              <th scope="col">
                <span className="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={`${p.number}-${p.validFrom}`}>
                <th scope="row">{p.number}</th>
                <td>{p.title}</td>
                <td>{p.decisionTypes.map((t) => DECISION_TYPE[t]).join(', ')}</td>
                <td>{p.delegates.map((d) => CAPACITY[d]).join(', ')}</td>
                <td>{p.districts ? p.districts.join(', ') : 'Alla'}</td>
                <td className="num">{p.maxAmount === null ? '–' : formatKronor(p.maxAmount)}</td>
                <td>{formatDate(p.validFrom)}</td>
                <td>{p.validTo ? formatDate(p.validTo) : 'Gäller'}</td>
                <td>
                  {p.validTo === null && (
                    <Button className="button-secondary" onPress={() => void revoke(p)}>
                      Upphäv punkt {p.number}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Registrera en punkt eller en ny lydelse</h3>
      <Form onSubmit={(e) => void onSubmit(e)} validationBehavior="aria">
        <TextInput control={form.control} name="number" label="Punkt" description="T.ex. 4.2.1" isRequired />
        <TextInput control={form.control} name="title" label="Avser" isRequired />
        <CheckboxGroup className="field" value={types} onChange={setTypes} isRequired>
          <Label>Beslut som punkten avser</Label>
          {Object.entries(DECISION_TYPE).map(([code, label]) => (
            <Checkbox key={code} value={code} className="checkbox">
              <span className="box" aria-hidden="true" />
              {label}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <CheckboxGroup className="field" value={delegates} onChange={setDelegates} isRequired>
          <Label>Delegat (vem som får besluta)</Label>
          {DELEGATES.map((code) => (
            <Checkbox key={code} value={code} className="checkbox">
              <span className="box" aria-hidden="true" />
              {CAPACITY[code]}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <TextInput
          control={form.control}
          name="districts"
          label="Stadsdelsnämnder"
          description="Koder, t.ex. farsta. Tomt: alla nämnder."
        />
        <TextInput control={form.control} name="maxAmount" label="Högsta belopp (kr)" description="Tomt: inget tak." />
        <TextInput
          control={form.control}
          name="validFrom"
          label="Gäller från"
          description="ÅÅÅÅ-MM-DD"
          rules={dateRule}
          isRequired
        />
        <Button type="submit">Registrera punkten</Button>
      </Form>
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
  // Results are those of the search as it stands: a search that fails, or cannot be sent, shows none.
  const onSubmit = form.handleSubmit(
    async (v) => {
      setMessage(undefined);
      setEntries(undefined);
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
    },
    () => setEntries(undefined),
  );
  // A real day (2018-02-30 is not one), written ÅÅÅÅ-MM-DD.
  const dateRule = DATE_RULE;
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
          <RetentionTable
            title={`Inaktiva öppna ärenden (${p.inactiveOpen.length})`}
            intro={`Öppna ärenden utan någon anteckning på ${p.years} år. De gallras aldrig, varken av gallringen ovan eller automatiskt, eftersom ett öppet ärende kan ha ett återkrav som inte är betalt: enheten avslutar ärendet eller vidtar en åtgärd.`}
            dueLabel="Inaktivt sedan"
            completeBy={false}
            cases={p.inactiveOpen}
          />
        </>
      )}
    </section>
  );
}

function RetentionTable({
  title,
  cases,
  intro,
  dueLabel = 'Gallras från',
  completeBy = true,
}: {
  title: string;
  cases: Schemas['RetentionCaseDto'][];
  intro?: string;
  dueLabel?: string;
  /** Whether the table shows when culling must be done (not for cases that are never culled). */
  completeBy?: boolean;
}) {
  return (
    <>
      <h3>{title}</h3>
      {intro && <p>{intro}</p>}
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
              <th scope="col">{dueLabel}</th>
              {completeBy && <th scope="col">Klart senast</th>}
            </tr>
          </thead>
          <tbody>
            {cases.slice(0, 200).map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.caseNumber}</th>
                <td>{STATUS[c.status as keyof typeof STATUS] ?? c.status}</td>
                <td>{formatDate(c.lastEntryOn)}</td>
                <td>{formatDate(c.dueOn)}</td>
                {completeBy && <td>{formatDate(c.completeBy)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cases.length > 200 && <p>Visar de första 200 av {cases.length}.</p>}
    </>
  );
}
