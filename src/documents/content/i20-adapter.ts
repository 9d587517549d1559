import type { LocalDate } from '../../calendar/local-date';
import type { LegalBasis, Law } from '../../cases/domain/catalogues';
import type { OpenCase } from '../../cases/domain/case-state';
import { claimParagraph, suitParagraph } from './legal-texts';

/**
 * ADAPTER FOR ISSUE 20'S DATA (i20-decisions, i20-police), to be connected at merge.
 *
 * The documents need facts that only the issue 20 branches record: who took
 * a decision and under which delegation point, the appeal route of each
 * decision type, the kommunicering (sent, last day to respond, its
 * material), the police's recipient and K-number. Until they are on main,
 * these functions answer from what main holds (and the issuing's inputs);
 * each says what to read instead once the branches are merged. Everything the
 * documents take from issue 20 goes through here and nowhere else.
 */

/** Who took a decision, as a decision letter signs it. */
export interface DecisionMaker {
  decidedBy: string;
  /** In Swedish, e.g. "FUT-utredare". */
  capacity: string;
  delegationPoint: string | null;
}

/**
 * Who took a decision.
 * AT MERGE (i20-decisions): read the decision event's `decisionMaker`
 * ({decidedBy, capacity, delegationPoint}; capacity's Swedish from
 * DECISION_MAKER_CAPACITIES in src/delegation/delegation-register.ts) from the
 * claim (`c.claims[i].decisionMaker`), the waiver (`c.waivers[i].decisionMaker`)
 * and the suit decision (`c.suitDecisions[i].decisionMaker`). Main records no
 * decision-maker: null, and the letter names the one who issues it as handläggare.
 */
export function decisionMakerOf(
  _c: OpenCase,
  _decision: { type: 'claim' | 'waiver' | 'suit'; index: number },
): DecisionMaker | null {
  return null;
}

/** The kommunicering a letter is issued for. */
export interface Communication {
  sentOn: LocalDate;
  respondBy: LocalDate;
  /** What the decision will rest on, as the investigator wrote it (personal data). */
  material: string | null;
}

/**
 * The kommunicering before a claim.
 * AT MERGE (i20-decisions): the latest `c.communications` entry with
 * `concerning === 'repayment-claim'` ({sentOn, respondBy, material}); the
 * letter is then issued right after the CommunicationSent step, dated its
 * sentOn. Main has no such step: the issuing names the last day to respond
 * (`respondBy`, default 14 days after the letter's date), and the letter is
 * dated the day it is issued.
 */
export function communicationOf(_c: OpenCase, issued: { issuedOn: LocalDate; respondBy: LocalDate }): Communication {
  return { sentOn: issued.issuedOn, respondBy: issued.respondBy, material: null };
}

/** Where a police report goes and the police's reference. */
export interface PoliceRecipient {
  recipient: string;
  /** The police's diary number (K-nummer), once known. */
  reference: string | null;
}

/**
 * The police report's recipient and K-number.
 * AT MERGE (i20-police): `c.policeReport.recipient` (the police region or
 * unit it was sent to) and `c.policeReport.reference` (the K-number), by
 * whatever names that branch gives them. Main records neither: the report is
 * addressed to Polismyndigheten, with no K-number.
 */
export function policeRecipientOf(_c: OpenCase): PoliceRecipient {
  return { recipient: 'Polismyndigheten', reference: null };
}

/** How the person can have a decision tried: paragraphs as the letter prints them, and their legal source. */
export interface AppealText {
  paragraphs: string[];
  source: string;
}

const ADMINISTRATIVE_APPEAL =
  'Om du vill överklaga beslutet ska du skriva till förvaltningsrätten, men skicka eller lämna skrivelsen till ' +
  'nämnden. Skriv vilket beslut du överklagar, hur du vill att det ska ändras och varför. Överklagandet ska ha ' +
  'kommit in till nämnden inom tre veckor från den dag du fick del av beslutet (44 § förvaltningslagen ' +
  '(2017:900)). Nämnden prövar först om beslutet ska ändras och skickar annars överklagandet till ' +
  'förvaltningsrätten (43–46 §§ förvaltningslagen).';

