import type { LocalDate } from '../../calendar/local-date';
import type { IncorrectPayment } from '../../cases/domain/case-shapes';
import { CAUSES, type Intent, lawGoverning, type Law } from '../../cases/domain/catalogues';
import type { Claim, OpenCase } from '../../cases/domain/case-state';
import type { DecisionMaker } from '../../cases/domain/decision-maker';
import {
  COMMUNICATION_EXCEPTIONS,
  type CommunicationConcern,
  type CommunicationException,
  communicationStatus,
} from '../../cases/steps/communication/communication.step';
import type { PersonRole } from '../../cases/domain/persons';
import { suitDeadline } from '../../cases/domain/three-year-limit';
import { DOCUMENT_TYPES, type DocumentType } from '../../cases/steps/document/document.step';
import { DECISION_MAKER_CAPACITIES, THE_BOARD } from '../../delegation/delegation-register';
import { formatKronor } from '../../labels/format';
import type { Block, CalculationRow, CommonField } from './document-content';

/** What a document is made from besides the case: who issues it, when, and what the case does not hold. */
export interface DocumentInput {
  /** The case, its personal fields readable. */
  c: OpenCase;
  /** What in the case it concerns (a claim's, a kommunicering's or a police report's id, a waiver's or notification's number), resolved. */
  concerning: string | null;
  /** Whom it is addressed to: the case's person, or the household's second adult on their own part. */
  addressee: PersonRole;
  issuedOn: LocalDate;
  issuedBy: string;
  /** The name of the case's district as the register has it ("Farsta"). */
  districtName: string;
}

/** Öre as a letter writes kronor: "12 345,00 kr". */
export const kr = (ore: number): string => formatKronor(ore / 100);

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];
/** "2018-01" as "januari 2018". */
export const monthLabel = (month: string): string => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** A personnummer as it is written: 19811218-9876. */
export const formatPersonalNumber = (pin: string | null): string =>
  pin && /^\d{12}$/.test(pin) ? `${pin.slice(0, 8)}-${pin.slice(8)}` : (pin ?? '–');

/** The nämnd the district's unit acts for. */
export function namndOf(districtName: string): string {
  return /^enheten/i.test(districtName)
    ? `Socialnämnden (${districtName.charAt(0).toLowerCase()}${districtName.slice(1)})`
    : `${districtName} stadsdelsnämnd`;
}

/** The person a document names: the case's person, or the household's second adult. */
function personOf(c: OpenCase, person: PersonRole) {
  return person === 'second-person' && c.secondPerson ? c.secondPerson : c.subject;
}

export const personName = (c: OpenCase, person: PersonRole = 'subject'): string =>
  personOf(c, person).name ?? 'Namn saknas';

export function personFacts(c: OpenCase, person: PersonRole = 'subject'): Array<[string, string]> {
  return [
    ['Namn', personName(c, person)],
    ['Personnummer', formatPersonalNumber(personOf(c, person).personalIdentityNumber)],
  ];
}

export function caseFacts(c: OpenCase): Array<[string, string]> {
  return [
    ['Ärendenummer', c.caseNumber],
    ['Ärendenummer ekonomiskt bistånd', c.assistanceCaseNumber ?? '–'],
  ];
}

/** The investigation's payments (all, or those at `indexes`), in the order of their months and payment days. */
export function paymentsOf(c: OpenCase, indexes?: number[]): IncorrectPayment[] {
  const all = c.investigation?.incorrectPayments ?? [];
  return (indexes ? indexes.map((i) => all[i]).filter((p) => p !== undefined) : all)
    .slice()
    .sort((a, b) => (a.month ?? a.paidOn).localeCompare(b.month ?? b.paidOn) || a.paidOn.localeCompare(b.paidOn));
}

export const sumOre = (payments: IncorrectPayment[]): number => payments.reduce((s, p) => s + p.amountOre, 0);

/** The laws that govern the payments (by grant date), oldest first. */
export function lawsOf(payments: IncorrectPayment[]): Law[] {
  return [...new Set(payments.map((p) => lawGoverning(p.grantedOn)))].sort();
}

