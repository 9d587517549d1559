import { useEffect, useRef, useState } from 'react';
import { Button, Link } from 'react-aria-components';
import { ApiError, api, ok, type Schemas } from '../../api/client';
import { CLOSE_REASONS, PROBLEM, formatKronor, textOf } from '../../api/sv';
import { FormMessage } from '../../components/fields';
import { newIdempotencyKey } from '../../form-errors';
import { today } from '../../hooks';
import { useSession } from '../../session';

/** A case picked on the list of cases past their limits, at the version the list showed. */
export interface Picked {
  id: string;
  version: number;
  caseNumber: string;
  expiredAmount: number;
}

type Answer = Schemas['PastLimitClosingAnswerDto'];

/** The most cases one request closes (the API's limit). */
const AT_MOST = 100;

/** Why a case was not closed, in Swedish: the problem's own text, or for a case changed meanwhile what to do. */
function reasonOf(problem: { code: string } | undefined): string {
  if (!problem) return '';
  if (problem.code === 'stale-version')
    return 'Ärendet har ändrats sedan listan visades. Öppna det och avgör det för sig.';
  return textOf(PROBLEM, problem.code) ?? `Kunde inte avslutas (${problem.code}).`;
}

/**
 * Closing the picked claims wholly past their limits in one action: what will
 * be decided, a confirmation, one request, and what became of each case.
 * Each case gets the nämnd's eftergift of what it still owes, for the time
 * limit, with the unit head as decision-maker, and is closed as Eftergift -
 * 3-årsgräns; the server decides each case on its own and says which closed.
 */
export function PastLimitClosing({
  picked,
  onClear,
  onClosed,
}: {
  picked: Map<string, Picked>;
  onClear: () => void;
  onClosed: () => void;
}) {
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  const [point, setPoint] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [answer, setAnswer] = useState<{ answer: Answer; numbers: Map<string, string> }>();
  // One key per submission: a retry after a lost answer closes nothing twice.
  const [key, setKey] = useState(newIdempotencyKey);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (answer) resultHeading.current?.focus();
  }, [answer]);

  const cases = [...picked.values()];
  const total = cases.reduce((s, c) => s + c.expiredAmount, 0);
  const day = today();

  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      const { data } = await ok(
        api.POST('/api/deadlines/past-limit-closings', {
          body: {
            closedOn: day,
            cases: cases.map((c) => ({ id: c.id, version: c.version })),
            ...(point.trim() ? { delegationPoint: point.trim() } : {}),
          },
          params: { header: { 'Idempotency-Key': key } },
        }),
      );
      setAnswer({ answer: data, numbers: new Map(cases.map((c) => [c.id, c.caseNumber])) });
      setConfirming(false);
      setKey(newIdempotencyKey());
      onClosed();
    } catch (e) {
      // The same key stays: sending again is a retry of the same request.
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      {answer && (
        <section aria-labelledby="avslut-resultat" className="batch-panel">
          <h3 id="avslut-resultat" ref={resultHeading} tabIndex={-1}>
            {answer.answer.closed} av {answer.answer.results.length} ärenden avslutade
            {answer.answer.refused > 0 ? `, ${answer.answer.refused} kunde inte avslutas` : ''}
          </h3>
          <table>
            <caption className="visually-hidden">Vad som blev av varje ärende</caption>
            <thead>
              <tr>
                <th scope="col">Ärende</th>
                <th scope="col">Resultat</th>
                <th scope="col" className="num">
                  Eftergivet
                </th>
                <th scope="col">Varför inte</th>
              </tr>
            </thead>
            <tbody>
              {answer.answer.results.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link href={`/arenden/${r.id}`}>{r.caseNumber ?? answer.numbers.get(r.id) ?? r.id}</Link>
                  </th>
                  <td>{r.outcome === 'closed' ? 'Avslutat' : 'Inte avslutat'}</td>
                  <td className="num">{r.waivers ? formatKronor(r.waivers.reduce((s, w) => s + w.amount, 0)) : '–'}</td>
                  <td>{reasonOf(r.problem)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button className="button-outline" onPress={() => setAnswer(undefined)}>
            Stäng
          </Button>
        </section>
      )}
      {cases.length > 0 && !confirming && (
        <div className="batch-panel" role="region" aria-label="Valda återkrav">
          <p>
            <strong>{cases.length} återkrav valda</strong>, {formatKronor(total)} förbi gränserna.
            {cases.length > AT_MOST && ` Högst ${AT_MOST} ärenden kan avslutas åt gången: avmarkera några.`}
          </p>
          <div className="batch-actions">
            <Button onPress={() => (setConfirming(true), setAnswer(undefined))} isDisabled={cases.length > AT_MOST}>
              Efterge och avsluta valda ({cases.length})…
            </Button>
            <Button className="button-outline" onPress={onClear}>
              Avmarkera alla
            </Button>
          </div>
        </div>
      )}
      {confirming && (
        <section aria-labelledby="avslut-bekrafta" className="batch-panel">
          <h3 id="avslut-bekrafta" ref={confirmHeading} tabIndex={-1}>
            Efterge och avsluta {cases.length} ärenden
          </h3>
          <p>
            Ett återkrav vars alla treårsgränser har passerat kan inte längre drivas genom ersättningstalan, men det
            består tills nämnden efterger det. För varje valt ärende fattas ett beslut om eftergift av det som återstår
            av återkravet ({formatKronor(total)} sammanlagt), med avslutsorsaken {CLOSE_REASONS['waived-time-limit']} (9
            kap. 4 § SoL 2001:453, 33 kap. 6 § SoL 2025:400). Sedan avslutas ärendet.
          </p>
          <dl className="facts">
            <dt>Beslutsdatum</dt>
            <dd>{day}</dd>
            <dt>Beslutsfattare</dt>
            <dd>{session.user} (enhetschef)</dd>
          </dl>
          <div className="field">
            <label htmlFor="avslut-delegationspunkt">Delegationspunkt (frivilligt)</label>
            <input
              id="avslut-delegationspunkt"
              value={point}
              onChange={(e) => setPoint(e.target.value)}
              aria-describedby="avslut-delegationspunkt-hjalp"
              maxLength={20}
            />
            <span id="avslut-delegationspunkt-hjalp" className="help">
              Tomt: den punkt i delegationsordningen som gäller beslutet.
            </span>
          </div>
          <p>
            Ärenden som har ändrats sedan listan visades, eller som inte kan avslutas så, lämnas orörda; svaret säger
            vilka.
          </p>
          <FormMessage>{error}</FormMessage>
          <div className="batch-actions">
            <Button onPress={() => void send()} isDisabled={sending}>
              Fatta besluten och avsluta {cases.length} ärenden
            </Button>
            <Button className="button-outline" onPress={() => setConfirming(false)} isDisabled={sending}>
              Avbryt
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
