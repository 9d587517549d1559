import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Role } from '../../src/auth/principal';
import type { LocalDate } from '../../src/calendar/local-date';
import { todayInStockholm } from '../../src/calendar/local-date';
import { CaseNumbers } from '../../src/cases/application/case-numbers';
import { protectCaseEvent } from '../../src/cases/application/case-personal-data';
import { caseStreamId, toCaseEvents, toNewEvents } from '../../src/cases/application/case-stream';
import { type CaseEvent, type DataOf, businessDateOf, caseEventProblems, replay } from '../../src/cases/steps';
import { DistrictRegister } from '../../src/districts/district-register';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { Consistency } from '../../src/infrastructure/consistency.service';
import { PersonalData } from '../../src/personal-data/personal-data';
import { StaffDirectory } from '../../src/staff/staff-directory';
import type { LaterEvent, Registration } from '../../src/testing/case-history';
import type { TestApp } from './test-app';

/**
 * HTTP specifications that start from a case's history given as events:
 *
 *   await given(caseRegistered(), investigationOpened(), investigationCompleted({ ... }))
 *     .when((http, c) => http.post(`${c.url}/repayment-claims`).send({ ... }))
 *     .then({ status: 200, events: [repaymentClaimDecided({ ... })] });
 *
 * `given` writes the history as the service would have (personal fields
 * encrypted with the person's data key, metadata per step, the case number
 * reserved in its district's counter) and waits for the read models; `when`
 * sends one request through the real app; `then` checks the answer and the
 * events the request appended to the case, decrypted, as the decider makes
 * them. Events are the decider's own types: a field the service would not
 * write does not compile, and a value its shape refuses fails at `given`.
 */

/** Who recorded the given history (the test app's default caller). */
export const GIVEN_BY = 'anna.utredare';

/** The case `given` wrote. */
export interface GivenCase {
  id: string;
  caseNumber: string;
  /** Its version (stream revision) after the given history: what an If-Match names. */
  version: number;
  /** `/api/cases/<id>` */
  url: string;
}

/** What an answer must be: its status, and for a refusal its problem code and the fields it names. */
export interface AnswerExpectation {
  status: number;
  /** The problem code (`code`) of a refusal; the answer must then be problem+json. */
  code?: string;
  /** The fields the answer's `errors` name, in order. */
  fields?: string[];
  /** Whatever else the body must hold (matched as `toMatchObject`). */
  body?: Record<string, unknown>;
}

export interface Expectation extends AnswerExpectation {
  /** The events the request appended to the case's stream, decrypted, exactly. */
  events: CaseEvent[];
}

export interface Answer {
  res: Response;
  case: GivenCase;
}

export interface Scenario {
  /** Sends the request as someone else than the default caller (anna.utredare, unit head of every district). */
  as(user: string, role: Role, districts?: string[]): Scenario;
  when(request: (http: TestAgent, c: GivenCase) => Test): Outcome;
}

export interface Outcome {
  then(expected: Expectation): Promise<Answer>;
  /** The answer, and that the request wrote nothing at all to the log. */
  thenNothingAppended(expected: AnswerExpectation): Promise<Answer>;
}

interface Caller {
  user: string;
  role: Role;
  /** Every district when left out, as the test app's tokens. */
  districts?: string[];
}