export function calculationRows(payments: IncorrectPayment[]): CalculationRow[] {
  return payments.map((p) => ({
    manad: p.month ? monthLabel(p.month) : '–',
    utbetald: p.paidOn,
    utbetalt: p.paidAmountOre === null ? '–' : kr(p.paidAmountOre),
    ratt: p.correctAmountOre === null ? '–' : kr(p.correctAmountOre),
    felaktigt: kr(p.amountOre),
    sistaDag: suitDeadline(p.paidOn),
    lag: lawGoverning(p.grantedOn),
  }));
}

/** The calculation as a block: each month with what was paid, what should have been, the difference, and the sum. */
export function calculationBlock(payments: IncorrectPayment[], opts: { caption?: string } = {}): Block {
  return {
    kind: 'calculation',
    caption: opts.caption ?? 'Beräkning av felaktigt utbetalt bistånd, månad för månad',
    rows: calculationRows(payments),
    total: kr(sumOre(payments)),
  };
}

/** Why each month was wrong, where the investigation wrote it down. */
export function reasonBlocks(payments: IncorrectPayment[]): Block[] {
  const items = payments.filter((p) => p.reason).map((p) => `${p.month ? monthLabel(p.month) : p.paidOn}: ${p.reason}`);
  return items.length > 0
    ? [
        { kind: 'paragraph', text: 'Skäl, månad för månad:' },
        { kind: 'list', items },
      ]
    : [];
}

const INTENT_TEXT: Record<Intent, string> = {
  intentional: 'Nämnden bedömer att felet var avsiktligt.',
  'gross-negligence': 'Nämnden bedömer att felet berodde på grov oaktsamhet.',
  unintentional: 'Nämnden bedömer att felet inte var avsiktligt.',
  unclear: 'Om felet var avsiktligt har inte kunnat bedömas.',
};

/** What the investigation found, in a sentence or two. */
export function findingText(c: OpenCase): string {
  const inv = c.investigation;
  if (!inv) return 'Utredningen är inte avslutad.';
  const cause = inv.cause ? ` Orsak: ${CAUSES[inv.cause].toLowerCase()}.` : '';
  const intent = inv.intent ? ` ${INTENT_TEXT[inv.intent]}` : '';
  return `Utredningen avslutades den ${inv.completedOn} och visar att ekonomiskt bistånd har betalats ut felaktigt.${cause}${intent}`;
}

/** The period the payments cover: first and last month (or payment day). */
export function periodOf(payments: IncorrectPayment[]): string {
  if (payments.length === 0) return '–';
  const label = (p: IncorrectPayment) => (p.month ? monthLabel(p.month) : p.paidOn);
  const first = label(payments[0]);
  const last = label(payments[payments.length - 1]);
  return first === last ? first : `${first} – ${last}`;
}

export function claimOf(c: OpenCase, claimId: string | null): Claim {
  const claim = c.claims.find((x) => x.claimId === claimId) ?? c.claims[c.claims.length - 1];
  if (!claim) throw new Error('no claim to make the document from');
  return claim;
}

/** The placeholders every document has. */
export function commonFields(
  input: DocumentInput,
  type: DocumentType,
  title: string,
  dated: LocalDate,
  recipient: string[],
  lagrum: string,
  sumOfCalculation: number,
): Record<CommonField, string> {
  const { c } = input;
  return {
    rubrik: title,
    dokumenttyp: DOCUMENT_TYPES[type],
    datum: dated,
    arendenummer: c.caseNumber,
    ebArendenummer: c.assistanceCaseNumber ?? '–',
    namn: personName(c, input.addressee),
    personnummer: formatPersonalNumber(personOf(c, input.addressee).personalIdentityNumber),
    namnd: namndOf(input.districtName),
    handlaggare: input.issuedBy,
    mottagare: recipient.join('\n'),
    lagrum,
    summa: kr(sumOfCalculation),
  };
}

/** The meta lines at the top right of every document. */
export function metaOf(c: OpenCase, dated: LocalDate): Array<[string, string]> {
  return [
    ['Datum', dated],
    ['Ärendenummer', c.caseNumber],
    ...(c.assistanceCaseNumber
      ? ([['Ärende ekonomiskt bistånd', c.assistanceCaseNumber]] as Array<[string, string]>)
      : []),
  ];
}

