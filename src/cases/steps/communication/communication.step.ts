import type { LocalDate } from '../../../calendar/local-date';
import { code, localDate, nullable, object, oneOf, personalText, type Infer } from '../../../kernel/shape';
import { checkAll, conflict, invalid, rule } from '../../domain/case-errors';
import type { OpenCase } from '../../domain/case-state';
import { checkDate, whenOpen } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep, given, optional, textField } from '../../domain/step';
import { coded, date, numbered } from '../../domain/details';

/**
 * Kommunicering (förvaltningslagen 2017:900, 25 §): before a decision that
 * goes against the person, the nämnd tells them of the material the decision
 * will rest on and gives them a time to respond. This step records what was
 * sent, when and the last day to respond, and then the response or its
 * absence; `requireCommunicated` is the rule a claim and a refused waiver
 * keep: not decided before that day unless the person has responded or an
 * exception of 25 § second paragraph is recorded on the decision.
 */

/** The adverse decisions a kommunicering comes before. */
export const COMMUNICATION_CONCERNS = {
  'repayment-claim': 'Beslut om återkrav',
  waiver: 'Avslag på ansökan om eftergift',
} as const;
export type CommunicationConcern = keyof typeof COMMUNICATION_CONCERNS;

/**
 * The exceptions of 25 § second paragraph that a decision may record instead
 * of waiting for the response. The first paragraph's "uppenbart obehövligt"
 * (the decision does not go against the person, or the material is without
 * significance) is left out on purpose: a repayment claim and a refused waiver
 * always go against the person, and the exception is to be read narrowly
 * (prop. 2016/17:180 s. 161). Unsure: the numbering of the points within the
 * second paragraph was not read here; the exceptions are named by what they
 * say, not their number.
 */
export const COMMUNICATION_EXCEPTIONS = {
  'enforcement-harder':
    'Det kan befaras att det annars blir avsevärt svårare att genomföra beslutet (25 § andra stycket förvaltningslagen)',
  'cannot-be-postponed': 'Avgörandet kan inte skjutas upp (25 § andra stycket förvaltningslagen)',
} as const;
export type CommunicationException = keyof typeof COMMUNICATION_EXCEPTIONS;

export const COMMUNICATION_ANSWERS = {
  responded: 'Personen har svarat',
  'no-response': 'Inget svar inom svarstiden',
} as const;

const communicationSentShape = object({
  /** Its number within the case ('1', '2', ...). */
  communicationId: code(),
  concerning: oneOf(COMMUNICATION_CONCERNS),
  sentOn: localDate,
  respondBy: localDate,
  /** What was sent: the material the decision will rest on (personal data: encrypted with the person's key). */
  material: personalText(),
});
export type CommunicationSentData = Infer<typeof communicationSentShape>;

export const CommunicationSent = caseEvent('CommunicationSent', {
  shape: communicationSentShape,
  label: 'Kommunicering skickad',
  on: (d) => d.sentOn,
  details: (d) => [
    numbered('Kommunicering', d.communicationId),
    coded('Inför beslut om', COMMUNICATION_CONCERNS, d.concerning),
    date('Svara senast', d.respondBy),
  ],
  evolve: (c, d) => ({ ...c, communications: [...c.communications, { ...d, answer: null }] }),
  statistics: { reads: ['sentOn'], facts: () => [] },
});

const communicationAnsweredShape = object({
  communicationId: code(),
  answer: oneOf(COMMUNICATION_ANSWERS),
  /** The day the response came in, or the day its absence was noted (after the last day to respond). */
  answeredOn: localDate,
  /** What the person said, in short (personal data). */
  response: nullable(personalText()),
});
export type CommunicationAnsweredData = Infer<typeof communicationAnsweredShape>;