const LEGALITY_REVIEW =
  'Du, liksom varje annan medlem av kommunen, kan också begära att förvaltningsrätten prövar om beslutet har ' +
  'kommit till på ett lagligt sätt (laglighetsprövning, 13 kap. kommunallagen (2017:725)). Överklagandet ska ha ' +
  'kommit in till förvaltningsrätten inom tre veckor från den dag det tillkännagavs på kommunens anslagstavla att ' +
  'protokollet där beslutet anmäldes har justerats (13 kap. 5 § kommunallagen). Förvaltningsrätten kan då bara ' +
  'upphäva ett olagligt beslut, inte ändra det.';

const UNSURE =
  'Det är inte säkert att beslutet kan överklagas genom förvaltningsbesvär; det avgör förvaltningsrätten. Vill du ' +
  'att beslutet prövas kan du överklaga det så här.';

const RECONSIDER =
  'Håller du inte med om beslutet kan du skriva till nämnden och förklara varför; nämnden kan ändra sitt beslut ' +
  '(37–38 §§ förvaltningslagen (2017:900)).';

/**
 * The appeal text of a claim decision, by its legal basis.
 * AT MERGE (i20-decisions): `appealOf('repayment-claim', law).instructions`
 * (src/cases/domain/appeals.ts), split on blank lines, and its `source`.
 *
 * What the law says, as read here:
 * - Förvaltningsbesvär lies only for the decisions 16 kap. 3 § SoL (2001:453)
 *   lists; a claim under 9 kap. 1 § is not among them. The claim is instead
 *   tried in the förvaltningsrätt when the nämnd brings ersättningstalan
 *   (9 kap. 3 §), where the person answers it; the court's judgment can be
 *   appealed. Laglighetsprövning (kommunallagen 13 kap.) lies for any decision
 *   of the nämnd; its three weeks run from the notice of the minutes (13 kap. 5 §).
 * - Unsure, and the reading that protects the person chosen (tell them how to
 *   appeal, and that the court decides whether it may try it): whether a claim
 *   under 9 kap. 2 § is on the list of 16 kap. 3 §, and what SoL 2025:400's
 *   appeal provision says of 33 kap. 1-3 §§ (its text could not be read here).
 */
export function claimAppeal(basis: LegalBasis, law: Law): AppealText {
  const inCourt =
    `Betalar du inte kan nämnden ansöka hos förvaltningsrätten om ersättningstalan (${suitParagraph(law)}). ` +
    'Förvaltningsrätten prövar då om du ska betala, och du får yttra dig i målet innan domstolen avgör det. ' +
    'Förvaltningsrättens dom kan du överklaga till kammarrätten.';
  if (basis === 'SoL 9:1') {
    return {
      paragraphs: [
        `Ett beslut om återkrav enligt ${claimParagraph(basis)} kan inte överklagas genom förvaltningsbesvär: ` +
          'det finns inte bland de beslut som får överklagas enligt 16 kap. 3 § socialtjänstlagen (2001:453).',
        RECONSIDER,
        inCourt,
        LEGALITY_REVIEW,
      ],
      source: '16 kap. 3 § och 9 kap. 3 § socialtjänstlagen (2001:453); 13 kap. kommunallagen (2017:725)',
    };
  }
  return {
    paragraphs: [UNSURE, ADMINISTRATIVE_APPEAL, inCourt, LEGALITY_REVIEW],
    source: `43–46 §§ förvaltningslagen (2017:900); ${suitParagraph(law)}; 13 kap. kommunallagen (2017:725)`,
  };
}

/**
 * The appeal text of a waiver decision.
 * AT MERGE (i20-decisions): `appealOf('waiver', law, againstThePerson).instructions`.
 * A waiver of all that was owed does not go against the person, who cannot
 * appeal it (42 § förvaltningslagen). One that leaves a debt may go against
 * them (the service does not know what they asked for): unsure whether
 * 16 kap. 3 § SoL lists 9 kap. 4 §, the letter tells how to appeal and that
 * the court decides whether it may try it.
 */
export function waiverAppeal(againstThePerson: boolean): AppealText {
  if (!againstThePerson)
    return {
      paragraphs: [
        'Beslutet går dig inte emot och kan därför inte överklagas av dig (42 § förvaltningslagen (2017:900)).',
      ],
      source: '42 § förvaltningslagen (2017:900)',
    };
  return {
    paragraphs: [UNSURE, ADMINISTRATIVE_APPEAL, LEGALITY_REVIEW],
    source: '43–46 §§ förvaltningslagen (2017:900); 13 kap. kommunallagen (2017:725)',
  };
}
