import type { LocalDate } from '../../calendar/local-date';
import type { DecisionType } from '../../delegation/delegation-register';
import type { Law } from './catalogues';
import { legalParagraph } from './legal-paragraphs';

/**
 * Whether and how the person can have a decision tried, with the Swedish
 * appeal instructions a letter carries (issue 21) and the legal source.
 *
 * What the law says, as read here:
 * - Förvaltningsbesvär (a court tries the decision and may change it) lies only
 *   where the law says so: 16 kap. 3 § SoL 2001:453 lists the appealable
 *   decisions (bistånd under 4 kap. 1 §, 4 kap. 5 §, fees under 8 kap. 4-9 §§,
 *   ...; read in its wording after SFS 2015:970). Neither a claim under
 *   9 kap. 1-2 §§ nor a waiver under 9 kap. 4 § is listed: both can only be
 *   tried by laglighetsprövning (kommunallagen 2017:725, 13 kap.: any member of
 *   the municipality, three weeks from the day the minutes at which the
 *   decision was reported were announced on the notice board, 13 kap. 5 §;
 *   the court can only quash an unlawful decision, 13 kap. 8 §).
 * - A claim decision cannot be enforced; the person's objections are tried
 *   when the nämnd sues for compensation (9 kap. 3 § / 33 kap. 4-5 §§), and
 *   the court's judgment can be appealed to the kammarrätt. Nor may the claim
 *   be set off against assistance granted later (HFD 2013 ref. 18). A claim
 *   on payments all past their three-year limit on the day it is decided can
 *   never be tried in court (`cannotGoToCourt`): it can only be paid freely.
 * - Any decision may be reconsidered by the nämnd itself on the person's
 *   request (förvaltningslagen 37-38 §§): an adverse decision tells them so.
 * - A decision that does not go against the person cannot be appealed by
 *   them (förvaltningslagen 2017:900, 42 §).
 *
 * Unsure (marked `certain: false`, and the reading that protects the person
 * chosen: when unsure whether a decision can be appealed, tell them how):
 * - SoL 2025:400's appeal provision (the counterpart of 16 kap. 3 §) could not
 *   be read here: for decisions under it the letter also tells how to appeal
 *   by förvaltningsbesvär; the court decides whether it may try it.
 * - Whether the decision to bring ersättningstalan can be laglighetsprövat
 *   (13 kap. 2 § keeps out decisions of a purely preparatory or executive
 *   kind): the letter tells of both the court case and laglighetsprövning.
 * - Later amendments of 16 kap. 3 § SoL 2001:453 than SFS 2015:970 were not
 *   checked; none is known to add 9 kap.
 */
export const APPEAL_ROUTES = {
  'administrative-appeal': 'Förvaltningsbesvär',
  'legality-review': 'Laglighetsprövning',
  'in-court': 'Prövas i domstolens mål',
} as const;
export type AppealRouteCode = keyof typeof APPEAL_ROUTES;

export interface Appeal {
  /** Whether the person can have the decision tried at all (the routes below). */
  appealable: boolean;
  /** The routes the letter tells of, in order; empty when none. */
  routes: AppealRouteCode[];
  /** False where the reading is not certain and the letter says more than may be needed. */
  certain: boolean;
  /** The legal source, in Swedish. */
  source: string;
  /** The appeal instructions, in Swedish, as a letter prints them. */
  instructions: string;
}

const LEGALITY_REVIEW =
  'Varje medlem av kommunen kan begära att förvaltningsrätten prövar om beslutet har kommit till på lagligt sätt ' +
  '(laglighetsprövning enligt 13 kap. kommunallagen (2017:725)). Skriv till förvaltningsrätten vilket beslut du vill ' +
  'ha prövat och varför du anser att det inte är lagligt. Överklagandet ska ha kommit in till förvaltningsrätten ' +
  'inom tre veckor från den dag då det tillkännagavs på kommunens anslagstavla att protokollet från det ' +
  'sammanträde där beslutet anmäldes till nämnden har justerats. Förvaltningsrätten kan upphäva ett olagligt ' +
  'beslut men inte sätta ett annat beslut i dess ställe.';

const ADMINISTRATIVE_APPEAL =
  'Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten. Skriv vilket beslut du ' +
  'överklagar, hur du vill att det ska ändras och varför, och skicka överklagandet till nämnden. Det ska ha kommit ' +
  'in till nämnden inom tre veckor från den dag du fick del av beslutet. Nämnden prövar först om beslutet ska ' +
  'ändras och skickar annars överklagandet vidare till förvaltningsrätten (43–46 §§ förvaltningslagen (2017:900)).';

const UNSURE =
  'Det är inte säkert att beslutet kan överklagas till förvaltningsrätten; det avgör domstolen. Vill du att ' +
  'beslutet prövas kan du överklaga på det sätt som beskrivs här.';

const RECONSIDER =
  'Håller du inte med om beslutet kan du också skriva till nämnden och förklara varför. Nämnden kan ändra sitt ' +
  'beslut (37–38 §§ förvaltningslagen (2017:900)).';

/**
 * That a claim decision cannot be enforced, and where the claim is tried
 * instead: in the förvaltningsrätt when the nämnd sues, unless every payment
 * it concerns was past its three-year limit when it was decided.
 */