export const CommunicationAnswered = caseEvent('CommunicationAnswered', {
  shape: communicationAnsweredShape,
  label: 'Svar på kommunicering',
  on: (d) => d.answeredOn,
  details: (d) => [numbered('Kommunicering', d.communicationId), coded('Svar', COMMUNICATION_ANSWERS, d.answer)],
  evolve: (c, d) => ({
    ...c,
    communications: c.communications.map((x) =>
      x.communicationId === d.communicationId ? { ...x, answer: { ...d } } : x,
    ),
  }),
  statistics: { reads: ['answeredOn'], facts: () => [] },
});

export const communication = defineStep({
  id: 'communication',
  command: 'SendCommunication',
  auditLabel: 'Kommunicering',
  actors: 'case-handlers',
  http: {
    route: 'communications',
    summary:
      'Record what was sent to the person before an adverse decision (kommunicering) and the last day to respond.',
    title: 'Kommunicering',
    submit: 'Registrera kommuniceringen',
    request: {
      concerning: choiceField(COMMUNICATION_CONCERNS, 'Inför beslut om', { initial: () => 'repayment-claim' }),
      sentOn: dateField('Skickad'),
      respondBy: dateField('Svara senast'),
      material: textField('Vad som skickades', {
        max: 10_000,
        hint: 'Det material beslutet kommer att grunda sig på.',
      }),
    },
    toCommand: (b) => ({ concerning: b.concerning, sentOn: b.sentOn, respondBy: b.respondBy, material: b.material }),
  },
  refusals: {
    'deadline-before-sent': ['rule', 'Sista svarsdag ligger före det datum kommuniceringen skickades.'],
  },
  requires: whenOpen(() => null),
  decide: (d, c, { today }) => {
    // The date sent and the last day to respond: both rules in one answer.
    checkAll(
      () => checkDate(c, 'sentOn', d.sentOn, today),
      () => {
        if (d.respondBy < d.sentOn) throw rule('deadline-before-sent', 'respondBy is before sentOn', 'respondBy');
      },
    );
    return [CommunicationSent.of({ communicationId: String(c.communications.length + 1), ...d })];
  },
});

/** The kommunicering an answer is for: the one named, or the latest still without one. */
function answerable(c: OpenCase, communicationId: string | undefined) {
  if (communicationId !== undefined) {
    const named = c.communications.find((x) => x.communicationId === communicationId);
    if (!named)
      throw rule('unknown-communication', `The case has no kommunicering ${communicationId}`, 'communicationId');
    if (named.answer) throw conflict('communication-answered', `Kommunicering ${communicationId} is already answered`);
    return named;
  }
  return [...c.communications].reverse().find((x) => !x.answer)!;
}

export const communicationAnswer = defineStep({
  id: 'communication-answer',
  command: 'RecordCommunicationAnswer',
  auditLabel: 'Svar på kommunicering',
  actors: 'case-handlers',
  http: {
    route: 'communication-answers',
    summary: "Record the person's response to a kommunicering, or that none came in time.",
    title: 'Svar på kommunicering',
    submit: 'Registrera svaret',
    request: {
      communicationId: optional(
        textField('Kommunicering', {
          max: 10,
          multiline: false,
          hidden: true,
          doc: 'Which kommunicering (its communicationId); left out: the latest one still without an answer.',
        }),
      ),
      answer: choiceField(COMMUNICATION_ANSWERS, 'Svar', { initial: () => 'responded' }),
      answeredOn: dateField('Datum', { hint: 'Dagen svaret kom in, eller dagen du noterar att inget svar kom.' }),
      response: optional(
        textField('Vad personen svarade', {
          max: 10_000,
          showIf: { field: 'answer', values: ['responded'] },
        }),
      ),
    },
    toCommand: (b) => ({
      ...given('communicationId', b.communicationId),
      answer: b.answer,
      answeredOn: b.answeredOn,
      response: b.response ?? null,
    }),
  },
  refusals: {
    'no-open-communication': ['conflict', 'Det finns ingen kommunicering som väntar på svar.'],
    'unknown-communication': ['rule', 'Kommuniceringen finns inte i ärendet.'],
    'communication-answered': ['conflict', 'Kommuniceringen har redan ett svar registrerat.'],
    'response-time-not-over': ['rule', 'Svarstiden har inte gått ut: det går inte att notera att svar saknas ännu.'],
  },
  requires: whenOpen((c) =>
    c.communications.some((x) => !x.answer)
      ? null
      : conflict('no-open-communication', 'No kommunicering of this case waits for an answer'),
  ),
  decide: (d, c, { today }) => {
    const sent = answerable(c, d.communicationId);
    checkDate(c, 'answeredOn', d.answeredOn, today, [[sent.sentOn, 'the kommunicering']]);
    if (d.answer === 'no-response') {
      if (d.answeredOn <= sent.respondBy) {
        throw rule(
          'response-time-not-over',
          `The person may respond until ${sent.respondBy}; its absence can be noted from the day after`,
          'answeredOn',
          { respondBy: sent.respondBy },
        );
      }
      if (d.response !== null) throw invalid('response', 'response applies only when the person responded');
    }
    return [
      CommunicationAnswered.of({
        communicationId: sent.communicationId,
        answer: d.answer,
        answeredOn: d.answeredOn,
        response: d.response,
      }),
    ];
  },
});

