import { useState } from 'react';
import { Button } from 'react-aria-components';
import { formatDate, formatInstant, formatKronor } from '../api/sv';
import { CAUSES, GENDER, JOURNAL_KIND, REPAYMENT_KIND, ROLE, SOURCES, STATUS, STEP } from '../api/sv';
import { ApiError, api, ok, type Schemas } from '../api/client';
import { FormMessage } from '../components/fields';
import { daysBetween, districtName, today, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { StepForm, type CaseView, type StaleChange } from './case/StepForm';
import { Attachments } from './case/Attachments';
import { Documents, issueDocument } from './case/Documents';
import { newIdempotencyKey } from '../form-errors';

type History = Schemas['HistoryEntryDto'][];

export default function CasePage({ id }: { id: string }) {
  const districts = useDistricts();
  const loaded = useLoad(async () => {
    const [view, history] = await Promise.all([
      ok(api.GET('/api/cases/{id}', { params: { path: { id } } })),
      ok(api.GET('/api/cases/{id}/history', { params: { path: { id } } })),
    ]);
    return { view: view.data, history: history.data };
  }, [id]);
  const [stale, setStale] = useState<{ change: StaleChange; history: History }>();
  const [done, setDone] = useState<string>();
  // The step just recorded: its decision's document is offered at once.
  const [lastStep, setLastStep] = useState<string>();
  const c = loaded.data?.view;
  useDocumentTitle(c ? `Ärende ${c.caseNumber}` : 'Ärende');

  if (loaded.error) return <FormMessage>{loaded.error.message}</FormMessage>;
  if (!c || !loaded.data) return <p role="status">Laddar ärendet…</p>;

  const onStale = async (change: StaleChange): Promise<void> => {
    // What changed since the page was opened, from the case's own history; nothing is overwritten.
    const { data } = await ok(api.GET('/api/cases/{id}/history', { params: { path: { id } } }));
    setStale({ change, history: data.filter((h) => h.version > change.seenVersion) });
  };
  const now = today();
  // The steps the server says the case allows now, each with its form; nothing of the rules is copied here.
  const steps = stale ? [] : c.steps.filter((s) => s.available);

  return (
    <>
      <h1>Ärende {c.caseNumber}</h1>
      {done && <FormMessage tone="success">{done}</FormMessage>}
      {!stale && lastStep && (
        <OfferDocument
          caseView={c}
          stepId={lastStep}
          onDismiss={() => setLastStep(undefined)}
          onIssued={(message) => {
            setLastStep(undefined);
            setDone(message);
            loaded.reload();
          }}
          onStale={(change) => void onStale(change)}
        />
      )}
      {stale && (
        <div className="message message-error" role="alert">
          <h2>Ärendet har ändrats sedan du öppnade det</h2>
          <p>Din ändring sparades inte. Detta har hänt sedan dess:</p>
          <ul>
            {stale.history.map((h) => (
              <li key={h.version}>
                {STEP[h.type]} ({formatDate(h.businessDate)}), registrerat {formatInstant(h.recordedAt)} av{' '}
                {h.recordedBy}
              </li>
            ))}
          </ul>
          <Button
            onPress={() => {
              setStale(undefined);
              loaded.reload();
            }}
          >
            Visa ärendet som det är nu
          </Button>
        </div>
      )}
      <div className="grid-2">
        <section aria-labelledby="oversikt">
          <h2 id="oversikt">Översikt</h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd>{STATUS[c.status]}</dd>
            <dt>Stadsdel</dt>
            <dd>{districtName(districts, c.district)}</dd>
            <dt>Utredare</dt>
            <dd>{c.investigator ?? 'Ej tilldelad'}</dd>
            <dt>Mottaget</dt>
            <dd>{formatDate(c.receivedOn)}</dd>
            <dt>Källa</dt>
            <dd>
              {SOURCES[c.source]}
              {c.reportedBy && `, ${c.reportedBy}`}
            </dd>
            {c.assistanceCaseNumber && (
              <>
                <dt>Ärende ekonomiskt bistånd</dt>
                <dd>{c.assistanceCaseNumber}</dd>
              </>
            )}
            {c.investigation?.cause && (
              <>
                <dt>Orsak</dt>
                <dd>{CAUSES[c.investigation.cause]}</dd>
              </>
            )}
            {c.policeReport && (
              <>
                <dt>Polisanmälan</dt>
                <dd>
                  {formatDate(c.policeReport.filedOn)}, {c.policeReport.offenceLabel}
                  {c.policeReport.limitation && ` (preskription ${formatDate(c.policeReport.limitation.firstOn)})`}
                </dd>
              </>
            )}
            {c.closure && (
              <>
                <dt>Avslutsorsak</dt>
                <dd>{c.closure.label}</dd>
              </>
            )}
          </dl>
        </section>
        <section aria-labelledby="person">
          <h2 id="person">Personen</h2>
          {c.personalData === 'culled' ? (
            <p>Personuppgifterna är gallrade ({formatDate(c.culledOn)}).</p>
          ) : (
            <dl className="facts">
              <dt>Namn</dt>
              <dd>{c.subject.name ?? '–'}</dd>
              <dt>Personnummer</dt>
              <dd>{c.subject.personalIdentityNumber ?? '–'}</dd>
              <dt>Kön</dt>
              <dd>{GENDER[c.subject.gender]}</dd>
            </dl>
          )}
          {c.summary && <p>{c.summary}</p>}
        </section>
      </div>

      <Amounts c={c} />
      <Payments c={c} now={now} />

      {steps.length > 0 && (
        <section aria-labelledby="atgarder">
          <h2 id="atgarder">Nästa steg</h2>
          <p>Bara de steg som ärendet tillåter nu visas.</p>
          <div className="grid-2">
            {steps.map((s) => (
              <StepForm
                key={`${s.id}-${c.version}`}
                step={s}
                caseView={c}
                onDone={() => {
                  setDone(`${s.title}: sparat.`);
                  setLastStep(s.id);
                  loaded.reload();
                }}
                onStale={(change) => void onStale(change)}
              />
            ))}
          </div>
        </section>
      )}

      <Documents
        caseView={c}
        onChanged={(message) => {
          setLastStep(undefined);
          setDone(message);
          loaded.reload();
        }}
        onStale={(change) => void onStale(change)}
      />
      <Attachments
        caseView={c}
        onAdded={(name) => {
          setDone(`Bilagan ${name} är sparad.`);
          loaded.reload();
        }}
        onStale={(change) => void onStale(change)}
      />
      <Timeline history={loaded.data.history} />
      <section aria-labelledby="journal">
        <h2 id="journal">Journal</h2>
        {c.journal.length === 0 ? (
          <p>Inga anteckningar.</p>
        ) : (
          <ul>
            {c.journal.map((j, i) => (
              <li key={i}>
                <strong>
                  {formatDate(j.notedOn)} {JOURNAL_KIND[j.kind]}:
                </strong>{' '}
                {j.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="lasare">
        <h2 id="lasare">Har läst ärendet</h2>
        <table>
          <caption className="visually-hidden">Vilka som har läst ärendet</caption>
          <thead>
            <tr>
              <th scope="col">Användare</th>
              <th scope="col">Roll</th>
              <th scope="col">Senast</th>
              <th scope="col" className="num">
                Antal läsningar
              </th>
            </tr>
          </thead>
          <tbody>
            {c.readBy.map((r) => (
              <tr key={`${r.user}-${r.role}`}>
                <td>{r.user}</td>
                <td>{ROLE[r.role as keyof typeof ROLE] ?? r.role}</td>
                <td>{formatInstant(r.lastReadAt)}</td>
                <td className="num">{r.reads}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function Amounts({ c }: { c: CaseView }) {
  const rows: Array<[string, number]> = [
    ['Återkrävt', c.amounts.claimed],
    ['Återbetalt', c.amounts.repaid],
    ['Eftergivet', c.amounts.waived],
    ['Stämt för (ersättningstalan)', c.amounts.sued],
    ['Kvarstående skuld', c.amounts.outstanding],
    ['Kan krävas i domstol i dag', c.threeYearLimit.claimableToday],
    ['Förlorat genom treårsgränsen', c.threeYearLimit.expiredToday],
  ];
  return (
    <section aria-labelledby="belopp">
      <h2 id="belopp">Belopp</h2>
      <table className="amounts">
        <caption className="visually-hidden">Ärendets belopp</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{formatKronor(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.threeYearLimit.nextDeadline && (
        <p>
          Nästa treårsgräns: <strong>{formatDate(c.threeYearLimit.nextDeadline)}</strong>. Då går{' '}
          <strong>{formatKronor(c.threeYearLimit.amountLostAtNextDeadline)}</strong> förlorat om ingen ersättningstalan
          har väckts.
        </p>
      )}
      {c.repaymentPlan && (
        <p>
          Avbetalningsplan: {formatKronor(c.repaymentPlan.monthlyAmount)} per månad från{' '}
          {formatDate(c.repaymentPlan.firstDueOn)}.
        </p>
      )}
      {c.repayments.length > 0 && (
        <table>
          <caption>Återbetalningar</caption>
          <thead>
            <tr>
              <th scope="col">Inbetald</th>
              <th scope="col">Avser</th>
              <th scope="col" className="num">
                Belopp
              </th>
            </tr>
          </thead>
          <tbody>
            {c.repayments.map((r, i) => (
              <tr key={i}>
                <td>{formatDate(r.receivedOn)}</td>
                <td>{REPAYMENT_KIND[r.kind]}</td>
                <td className="num">{formatKronor(r.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Payments({ c, now }: { c: CaseView; now: string }) {
  const payments: Array<{
    paidOn: string;
    amount: number;
    deadline: string | null;
    law: string;
    month?: string | null;
    paidAmount?: number | null;
    correctAmount?: number | null;
    reason?: string | null;
  }> = c.investigation
    ? c.investigation.incorrectPayments
    : c.suspectedPayments.map((p) => ({ ...p, deadline: deadlineOf(c, p.paidOn) }));
  // The investigation's calculation, where it made one: each month with what was paid and what should have been.
  const calculated = payments.some((p) => p.month || (p.paidAmount !== undefined && p.paidAmount !== null));
  const total = payments.reduce((sum, p) => sum + p.amount, 0);
  return (
    <section aria-labelledby="utbetalningar">
      <h2 id="utbetalningar">{c.investigation ? 'Felaktiga utbetalningar' : 'Misstänkta utbetalningar'}</h2>
      {payments.length === 0 ? (
        <p>Inga utbetalningar registrerade.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {calculated ? 'Utredningens beräkning månad för månad, med treårsgräns' : 'Utbetalningar med treårsgräns'}
            </caption>
            <thead>
              <tr>
                {calculated && <th scope="col">Månad</th>}
                <th scope="col">Utbetald</th>
                {calculated && (
                  <>
                    <th scope="col" className="num">
                      Utbetalt
                    </th>
                    <th scope="col" className="num">
                      Skulle ha betalats
                    </th>
                  </>
                )}
                <th scope="col" className="num">
                  {calculated ? 'Felaktigt utbetalt' : 'Belopp'}
                </th>
                <th scope="col">Sista dag för ersättningstalan</th>
                <th scope="col" className="num">
                  Dagar kvar
                </th>
                <th scope="col">Lag</th>
                {calculated && <th scope="col">Skäl</th>}
              </tr>
            </thead>
            <tbody>
              {payments.map((p, i) => {
                const left = p.deadline ? daysBetween(now, p.deadline) : null;
                return (
                  <tr key={i}>
                    {calculated && <td>{p.month ?? '–'}</td>}
                    <td>{formatDate(p.paidOn)}</td>
                    {calculated && (
                      <>
                        <td className="num">{p.paidAmount == null ? '–' : formatKronor(p.paidAmount)}</td>
                        <td className="num">{p.correctAmount == null ? '–' : formatKronor(p.correctAmount)}</td>
                      </>
                    )}
                    <td className="num">{formatKronor(p.amount)}</td>
                    <td>{formatDate(p.deadline)}</td>
                    <td className={`num${left !== null && left < 0 ? ' overdue' : ''}`}>
                      {left === null ? '–' : left < 0 ? `Passerad (${-left})` : left}
                    </td>
                    <td>{p.law}</td>
                    {calculated && <td>{p.reason ?? '–'}</td>}
                  </tr>
                );
              })}
            </tbody>
            {calculated && (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    Summa
                  </th>
                  <td className="num">
                    <strong>{formatKronor(total)}</strong>
                  </td>
                  <td colSpan={4} />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}

/** The three-year limit of a suspected payment, as the API computed it. */
function deadlineOf(c: CaseView, paidOn: string): string | null {
  return c.threeYearLimit.payments.find((p) => p.paidOn === paidOn)?.deadline ?? null;
}

function Timeline({ history }: { history: History }) {
  return (
    <section aria-labelledby="tidslinje">
      <h2 id="tidslinje">Tidslinje</h2>
      <table>
        <caption className="visually-hidden">Ärendets steg</caption>
        <thead>
          <tr>
            <th scope="col">Steg</th>
            <th scope="col">Datum</th>
            <th scope="col">Registrerat</th>
            <th scope="col">Av</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.version}>
              <td>{STEP[h.type]}</td>
              <td>{formatDate(h.businessDate)}</td>
              <td>{formatInstant(h.recordedAt)}</td>
              <td>{h.recordedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Right after a decision step: its document, offered to issue at once (the server says which step leads to which). */
function OfferDocument(props: {
  caseView: CaseView;
  stepId: string;
  onDismiss: () => void;
  onIssued: (message: string) => void;
  onStale: (change: StaleChange) => void;
}) {
  const { caseView: c, stepId, onDismiss, onIssued, onStale } = props;
  const [key] = useState(newIdempotencyKey);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const offer = c.documentsOffered.find((o) => o.available && o.afterSteps.includes(stepId));
  if (!offer) return null;
  const issue = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      // What the step just recorded is the latest of its kind: the document concerns it.
      await issueDocument(c, { documentType: offer.documentType }, key);
      onIssued(`${offer.label} är utfärdat. Ladda ner det under Dokument.`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale-version') {
        onStale({ seenVersion: c.version, currentVersion: e.problem.currentVersion ?? c.version + 1 });
        return;
      }
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="message offer" aria-labelledby="erbjud-dokument">
      <h2 id="erbjud-dokument">Utfärda {offer.label.toLowerCase()} nu?</h2>
      <p>Dokumentet görs av ärendet som det är nu och sparas i ärendet som PDF och Word.</p>
      <FormMessage>{error}</FormMessage>
      <div className="inline-form">
        <Button onPress={() => void issue()} isDisabled={busy}>
          Utfärda {offer.label.toLowerCase()}
        </Button>
        <Button className="button-outline" onPress={onDismiss}>
          Inte nu
        </Button>
      </div>
    </section>
  );
}