export function claimNotEnforceable(law: Law, cannotGoToCourt = false): string {
  const suit = legalParagraph('compensation-suit', law).text;
  const head =
    'Ett beslut om återkrav kan inte verkställas: nämnden kan inte låta Kronofogdemyndigheten driva in beloppet ' +
    'med stöd av beslutet, och får inte dra av det från ekonomiskt bistånd som du får senare (HFD 2013 ref. 18).';
  return cannotGoToCourt
    ? `${head} Tre år har gått sedan var och en av utbetalningarna som kravet gäller, så nämnden kan inte heller ` +
        `ansöka hos förvaltningsrätten om ersättningstalan (${suit}). Kravet kan därför inte prövas av domstol, ` +
        'och du betalar bara om du vill.'
    : `${head} Betalar du inte frivilligt kan nämnden ansöka hos förvaltningsrätten om att du ska förpliktas att ` +
        `betala (ersättningstalan, ${suit}). Då prövar domstolen kravet, och du får yttra dig innan den avgör det. ` +
        'Förvaltningsrättens dom kan du överklaga till kammarrätten. Talan måste väckas inom tre år från varje utbetalning.';
}

const NOT_AGAINST_YOU =
  'Beslutet går dig inte emot och kan därför inte överklagas av dig (42 § förvaltningslagen (2017:900)).';

const SOL_APPEALS: Record<Law, string> = {
  'SoL 2001:453': '16 kap. 3 § socialtjänstlagen (2001:453) räknar inte upp beslutet',
  'SoL 2025:400':
    'socialtjänstlagens (2025:400) bestämmelse om överklagande (motsvarigheten till 16 kap. 3 § SoL 2001:453) har inte kunnat läsas',
};
const KL_13 = '13 kap. 1, 5 och 8 §§ kommunallagen (2017:725)';

/**
 * An adverse decision that is not on the SoL list of appealable decisions:
 * laglighetsprövning, and förvaltningsbesvär too where unsure; and that the
 * nämnd can reconsider it.
 */
function notOnTheList(law: Law, extra: string[] = []): Appeal {
  const certain = law === 'SoL 2001:453';
  return {
    appealable: true,
    routes: certain ? ['legality-review'] : ['administrative-appeal', 'legality-review'],
    certain,
    source: `${SOL_APPEALS[law]}; ${KL_13}; 37–38 §§ förvaltningslagen (2017:900)`,
    instructions: (certain
      ? ['Beslutet kan inte överklagas genom förvaltningsbesvär.', LEGALITY_REVIEW, RECONSIDER, ...extra]
      : [
          UNSURE,
          ADMINISTRATIVE_APPEAL,
          'Du kan också begära laglighetsprövning.',
          LEGALITY_REVIEW,
          RECONSIDER,
          ...extra,
        ]
    ).join('\n\n'),
  };
}

const NONE = (instructions: string, source: string): Appeal => ({
  appealable: false,
  routes: [],
  certain: true,
  source,
  instructions,
});

/**
 * The appeal of a decision: its type, the law that governs it, and whether it
 * goes against the person (a granted waiver does not; a refused or partly
 * refused one does: `waiverGoesAgainst`). `cannotGoToCourt`: a claim decided
 * on payments all past their three-year limit (its `paymentsPastLimit`).
 */
export function appealOf(
  type: DecisionType,
  law: Law,
  againstThePerson = true,
  options: { cannotGoToCourt?: boolean } = {},
): Appeal {
  switch (type) {
    case 'repayment-claim':
      return notOnTheList(law, [claimNotEnforceable(law, options.cannotGoToCourt)]);
    case 'waiver':
      return againstThePerson ? notOnTheList(law) : NONE(NOT_AGAINST_YOU, '42 § förvaltningslagen (2017:900)');
    case 'compensation-suit':
      return {
        appealable: true,
        routes: ['in-court', 'legality-review'],
        certain: false,
        source: `${legalParagraph('compensation-suit', law).reference}; ${KL_13}`,
        instructions: [
          'Beslutet att väcka talan prövas inte för sig. Förvaltningsrätten prövar nämndens krav i målet, och du får ' +
            'yttra dig där innan rätten avgör det. Förvaltningsrättens dom kan du överklaga till kammarrätten.',
          'Vill du ändå att beslutet att väcka talan prövas kan du begära laglighetsprövning.',
          LEGALITY_REVIEW,
        ].join('\n\n'),
      };
    case 'no-investigation':
      return NONE(NOT_AGAINST_YOU, '42 § förvaltningslagen (2017:900)');
    case 'police-report':
      return NONE(
        'En polisanmälan är inget beslut som kan överklagas: nämnden är skyldig att anmäla misstänkt bidragsbrott ' +
          '(6 § bidragsbrottslagen (2007:612)). Om brott har begåtts prövas av åklagare och domstol.',
        '6 § bidragsbrottslagen (2007:612)',
      );
    case 'closure':
      return NONE(
        'Att ärendet avslutas är inget beslut som kan överklagas.',
        // Unsure of the paragraph: a step of the handling that does not affect the person's situation.
        'avslutet påverkar inte den enskildes situation (jfr 41 § förvaltningslagen (2017:900))',
      );
  }
}

/**
 * Whether a granted waiver goes against the person. Granted on the nämnd's own
 * motion it only lowers the debt, and cannot (42 § förvaltningslagen). Granted
 * on an application and leaving a debt, it may have refused part of what was
 * asked (the service does not record what the application asked for): read so
 * that the person is told how to have it tried.
 */
export function waiverGoesAgainst(waiver: { applicationReceivedOn?: LocalDate }, remainingAfterOre: number): boolean {
  return waiver.applicationReceivedOn !== undefined && remainingAfterOre > 0;
}

/** The appeal instructions as a letter's paragraphs. */
export const appealParagraphs = (appeal: Appeal): string[] => appeal.instructions.split('\n\n');
