import type { LocalDate } from '../../../calendar/local-date';
import { type District, isDistrictValidOn } from '../../../districts/district-register';
import {
  code,
  list,
  localDate,
  nullable,
  object,
  oneOf,
  optional,
  personalText,
  text,
  type Infer,
} from '../../../kernel/shape';
import { checkAll, conflict, rule } from '../../domain/case-errors';
import { type Payment, type Subject, paymentShape, subjectShape } from '../../domain/case-shapes';
import { AUTHORITIES, SOURCES, type Authority, type Source } from '../../domain/catalogues';
import { checkDate } from '../../domain/rules';
import { PROTECTION_BASES, type ProtectionBasis } from '../../domain/persons';
import { emptyCase } from '../../domain/case-state';
import { defineOpeningStep, openingEvent } from '../../domain/step';
import { ASSIGNMENT_REFUSALS, checkInvestigator } from '../assignment/assignment.step';
import { amount, coded, count, district, sumOre, user } from '../../domain/details';

/**
 * Inkommande information: a caseworker, a post-check, another authority, the
 * public or the person passes on a suspicion, and the case is registered in
 * its district's queue. The API's registration has a route of its own (it
 * makes the case, its number and the person's data key): POST /api/cases.
 */
const caseRegisteredShape = object({
  caseId: code(),
  caseNumber: text({ max: 64 }),
  district: code(),
  receivedOn: localDate,
  source: oneOf(SOURCES),
  subject: subjectShape,
  suspectedPayments: list(paymentShape, { max: 120 }),
  summary: nullable(personalText()),
  /** Information passed on by another authority (lag 2008:206): which one. */
  notifyingAuthority: optional(nullable(oneOf(AUTHORITIES))),
  /** Id of the data key that encrypts the personal fields (absent: written before encryption). */
  dataKeyId: optional(nullable(code())),
  /** Registered with a protected identity (skyddade personuppgifter): why. Absent: not protected. */
  protectedIdentity: optional(oneOf(PROTECTION_BASES)),
  /**
   * The investigator who has the case from the start: the investigator who
   * registered it, or the one a unit head named. Absent: nobody yet (the queue).
   */
  investigator: optional(code()),
  /**
   * The number of the person's ekonomiskt bistånd case in the municipality's
   * own system (personal data: it leads to the person). Absent: not given.
   */
  assistanceCaseNumber: optional(nullable(personalText())),
  /** Who reported it (free text that may name a person: encrypted). Absent: not given. */
  reportedBy: optional(nullable(personalText())),
});

/** What a CaseRegistered event holds. */
export type CaseRegisteredData = Infer<typeof caseRegisteredShape>;

export const CaseRegistered = openingEvent('CaseRegistered', {
  shape: caseRegisteredShape,
  label: 'Inkommande information registrerad',
  on: (d) => d.receivedOn,
  details: (d) => [
    district('Stadsdel', d.district),
    coded('Källa', SOURCES, d.source),
    coded('Underrättelse från', AUTHORITIES, d.notifyingAuthority),
    count('Misstänkta utbetalningar', d.suspectedPayments.length || null),
    amount('Misstänkt belopp', d.suspectedPayments.length > 0 ? sumOre(d.suspectedPayments) : null),
    coded('Skyddade personuppgifter', PROTECTION_BASES, d.protectedIdentity),
    user('Utredare', d.investigator),
  ],
  opens: (d) => ({
    exists: true,
    caseId: d.caseId,
    caseNumber: d.caseNumber,
    district: d.district,
    receivedOn: d.receivedOn,
    source: d.source,
    notifyingAuthority: d.notifyingAuthority ?? null,
    subject: d.subject,
    suspectedPayments: d.suspectedPayments,
    summary: d.summary,
    ...emptyCase(),
    investigator: d.investigator ?? null,
    identityProtections: d.protectedIdentity
      ? [{ person: 'subject', basis: d.protectedIdentity, since: d.receivedOn }]
      : [],
    dataKeyId: d.dataKeyId ?? null,
    assistanceCaseNumber: d.assistanceCaseNumber ?? null,
    reportedBy: d.reportedBy ?? null,
    lastStepOn: d.receivedOn,
  }),
  statistics: {
    reads: ['district', 'subject', 'receivedOn', 'source', 'notifyingAuthority'],
    facts: (d) =>
      d.notifyingAuthority
        ? [
            ['notification-received', 0, d.notifyingAuthority],
            ['received', 0, d.source],
          ]
        : [['received', 0, d.source]],
  },
});

