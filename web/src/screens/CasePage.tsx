import { Fragment, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { formatDate, formatInstant, formatKronor, formatPersonalIdentityNumber } from '../api/sv';
import {
  CAUSES,
  COMMUNICATION_STATUS,
  GENDER,
  HOUSEHOLD_RELATION,
  JOURNAL_KIND,
  PERSON_ROLE,
  PROTECTED_IDENTITY,
  REPAYMENT_KIND,
  ROLE,
  SOURCES,
  STATUS,
  STEP,
} from '../api/sv';
import {
  ABILITY_TO_PAY_WARNING,
  APPEAL_COURT,
  APPEAL_OUTCOME,
  APPELLANT,
  ENFORCEMENT_OUTCOME,
  LIMITATION_START,
} from '../api/sv';
import { ApiError, api, ok, type Schemas } from '../api/client';
import { Confirmation } from '../components/Confirmation';
import { FormMessage } from '../components/fields';
import { daysBetween, districtName, today, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { type CaseView, type StaleChange } from './case/StepForm';
import { NextStep } from './case/NextStep';
import { CaseSummary } from './case/CaseSummary';
import { Attachments } from './case/Attachments';
import { Documents, issueDocument } from './case/Documents';
import { newIdempotencyKey } from '../form-errors';
import { InstalmentSchedule } from './case/InstalmentSchedule';
import { CaseReminders } from './case/CaseReminders';
import { StepFacts } from './case/StepFacts';
import { loadCase, takeCase } from './case/case-data';

type History = Schemas['HistoryEntryDto'][];

export default function CasePage({ id }: { id: string }) {
  const districts = useDistricts();
  // Read ahead when the page was opened as an address (case-data.ts).
  const loaded = useLoad(() => takeCase(id), [id]);
  const [stale, setStale] = useState<{ change: StaleChange; history: History }>();
  const [resume, setResume] = useState<string>();
  // The one step whose form "Nästa steg" shows.
  const [chosen, setChosen] = useState<string>();
  // What the last saved step said, and how many have been saved (each moves the confirmation into view).
  const [done, setDone] = useState<{ text?: string; count: number }>({ count: 0 });
  // The step just recorded: its decision's document is offered at once.
  const [lastStep, setLastStep] = useState<string>();
  const c = loaded.data?.view;
  useDocumentTitle(c ? `Ärende ${c.caseNumber}` : 'Ärende');
  const { set: show, reload } = loaded;
  const onStale = useCallback(
    async (change: StaleChange): Promise<void> => {
      // What changed since the page was opened, from the case's own history; nothing is overwritten.
      const { data } = await ok(api.GET('/api/cases/{id}/history', { params: { path: { id } } }));
      setStale({ change, history: data.filter((h) => h.version > change.seenVersion) });
    },
    [id],
  );
  const onDone = useCallback(
    (title: string, stepId: string) => {
      const saved = () => {
        setDone((d) => ({ text: `${title}: sparat.`, count: d.count + 1 }));
        // The step just recorded: its decision's document is offered at once.
        setLastStep(stepId);
        // The step is done: the next one is chosen afresh (the confirmation and any letter to issue come first).
        setChosen(undefined);
      };
      // The case read again, then the confirmation with it: one render, not one before and one after.
      return loadCase(id).then(
        (fresh) => (show(fresh), saved()),
        () => (saved(), reload()),
      );
    },
    [id, show, reload],
  );
  // A step being sent clears the last confirmation (it no longer says what the page shows) and the resumed form.
  const onSubmitStart = useCallback(() => {
    setDone((d) => ({ count: d.count }));
    setResume(undefined);
  }, []);
  // The step forms are the page's heaviest part (each a form of React Aria fields): drawn after the case itself,
  // in a render of their own that the browser may interrupt, so the case shows first and at once. Until the
  // new forms are drawn the old ones stay as they were (the same element: React passes over them).
  const formsOf = useDeferredValue(stale ? undefined : c, undefined);
  const forms = useMemo(
    () =>
      formsOf && (
        <NextStep
          c={formsOf}
          chosen={chosen}
          onChoose={setChosen}
          onDone={onDone}
          onStale={onStale}
          onSubmitStart={onSubmitStart}
          resume={resume}
        />
      ),
    [formsOf, chosen, onDone, onStale, onSubmitStart, resume],
  );

  if (loaded.error) return <FormMessage>{loaded.error.message}</FormMessage>;
  if (!c || !loaded.data) return <p role="status">Laddar ärendet…</p>;

  const now = today();

  return (
    <>
      <h1>Ärende {c.caseNumber}</h1>
      <Confirmation message={done.text} messageKey={done.count} />
      {!stale && lastStep && (
        <OfferDocument
          caseView={c}
          stepId={lastStep}
          onDismiss={() => setLastStep(undefined)}
          onIssued={(message) => {
            // The offer stays for the letters still due after this one (a claim against two: one to each).
            setDone((d) => ({ text: message, count: d.count + 1 }));
            loaded.reload();
          }}
          onStale={(change) => void onStale(change)}
        />
      )}
      {stale && (
        <div className="message message-error" role="alert">
          <h2>Ärendet har ändrats sedan du öppnade det</h2>
          <p>Din ändring sparades inte. Det du skrev finns kvar i formuläret. Detta har hänt sedan dess:</p>
          <ul>
            {stale.history.map((h) => (
              <li key={h.version}>
                {STEP[h.type]} ({formatDate(h.businessDate)}), registrerat {formatInstant(h.recordedAt)} av{' '}
                {h.recordedBy}
                <StepFacts details={h.details} />
              </li>
            ))}
          </ul>
          <Button
            onPress={() => {
              setStale(undefined);
              // Back to the form that was refused, with what was typed in it.
              setResume(stale.change.step);
              setChosen(stale.change.step);
              loaded.reload();
            }}
          >
            Visa ärendet som det är nu
          </Button>
        </div>
      )}
      <CaseSummary c={c} />
      <CaseReminders c={c} />
      {forms}
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
            {c.policeReports.map((r) => (
              <PoliceReportFacts key={r.reportId} report={r} several={c.policeReports.length > 1} />
            ))}
            {c.estateClaims.map((e) => (
              <Fragment key={e.claimId}>
                <dt>Fordran mot dödsboet{c.estateClaims.length > 1 ? ` (återkrav ${e.claimId})` : ''}</dt>
                <dd>
                  {formatDate(e.lodgedOn)}, {formatKronor(e.amount)}
                  {e.outcome
                    ? `; ${e.outcome.label} (${formatDate(e.outcome.decidedOn)}), avskrivet ${formatKronor(e.outcome.writtenOffAmount)}`
                    : '; inget besked ännu'}
                </dd>
              </Fragment>
            ))}
            {c.repaymentClaims
              .filter((claim) => claim.paymentsPastLimit)
              .map((claim) => (
                <Fragment key={claim.claimId}>
                  <dt>Återkrav {claim.claimId}</dt>
                  <dd>
                    Alla utbetalningar hade passerat treårsgränsen när beslutet fattades: återkravet kan inte drivas
                    genom ersättningstalan ({claim.paymentsPastLimit!.courtSuitBarredBy}).
                  </dd>
                </Fragment>
              ))}
            {c.closure && (
              <>
                <dt>Avslutsorsak</dt>
                <dd>{c.closure.label}</dd>
                {c.closure.noPoliceReportReason && (
                  <>
                    <dt>Skäl till att ingen polisanmälan gjordes</dt>
                    <dd>{c.closure.noPoliceReportReason}</dd>
                  </>
                )}
              </>
            )}
          </dl>
        </section>
        <section aria-labelledby="person">
          <h2 id="person">{c.secondPerson ? 'Personerna' : 'Personen'}</h2>
          {c.personalData === 'culled' ? (
            <p>Personuppgifterna är gallrade ({formatDate(c.culledOn)}).</p>
          ) : (
            <>
              {c.identityProtection.protected && (
                <p className="message message-warning">
                  <strong>{PROTECTED_IDENTITY}.</strong>{' '}
                  {c.identityProtection.withheld
                    ? 'Namn och personnummer visas bara för ärendets utredare och enhetschefen.'
                    : `${c.identityProtection.persons.map((p) => `${PERSON_ROLE[p.person]}: ${p.basisLabel}`).join('; ')}. Visa inte uppgifterna för andra.`}
                </p>
              )}
              <Person
                heading={c.secondPerson ? PERSON_ROLE.subject : undefined}
                person={c.subject}
                withheld={c.identityProtection.withheld}
              />
              {c.secondPerson && (
                <Person
                  heading={`${PERSON_ROLE['second-person']} (${HOUSEHOLD_RELATION[c.secondPerson.relation].toLowerCase()})`}
                  person={c.secondPerson}
                  withheld={c.identityProtection.withheld}
                />
              )}
            </>
          )}
          {c.summary && <p>{c.summary}</p>}
        </section>
      </div>

      <InstalmentSchedule c={c} />
      <Repayments c={c} />
      <Payments c={c} now={now} />
      <Suits c={c} />
      <Decisions c={c} />
      <Communications c={c} />

      <Documents
        caseView={c}
        onChanged={(message) => {
          setLastStep(undefined);
          setDone((d) => ({ text: message, count: d.count + 1 }));
          loaded.reload();
        }}
        onStale={(change) => void onStale(change)}
      />
      <Attachments
        caseView={c}
        onAdded={(name) => {
          setDone((d) => ({ text: `Bilagan ${name} är sparad.`, count: d.count + 1 }));
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

/** A police report: to whom, the grade as it is now, the reference, when its acts are time-barred, the latest outcome. */
function PoliceReportFacts({ report: r, several }: { report: CaseView['policeReports'][number]; several: boolean }) {
  const last = r.outcomes[r.outcomes.length - 1];
  const limitation = r.limitation
    ? r.limitation.firstOn === r.limitation.lastOn
      ? `preskription ${formatDate(r.limitation.lastOn)}`
      : `preskription ${formatDate(r.limitation.firstOn)}–${formatDate(r.limitation.lastOn)}`
    : null;
  return (
    <>
      <dt>Polisanmälan{several ? ` ${r.reportId}` : ''}</dt>
      <dd>
        {formatDate(r.filedOn)} till {r.recipientLabel}, {r.currentOffenceLabel}
        {r.reference && `, ${r.reference}`}
        {limitation && ` (${limitation})`}
        {last && `; ${last.label} ${formatDate(last.decidedOn)}`}
      </dd>
    </>
  );
}

/** A person of the case: "Skyddad identitet" instead of the name and the number where they are withheld. */
function Person({ heading, person, withheld }: { heading?: string; person: CaseView['subject']; withheld: boolean }) {
  return (
    <>
      {heading && <h3>{heading}</h3>}
      <dl className="facts">
        <dt>Namn</dt>
        <dd>{withheld ? PROTECTED_IDENTITY : (person.name ?? '–')}</dd>
        <dt>Personnummer</dt>
        <dd>
          {withheld
            ? PROTECTED_IDENTITY
            : person.personalIdentityNumber
              ? formatPersonalIdentityNumber(person.personalIdentityNumber)
              : '–'}
        </dd>
        <dt>Kön</dt>
        <dd>{GENDER[person.gender]}</dd>
      </dl>
    </>
  );
}

/** Claims decided against two persons: each one's part, repaid, waived and outstanding. */
function Shares({ c }: { c: CaseView }) {
  const split = c.repaymentClaims.filter((claim) => claim.shares.some((s) => s.person === 'second-person'));
  if (split.length === 0) return null;
  return (
    <table>
      <caption>Återkrav per person</caption>
      <thead>
        <tr>
          <th scope="col">Återkrav</th>
          <th scope="col">Person</th>
          <th scope="col" className="num">
            Del
          </th>
          <th scope="col" className="num">
            Återbetalt
          </th>
          <th scope="col" className="num">
            Eftergivet
          </th>
          <th scope="col" className="num">
            Kvar
          </th>
        </tr>
      </thead>
      <tbody>
        {split.flatMap((claim) =>
          claim.shares.map((s) => (
            <tr key={`${claim.claimId}-${s.person}`}>
              <td>{claim.claimId}</td>
              <td>{PERSON_ROLE[s.person]}</td>
              <td className="num">{formatKronor(s.amount)}</td>
              <td className="num">{formatKronor(s.repaid)}</td>
              <td className="num">{formatKronor(s.waived)}</td>
              <td className="num">{formatKronor(s.outstanding)}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

/** What has been paid back, and each person's part where a claim is against two. The totals are under Läget. */
function Repayments({ c }: { c: CaseView }) {
  const split = c.repaymentClaims.some((claim) => claim.shares.some((s) => s.person === 'second-person'));
  if (c.repayments.length === 0 && !split) return null;
  return (
    <section aria-labelledby="aterbetalningar">
      <h2 id="aterbetalningar">Återbetalningar</h2>
      <Shares c={c} />
      {c.repayments.length > 0 && (
        <table>
          <caption className="visually-hidden">Inbetalningar</caption>
          <thead>
            <tr>
              <th scope="col">Inbetald</th>
              <th scope="col">Avser</th>
              {c.secondPerson && <th scope="col">Betald av</th>}
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
                {c.secondPerson && <td>{PERSON_ROLE[r.person]}</td>}
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

/** Each decision: who took it under which delegation point, the paragraph it rests on, and how it can be appealed. */
function Decisions({ c }: { c: CaseView }) {
  if (c.decisions.length === 0) return null;
  const communicationOf = (d: CaseView['decisions'][number]) => {
    if (d.type === 'repayment-claim') return c.repaymentClaims.find((x) => x.claimId === d.claimId)?.communication;
    if (d.type === 'waiver' && d.outcome === 'refused')
      return c.waiverRefusals.find((x) => x.claimId === d.claimId && x.decidedOn === d.decidedOn)?.communication;
    return undefined;
  };
  return (
    <section aria-labelledby="beslut">
      <h2 id="beslut">Beslut</h2>
      <table>
        <caption className="visually-hidden">Ärendets beslut med beslutsfattare, lagrum och överklagande</caption>
        <thead>
          <tr>
            <th scope="col">Beslut</th>
            <th scope="col">Datum</th>
            <th scope="col">Lagrum</th>
            <th scope="col">Beslutsfattare</th>
            <th scope="col">Delegationspunkt</th>
            <th scope="col">Kommunicering</th>
            <th scope="col">Överklagande</th>
          </tr>
        </thead>
        <tbody>
          {c.decisions.map((d, i) => {
            const communication = communicationOf(d);
            return (
              <tr key={i}>
                <td>
                  {d.label}
                  {d.outcome === 'refused' ? ' (avslag)' : d.outcome === 'granted' ? ' (bifall)' : ''}
                </td>
                <td>{formatDate(d.decidedOn)}</td>
                <td>{d.legalParagraph.reference}</td>
                <td>
                  {d.decisionMaker
                    ? `${d.decisionMaker.decidedBy ?? d.decisionMaker.capacityLabel} (${d.decisionMaker.capacityLabel})`
                    : 'Ej angiven'}
                </td>
                <td>{d.decisionMaker?.delegationPoint ?? '–'}</td>
                <td>
                  {communication ? (communication.exceptionLabel ?? COMMUNICATION_STATUS[communication.status]) : '–'}
                </td>
                <td>
                  <details>
                    <summary>{d.appeal.appealable ? 'Kan prövas' : 'Kan inte överklagas'}</summary>
                    {d.appeal.instructions.split('\n\n').map((paragraph, j) => (
                      <p key={j}>{paragraph}</p>
                    ))}
                    <p className="hint">Källa: {d.appeal.source}</p>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** What was sent to the person before an adverse decision, the last day to respond, and the answer. */
function Communications({ c }: { c: CaseView }) {
  if (c.communications.length === 0) return null;
  return (
    <section aria-labelledby="kommunicering">
      <h2 id="kommunicering">Kommunicering</h2>
      <table>
        <caption className="visually-hidden">Kommunicering före beslut (25 § förvaltningslagen)</caption>
        <thead>
          <tr>
            <th scope="col">Inför</th>
            <th scope="col">Skickad</th>
            <th scope="col">Svara senast</th>
            <th scope="col">Vad som skickades</th>
            <th scope="col">Svar</th>
          </tr>
        </thead>
        <tbody>
          {c.communications.map((x) => (
            <tr key={x.communicationId}>
              <td>{x.concerningLabel}</td>
              <td>{formatDate(x.sentOn)}</td>
              <td>{formatDate(x.respondBy)}</td>
              <td>{x.material}</td>
              <td>
                {x.answer
                  ? `${x.answer.label} (${formatDate(x.answer.answeredOn)})${x.answer.response ? `: ${x.answer.response}` : ''}`
                  : 'Inget svar registrerat'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The three-year limit of a suspected payment, as the API computed it. */
function deadlineOf(c: CaseView, paidOn: string): string | null {
  return c.threeYearLimit.payments.find((p) => p.paidOn === paidOn)?.deadline ?? null;
}

/**
 * The case's story, oldest first: each step with its date, its amounts, law, reasons and outcomes as
 * the service writes them in Swedish (never a personal field), and when and by whom it was recorded.
 */
function Timeline({ history }: { history: History }) {
  return (
    <section aria-labelledby="tidslinje">
      <h2 id="tidslinje">Tidslinje</h2>
      <ol className="timeline">
        {history.map((h) => (
          <li key={h.version}>
            <p className="timeline-step">
              <time dateTime={h.businessDate}>{formatDate(h.businessDate)}</time> <strong>{STEP[h.type]}</strong>
            </p>
            {h.details.length > 0 && (
              <dl className="facts">
                {h.details.map((d, i) => (
                  <Fragment key={i}>
                    <dt>{d.label}</dt>
                    <dd>{d.text}</dd>
                  </Fragment>
                ))}
              </dl>
            )}
            <p className="timeline-recorded">
              Registrerat {formatInstant(h.recordedAt)} av {h.recordedBy}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Ersättningstalan: decisions and filings (with any warning about the ability to pay), and each judgment as a debt. */
function Suits({ c }: { c: CaseView }) {
  if (c.compensationSuitDecisions.length === 0 && c.compensationSuits.length === 0) return null;
  const judged = c.threeYearLimit.coveredByJudgments;
  const warnings = [...c.compensationSuitDecisions, ...c.compensationSuits].flatMap((s) =>
    s.abilityToPayWarning ? [s.abilityToPayWarning] : [],
  );
  return (
    <section aria-labelledby="ersattningstalan">
      <h2 id="ersattningstalan">Ersättningstalan och dom</h2>
      <ul>
        {c.compensationSuitDecisions.map((d, i) => (
          <li key={`d${i}`}>
            Beslut att väcka ersättningstalan {formatDate(d.decidedOn)}
            {c.repaymentClaims.length > 1 && ` (återkrav ${d.claimId})`}
          </li>
        ))}
        {c.compensationSuits.map((s, i) => (
          <li key={`s${i}`}>
            Ersättningstalan väckt {formatDate(s.filedOn)}: {formatKronor(s.amount)}
            {c.repaymentClaims.length > 1 && ` (återkrav ${s.claimId})`}
          </li>
        ))}
      </ul>
      {[...new Set(warnings)].map((w) => (
        <p key={w} className="message message-warning">
          <strong>Varning:</strong> {ABILITY_TO_PAY_WARNING[w]}
        </p>
      ))}
      {c.judgmentDebts.map((d) => (
        <JudgmentDebt key={d.claimId} d={d} several={c.repaymentClaims.length > 1} />
      ))}
      {judged !== undefined && judged > 0 && (
        <p>
          Treårsgränsen gäller inte längre för det som domen omfattar ({formatKronor(judged)}). Domen är en egen fordran
          som preskriberas efter tio år om preskriptionen inte avbryts (preskriptionslagen 1981:130).
        </p>
      )}
    </section>
  );
}

function JudgmentDebt({ d, several }: { d: CaseView['judgmentDebts'][number]; several: boolean }) {
  const heading = `Dom ${formatDate(d.judgedOn)}${several ? ` (återkrav ${d.claimId})` : ''}`;
  return (
    <>
      <h3>{heading}</h3>
      <dl className="facts">
        <dt>Tilldömt</dt>
        <dd>
          {formatKronor(d.awardedAmount)}
          {d.awardedAmount !== d.judgedAmount && ` (förvaltningsrätten: ${formatKronor(d.judgedAmount)})`}
        </dd>
        <dt>Laga kraft</dt>
        <dd>
          {d.legalForceOn
            ? formatDate(d.legalForceOn)
            : d.appealPending
              ? 'Nej, domen är överklagad'
              : 'Inte registrerad'}
        </dd>
        <dt>Kvar att betala</dt>
        <dd>{formatKronor(d.remaining)}</dd>
        <dt>Kan verkställas av Kronofogden</dt>
        <dd>
          {d.enforceable > 0
            ? formatKronor(d.enforceable)
            : d.legalForceOn
              ? 'Inget'
              : 'Inget ännu: domen har inte vunnit laga kraft'}
        </dd>
        {d.limitation && (
          <>
            <dt>Preskriberas</dt>
            <dd>
              {d.limitation.timeBarred ? 'Preskriberad, ' : ''}
              sista dag för preskriptionsavbrott {formatDate(d.limitation.lastDay)} (tio år från{' '}
              {formatDate(d.limitation.runsFrom)}: {LIMITATION_START[d.limitation.reason].toLowerCase()}
              {d.limitation.enforcementPending ? '; ansökan hos Kronofogden pågår' : ''})
            </dd>
          </>
        )}
      </dl>
      {d.appeals.length > 0 && (
        <ul>
          {d.appeals.map((a, i) => (
            <li key={i}>
              Överklagad till {APPEAL_COURT[a.court].toLowerCase()} {formatDate(a.appealedOn)} av{' '}
              {APPELLANT[a.appellant].toLowerCase()}:{' '}
              {a.outcome
                ? `${APPEAL_OUTCOME[a.outcome.outcome]} ${formatDate(a.outcome.decidedOn)}${
                    a.outcome.awardedAmount !== undefined ? `, ${formatKronor(a.outcome.awardedAmount)}` : ''
                  }`
                : 'väntar på avgörande'}
            </li>
          ))}
        </ul>
      )}
      {d.enforcement.length > 0 && (
        <ul>
          {d.enforcement.map((e, i) => (
            <li key={i}>
              Ansökan hos Kronofogden {formatDate(e.appliedOn)}, {formatKronor(e.amount)}
              {e.caseReference && ` (målnummer ${e.caseReference})`}:{' '}
              {e.outcome
                ? `${ENFORCEMENT_OUTCOME[e.outcome.outcome]} ${formatDate(e.outcome.decidedOn)}${
                    e.outcome.amount !== undefined ? `, ${formatKronor(e.outcome.amount)}` : ''
                  }`
                : 'väntar på utfall'}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * Right after a step: the letters it calls for, offered to issue at once (the
 * server says which step leads to which letter, and which are still due: a
 * decision and a kommunicering right after they are recorded, a decision
 * letter still missing when the case is closed). Each disappears once issued.
 */
function OfferDocument(props: {
  caseView: CaseView;
  stepId: string;
  onDismiss: () => void;
  onIssued: (message: string) => void;
  onStale: (change: StaleChange) => void;
}) {
  const { caseView: c, stepId, onDismiss, onIssued, onStale } = props;
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const offers = c.documentsOffered.flatMap((o) =>
    o.available
      ? o.offerAfter
          .filter((x) => x.step === stepId)
          .flatMap((x) => {
            const due = o.due.find((d) => d.concerning === x.concerning && d.person === x.person);
            return due ? [{ offer: o, letter: due }] : [];
          })
      : [],
  );
  if (offers.length === 0) return null;
  const issue = async (item: (typeof offers)[number]): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await issueDocument(
        c,
        { documentType: item.offer.documentType, concerning: item.letter.concerning, person: item.letter.person },
        key,
      );
      setKey(newIdempotencyKey());
      onIssued(`${item.offer.label} är utfärdat. Ladda ner det under Dokument.`);
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
  const heading = offers.length === 1 ? `Utfärda ${offers[0].offer.label.toLowerCase()} nu?` : 'Utfärda dokumenten nu?';
  return (
    <section className="message offer" aria-labelledby="erbjud-dokument">
      <h2 id="erbjud-dokument">{heading}</h2>
      <p>Dokumentet görs av ärendet som det är nu och sparas i ärendet som PDF och Word.</p>
      <FormMessage>{error}</FormMessage>
      <div className="inline-form">
        {offers.map((item) => (
          <Button
            key={`${item.offer.documentType}-${item.letter.concerning}-${item.letter.person}`}
            onPress={() => void issue(item)}
            isDisabled={busy}
          >
            Utfärda {item.offer.label.toLowerCase()}
            {offers.length > 1 || item.letter.person === 'second-person' ? ` (${item.letter.label})` : ''}
          </Button>
        ))}
        <Button className="button-outline" onPress={onDismiss}>
          Inte nu
        </Button>
      </div>
    </section>
  );
}