/** The specifications of one test app; `app` is read when a specification runs (after beforeAll). */
export function caseSpecification(app: () => TestApp) {
  /** Writes the case's history to the store and waits until every read model holds it. */
  async function givenCase(registration: Registration, ...later: LaterEvent[]): Promise<GivenCase> {
    const t = app();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const personalData = t.app.get(PersonalData);
    const now = t.clock.now();
    const today = todayInStockholm(now);
    const id = randomUUID();
    const r = registration.data;
    const district = t.app.get(DistrictRegister).get(r.district);
    if (!district) throw new Error(`given: no district ${r.district} in the register`);
    const historyWith = (caseNumber: string, dataKeyId: string): CaseEvent[] => [
      { type: 'CaseRegistered', data: { ...r, caseId: id, caseNumber, dataKeyId } },
      ...later,
    ];
    // Checked before the number and the key are made: a refused history writes nothing at all.
    checkHistory(historyWith(`${district.prefix}-0000-0000`, 'unchecked'), today);
    const caseNumber = await t.app
      .get(CaseNumbers)
      .reserve(district.prefix, Number(r.receivedOn.slice(0, 4)), id, GIVEN_BY, now.toISOString());
    const dataKeyId = personalData.keyIdFor(r.subject.personalIdentityNumber);
    const history = historyWith(caseNumber, dataKeyId);
    // One step per request, as the service records them: each with its own correlation id.
    const events = history.flatMap((event) =>
      toNewEvents([protectCaseEvent(personalData, event, dataKeyId)], {
        actor: GIVEN_BY,
        recordedAt: now.toISOString(),
        correlationId: randomUUID(),
        causationId: null,
      }),
    );
    const result = await store.append(caseStreamId(id), events, 'no-stream');
    await t.app.get(Consistency).readYourWrites('case-list', 'statistics', 'staff');
    return { id, caseNumber, version: result.nextExpectedRevision, url: `/api/cases/${id}` };
  }

  function given(registration: Registration, ...later: LaterEvent[]): Scenario {
    const scenario = (caller?: Caller): Scenario => ({
      as: (user, role, districts) => scenario({ user, role, districts }),
      when: (request) => ({
        then: (expected) => {
          if (typeof expected === 'function')
            throw new Error('given(...).when(...) is not a promise: end it with .then({ ... })');
          return run(registration, later, caller, request, expected, async (c) => {
            expect(await appendedTo(c)).toEqual(expected.events);
          });
        },
        thenNothingAppended: (expected) =>
          run(registration, later, caller, request, expected, async (_c, before) => {
            expect(await app().eventCount()).toBe(before);
          }),
      }),
    });
    return scenario();
  }

  async function run(
    registration: Registration,
    later: LaterEvent[],
    caller: Caller | undefined,
    request: (http: TestAgent, c: GivenCase) => Test,
    expected: AnswerExpectation,
    check: (c: GivenCase, eventsBefore: number) => Promise<void>,
  ): Promise<Answer> {
    const t = app();
    const c = await givenCase(registration, ...later);
    const { user, role, districts } = caller ?? { user: GIVEN_BY, role: 'unit-head', districts: undefined };
    // Signed in before: the service records a user it has not seen yet on their first request.
    await t.app.get(StaffDirectory).noteSeen({
      user,
      role,
      districts: districts ?? t.app.get(DistrictRegister).districts.map((d) => d.code),
    });
    const http = caller ? await t.as(user, role, districts) : t.http;
    const before = await t.eventCount();
    const res = await request(http, c);
    expectAnswer(res, expected);
    await check(c, before);
    return { res, case: c };
  }

  /** What requests appended to the case after its given history, decrypted: the decider's events. */
  async function appendedTo(c: GivenCase): Promise<CaseEvent[]> {
    const t = app();
    const recorded = await t.app.get<EventStore>(EVENT_STORE).readStream(caseStreamId(c.id), c.version + 1);
    const personalData = t.app.get(PersonalData);
    return toCaseEvents(recorded).map((e) => ({ ...e, data: personalData.revealAll(e.data) }) as CaseEvent);
  }

  return { given, givenCase, appendedTo };
}

/** Refuses a history the service could not have written: a shape its decider refuses, a date out of order. */
function checkHistory(history: CaseEvent[], today: LocalDate): void {
  const receivedOn = (history[0].data as DataOf<'CaseRegistered'>).receivedOn;
  history.forEach((event, i) => {
    const [problem] = caseEventProblems(event, true);
    if (problem) throw new Error(`given: ${event.type} (event ${i}): ${problem.field} ${problem.message}`);
    const on = businessDateOf(event);
    if (on < receivedOn || on > today)
      throw new Error(`given: ${event.type} (event ${i}) on ${on}, not between ${receivedOn} and today ${today}`);
  });
  if (!replay(history).exists) throw new Error('given: the history does not make a case');
}

function expectAnswer(res: Response, expected: AnswerExpectation): void {
  // The whole answer in the message when the status differs: what the test did not expect.
  if (res.status !== expected.status)
    throw new Error(`expected ${expected.status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  if (expected.code !== undefined) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: expected.status, code: expected.code });
  }
  if (expected.fields !== undefined)
    expect(((res.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field)).toEqual(expected.fields);
  if (expected.body !== undefined) expect(res.body).toMatchObject(expected.body);
}

// The events of a case, with defaults on one timeline (received 2018-02-01): shared with the decider specs.
export * from '../../src/testing/case-history';
