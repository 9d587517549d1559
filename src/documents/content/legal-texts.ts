import { type LegalBasis, type Law, NEW_SOCIAL_SERVICES_ACT_FROM } from '../../cases/domain/catalogues';
import { claimParagraph as claimParagraphOf, legalParagraph } from '../../cases/domain/legal-paragraphs';

/**
 * The law as the letters cite it. Which Social Services Act governs a
 * payment follows from the day the assistance was granted (`lawGoverning`:
 * SoL 2001:453 before 2025-07-01, SoL 2025:400 from then; transitional
 * provision 5 of SoL 2025:400). Each decision's paragraph is the one the case
 * view names (src/cases/domain/legal-paragraphs.ts, from the table "Which
 * law" in ../shared/docs/fut-domain.md), written out as a letter writes it.
 */

/** The paragraph a claim rests on, as a letter writes it: "9 kap. 1 § socialtjänstlagen (2001:453)". */
export const claimParagraph = (basis: LegalBasis): string => claimParagraphOf(basis).text;

/** The claim's ground in words: what the paragraph lets the nämnd claim. */
export function claimGround(basis: LegalBasis): string {
  switch (basis) {
    case 'SoL 9:1':
    case 'SoL 33:1':
      return (
        `Enligt ${claimParagraph(basis)} får socialnämnden återkräva ekonomiskt bistånd som någon har fått ` +
        'genom att lämna oriktiga uppgifter, genom att inte lämna uppgifter eller på annat sätt förorsaka att ' +
        'biståndet har betalats ut felaktigt eller med för högt belopp.'
      );
    case 'SoL 9:2':
      return (
        `Enligt ${claimParagraph(basis)} får socialnämnden återkräva ekonomiskt bistånd som har lämnats som ` +
        'förskott på en förmån eller ersättning, till den som är indragen i en arbetskonflikt, eller till den som ' +
        'inte har kunnat förfoga över sina inkomster eller tillgångar (första stycket), och bistånd som har ' +
        'lämnats under villkor om återbetalning (andra stycket).'
      );
    case 'SoL 33:2':
      return (
        `Enligt ${claimParagraph(basis)} får socialnämnden återkräva ekonomiskt bistånd som har lämnats som ` +
        'förskott på en förmån eller ersättning, till den som är indragen i en arbetskonflikt, eller till den som ' +
        'inte har kunnat förfoga över sina inkomster eller tillgångar.'
      );
    case 'SoL 33:3':
      return `Enligt ${claimParagraph(basis)} får socialnämnden återkräva ekonomiskt bistånd som har lämnats under villkor om återbetalning.`;
  }
}

/** The court suit, the three-year limit and ability to pay (9 kap. 3 § SoL 2001:453; 33 kap. 4–5 §§ SoL 2025:400). */
export const suitParagraph = (law: Law): string => legalParagraph('compensation-suit', law).text;
/** The three-year limit alone (33 kap. 5 § in the new act). */
export const limitParagraph = (law: Law): string =>
  law === 'SoL 2001:453' ? '9 kap. 3 § socialtjänstlagen (2001:453)' : '33 kap. 5 § socialtjänstlagen (2025:400)';
/** Eftergift (9 kap. 4 § SoL 2001:453; 33 kap. 6 § SoL 2025:400). */
export const waiverParagraph = (law: Law): string => legalParagraph('waiver', law).text;

/** The basis a claim of this law is presumed to take before it is decided (the FUT case: false information or omission). */
export const presumedBasis = (law: Law): LegalBasis => (law === 'SoL 2001:453' ? 'SoL 9:1' : 'SoL 33:1');

/** Why the law is the one it is: the grant date. */
export function lawByGrantDate(law: Law): string {
  return law === 'SoL 2001:453'
    ? `Biståndet beviljades före den ${NEW_SOCIAL_SERVICES_ACT_FROM} och prövas därför enligt socialtjänstlagen (2001:453) (punkt 5 i övergångsbestämmelserna till socialtjänstlagen (2025:400)).`
    : `Biståndet beviljades från och med den ${NEW_SOCIAL_SERVICES_ACT_FROM} och prövas därför enligt socialtjänstlagen (2025:400).`;
}

/**
 * The duty to report a suspected benefit offence, and that secrecy does not
 * stop it. Said without naming the authority: the report goes to the police or
 * the prosecutor (the step's recipient), and the wording of 6 § as to which was
 * not read here.
 */
export const POLICE_REPORT_DUTY =
  'Nämnden är skyldig att göra en anmälan när det kan misstänkas att brott enligt bidragsbrottslagen (2007:612) ' +
  'har begåtts (6 § bidragsbrottslagen). Sekretess hindrar inte att uppgifterna lämnas (10 kap. 28 § ' +
  'offentlighets- och sekretesslagen (2009:400)).';

/** The duty to notify another authority (lag 2008:206 om underrättelseskyldighet vid felaktiga utbetalningar från välfärdssystemen). */
export const NOTIFICATION_DUTY =
  'Enligt 3 § lagen (2008:206) om underrättelseskyldighet vid felaktiga utbetalningar från välfärdssystemen ska ' +
  'en kommun underrätta den myndighet som har beslutat om en förmån när det finns anledning att anta att förmånen ' +
  'har beslutats, betalats ut eller använts felaktigt eller med för högt belopp.';

/** Kommunicering before an adverse decision. */
export const COMMUNICATION_RIGHT =
  'Innan nämnden fattar ett beslut som går dig emot har du rätt att få veta vad beslutet kommer att grunda sig ' +
  'på och att lämna synpunkter på det (25 § förvaltningslagen (2017:900)).';