/**
 * 25 § FL: an adverse decision is not taken before the last day to respond to
 * its kommunicering has passed, unless the person has responded by then or the
 * decision records an exception of the second paragraph. A decision on the
 * last day itself is early: the day is the person's. A case with no
 * kommunicering recorded is not refused here (clients that record none keep
 * working); the case view shows such a decision as not communicated.
 */
export function requireCommunicated(
  c: OpenCase,
  concerning: CommunicationConcern,
  decidedOn: LocalDate,
  exception: CommunicationException | undefined,
): void {
  if (exception) return;
  const waiting = c.communications.filter(
    (x) =>
      x.concerning === concerning &&
      x.sentOn <= decidedOn &&
      decidedOn <= x.respondBy &&
      !(x.answer?.answer === 'responded' && x.answer.answeredOn <= decidedOn),
  );
  if (waiting.length === 0) return;
  const respondBy = waiting.map((x) => x.respondBy).sort()[waiting.length - 1];
  throw rule(
    'communication-deadline-not-passed',
    `The person may respond to the kommunicering until ${respondBy}; decide after that day, record their response, or record an exception of 25 § second paragraph (communicationException)`,
    'decidedOn',
    { respondBy, communicationIds: waiting.map((x) => x.communicationId) },
  );
}

/** Refusals of the rule above, spread into the steps that keep it. */
export const COMMUNICATION_RULE_REFUSALS = {
  'communication-deadline-not-passed': [
    'rule',
    'Svarstiden för kommuniceringen har inte gått ut och personen har inte svarat. Vänta till dagen efter sista svarsdag eller ange undantag enligt 25 § andra stycket förvaltningslagen.',
  ],
} as const;

/** How a decision stands to its kommunicering, for the case view and the letters. */
export type CommunicationStatus = 'exception' | 'responded' | 'response-time-over' | 'not-recorded';

export function communicationStatus(
  c: OpenCase,
  concerning: CommunicationConcern,
  decidedOn: LocalDate,
  exception: CommunicationException | undefined,
): CommunicationStatus {
  if (exception) return 'exception';
  const before = c.communications.filter((x) => x.concerning === concerning && x.sentOn <= decidedOn);
  if (before.some((x) => x.answer?.answer === 'responded' && x.answer.answeredOn <= decidedOn)) return 'responded';
  if (before.some((x) => x.respondBy < decidedOn)) return 'response-time-over';
  return 'not-recorded';
}

/** Spread into a decision's request: the exception a decision may record instead of waiting. */
export const communicationExceptionField = () =>
  optional(
    choiceField(COMMUNICATION_EXCEPTIONS, 'Undantag från kommunicering', {
      doc: "An exception of förvaltningslagen 25 § second paragraph that allows deciding before the kommunicering's last day to respond.",
    }),
  );