/** Who to contact, as the letters end. */
export function contactBlocks(input: DocumentInput): Block[] {
  return [
    { kind: 'heading', text: 'Kontakt' },
    {
      kind: 'paragraph',
      text: `Har du frågor kan du kontakta handläggaren ${input.issuedBy} vid ${namndOf(input.districtName)}, enheten mot felaktiga utbetalningar. Ange ärendenummer ${input.c.caseNumber}.`,
    },
  ];
}

/** The addressee's recipient block: name and personnummer. */
export const personRecipient = (c: OpenCase, person: PersonRole = 'subject'): string[] => [
  personName(c, person),
  formatPersonalNumber(personOf(c, person).personalIdentityNumber),
];

/**
 * Who took a decision, as its letter is signed: the decision-maker the
 * decision's event records (who, in what capacity, under which point of the
 * nämnd's delegation order; förvaltningslagen 31 § 3), the nämnd itself for
 * its own decision. A decision recorded without one (imported, or from before
 * they were recorded) is signed by the one who issues the letter, as handläggare.
 */
export function signatureLine(maker: DecisionMaker | undefined, issuedBy: string, namnd: string): string {
  if (!maker) return `${issuedBy}, handläggare`;
  if (maker.capacity === THE_BOARD) return maker.decidedBy ? `${maker.decidedBy}, för ${namnd}` : namnd;
  const point = maker.delegationPoint ? ` (delegationsordningen punkt ${maker.delegationPoint})` : '';
  return `${maker.decidedBy ?? namnd}, ${DECISION_MAKER_CAPACITIES[maker.capacity]}${point}`;
}

/** The signature block of a decision letter; `party` as it stands above the lines (the nämnd unless told). */
export const decisionSignature = (maker: DecisionMaker | undefined, input: DocumentInput, party?: string): Block => {
  const namnd = namndOf(input.districtName);
  return { kind: 'signature', party: party ?? namnd, lines: [signatureLine(maker, input.issuedBy, namnd)] };
};

/** What was repaid and waived on a claim by a day (the amounts a letter dated that day states). */
export function settledBy(c: OpenCase, claim: Claim, on: LocalDate): { repaidOre: number; waivedOre: number } {
  const sum = <T extends { claimId: string; amountOre: number }>(xs: T[], dated: (x: T) => LocalDate) =>
    xs.filter((x) => x.claimId === claim.claimId && dated(x) <= on).reduce((s, x) => s + x.amountOre, 0);
  return { repaidOre: sum(c.repayments, (r) => r.receivedOn), waivedOre: sum(c.waivers, (w) => w.decidedOn) };
}

/** "utbetalningen den 2014-02-25" or "utbetalningarna den 2014-02-25, 2014-03-25". */
export const paymentsNamed = (payments: IncorrectPayment[]): string =>
  `${payments.length === 1 ? 'utbetalningen' : 'utbetalningarna'} den ${payments.map((p) => p.paidOn).join(', ')}`;

/**
 * How the decision stood to its kommunicering (förvaltningslagen 25 §), as
 * the decision letter says it; nothing where none was recorded (the letter
 * does not claim one).
 */
export function communicationSentence(
  c: OpenCase,
  concerning: CommunicationConcern,
  decidedOn: LocalDate,
  exception: CommunicationException | undefined,
): string | null {
  switch (communicationStatus(c, concerning, decidedOn, exception)) {
    case 'exception':
      return `Nämnden har fattat beslutet utan att först låta dig yttra dig över underlaget: ${COMMUNICATION_EXCEPTIONS[exception!].charAt(0).toLowerCase()}${COMMUNICATION_EXCEPTIONS[exception!].slice(1)}.`;
    case 'responded':
      return 'Du har fått tillfälle att yttra dig över underlaget innan beslutet fattades (25 § förvaltningslagen (2017:900)), och nämnden har tagit del av ditt svar.';
    case 'response-time-over':
      return 'Du har fått tillfälle att yttra dig över underlaget innan beslutet fattades (25 § förvaltningslagen (2017:900)), men svarstiden gick ut utan svar.';
    case 'not-recorded':
      return null;
  }
}