export interface RegisterCaseData {
  caseId: string;
  caseNumber: string;
  district: District;
  receivedOn: LocalDate;
  source: Source;
  subject: Subject;
  suspectedPayments: Payment[];
  summary: string | null;
  dataKeyId?: string | null;
  notifyingAuthority?: Authority | null;
  protectedIdentity?: ProtectionBasis | null;
  /** Who has the case from the start (the registering investigator, or one a unit head names); null: nobody. */
  investigator?: string | null;
  /** Where the staff directory knows that investigator to work (looked up by `prepare`). */
  investigatorDistricts?: string[] | null;
  assistanceCaseNumber?: string | null;
  reportedBy?: string | null;
}

export const registration = defineOpeningStep({
  id: 'registration',
  command: 'RegisterCase',
  auditLabel: 'Registrerade inkommande information',
  actors: 'case-handlers',
  // POST /api/cases: the registration makes the case, its number and the person's data key.
  http: null,
  // Whoever is to have the case must work in its district, as for an assignment.
  prepare: async (d: RegisterCaseData, { staffDistricts }): Promise<RegisterCaseData> =>
    d.investigator ? { ...d, investigatorDistricts: await staffDistricts(d.investigator) } : d,
  refusals: {
    ...ASSIGNMENT_REFUSALS,
    'case-exists': ['conflict', 'Ärendet finns redan.'],
    'not-from-an-authority': ['rule', 'En underrättande myndighet kräver källan Annan myndighet.'],
  },
  requires: (state) => (state.exists ? conflict('case-exists', 'The case is already registered') : null),
  decide: (d: RegisterCaseData, _state, { today }) => {
    // Each field's rule on its own, all answered at once (the registration form has many fields).
    checkAll(
      () => checkDate(null, 'receivedOn', d.receivedOn, today),
      () => {
        if (d.notifyingAuthority && d.source !== 'other-authority') {
          throw rule(
            'not-from-an-authority',
            'notifyingAuthority names the authority that passed the information on: the source must be other-authority',
            'notifyingAuthority',
          );
        }
      },
      () => {
        if (!isDistrictValidOn(d.district, d.receivedOn)) {
          throw rule('district-not-valid', `District ${d.district.code} did not exist on ${d.receivedOn}`, 'district');
        }
      },
      () => {
        if (d.investigator) checkInvestigator(d.investigator, d.investigatorDistricts, d.district.code);
      },
      ...d.suspectedPayments.map((p, i) => () => {
        if (p.paidOn > today)
          throw rule(
            'date-in-future',
            `suspectedPayments[${i}].paidOn is in the future`,
            `suspectedPayments[${i}].paidOn`,
          );
      }),
    );
    return [
      CaseRegistered.of({
        caseId: d.caseId,
        caseNumber: d.caseNumber,
        district: d.district.code,
        receivedOn: d.receivedOn,
        source: d.source,
        subject: d.subject,
        suspectedPayments: d.suspectedPayments,
        summary: d.summary,
        ...(d.notifyingAuthority ? { notifyingAuthority: d.notifyingAuthority } : {}),
        dataKeyId: d.dataKeyId ?? null,
        ...(d.protectedIdentity ? { protectedIdentity: d.protectedIdentity } : {}),
        ...(d.investigator ? { investigator: d.investigator } : {}),
        // Written only when given, so a registration without them stays as it always was.
        ...(d.assistanceCaseNumber ? { assistanceCaseNumber: d.assistanceCaseNumber } : {}),
        ...(d.reportedBy ? { reportedBy: d.reportedBy } : {}),
      }),
    ];
  },
});
