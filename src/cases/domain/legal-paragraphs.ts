import type { DecisionType } from '../../delegation/delegation-register';
import type { LegalBasis, Law } from './catalogues';

/**
 * The paragraph a decision rests on, by the decision and the Social Services
 * Act that governs the payments it concerns (SoL 2001:453 for assistance
 * granted before 2025-07-01, SoL 2025:400 after: its transitional provision 5),
 * for the case view, the screens and the letters (issue 21). The table in
 * ../shared/docs/fut-domain.md ("Which law") is the source.
 *
 * Unsure, and said so in the note: the issue names "SoL 33:1 first vs second
 * paragraph" for claims. The domain table maps 9 kap. 1 § as a whole onto
 * 33 kap. 1 §, and the split into first and second stycke it knows is that of
 * 9 kap. 2 § (advance, labour conflict or unavailable income; assistance given
 * on condition of repayment), which SoL 2025:400 made into 33 kap. 2 § and
 * 3 §. The text of 33 kap. 1 § could not be read here, so a claim under it
 * names the paragraph without a stycke rather than guess one.
 */
export interface LegalParagraph {
  /** Short, as a line in a list: "9 kap. 1 § SoL (2001:453)". */
  reference: string;
  /** As a letter writes it: "9 kap. 1 § socialtjänstlagen (2001:453)". */
  text: string;
}

const SOL = { 'SoL 2001:453': '2001:453', 'SoL 2025:400': '2025:400' } as const satisfies Record<Law, string>;

const paragraph = (where: string, law: Law): LegalParagraph => ({
  reference: `${where} SoL (${SOL[law]})`,
  text: `${where} socialtjänstlagen (${SOL[law]})`,
});

/** Each legal basis a claim may name, as a paragraph of its law. */
const CLAIM_PARAGRAPHS: Record<LegalBasis, LegalParagraph> = {
  // Obtained through false information, omission or otherwise.
  'SoL 9:1': paragraph('9 kap. 1 §', 'SoL 2001:453'),
  // Advance on a benefit, labour conflict, unavailable income (first stycke), or on condition of
  // repayment (second stycke): the legal basis does not say which, so the paragraph is named whole.
  'SoL 9:2': paragraph('9 kap. 2 §', 'SoL 2001:453'),
  'SoL 33:1': paragraph('33 kap. 1 §', 'SoL 2025:400'),
  'SoL 33:2': paragraph('33 kap. 2 §', 'SoL 2025:400'),
  'SoL 33:3': paragraph('33 kap. 3 §', 'SoL 2025:400'),
};

/** Where each decision type rests under each law (the claim by its legal basis, below). */
const BY_LAW: Record<Exclude<DecisionType, 'repayment-claim'>, Record<Law, LegalParagraph>> = {
  waiver: {
    'SoL 2001:453': paragraph('9 kap. 4 §', 'SoL 2001:453'),
    'SoL 2025:400': paragraph('33 kap. 6 §', 'SoL 2025:400'),
  },
  // Ersättningstalan at the förvaltningsrätt: the suit, the three-year limit and ability to pay.
  'compensation-suit': {
    'SoL 2001:453': paragraph('9 kap. 3 §', 'SoL 2001:453'),
    'SoL 2025:400': paragraph('33 kap. 4–5 §§', 'SoL 2025:400'),
  },
  // The duty to investigate; a decision not to open an investigation rests on it.
  'no-investigation': {
    'SoL 2001:453': paragraph('11 kap. 1 §', 'SoL 2001:453'),
    'SoL 2025:400': paragraph('14 kap. 2 §', 'SoL 2025:400'),
  },
  // The duty to report a suspected benefit offence is the same under both laws.
  'police-report': {
    'SoL 2001:453': { reference: '6 § bidragsbrottslagen (2007:612)', text: '6 § bidragsbrottslagen (2007:612)' },
    'SoL 2025:400': { reference: '6 § bidragsbrottslagen (2007:612)', text: '6 § bidragsbrottslagen (2007:612)' },
  },
  // Closing a case is no decision under a paragraph of its own: its documentation duty.
  closure: {
    'SoL 2001:453': paragraph('11 kap. 5 §', 'SoL 2001:453'),
    'SoL 2025:400': paragraph('14 kap. 3 §', 'SoL 2025:400'),
  },
};

/** The paragraph a claim rests on: its legal basis. */
export const claimParagraph = (basis: LegalBasis): LegalParagraph => CLAIM_PARAGRAPHS[basis];

/**
 * The paragraph of a decision other than a claim under the law that governs
 * it: for a waiver or a suit the claim's law; for a decision not to
 * investigate, the law in force on the decision's date (procedure follows the
 * law of the day; lawInForceOn).
 */
export const legalParagraph = (type: Exclude<DecisionType, 'repayment-claim'>, law: Law): LegalParagraph =>
  BY_LAW[type][law];

/** Each legal basis by its paragraph, as a list reads it ("9 kap. 1 § SoL (2001:453)"): the timeline's code list. */
export const CLAIM_PARAGRAPH_LABELS = Object.fromEntries(
  Object.entries(CLAIM_PARAGRAPHS).map(([basis, p]) => [basis, p.reference]),
) as Record<LegalBasis, string>;

/** A decision type's paragraph under each law, as a list reads it: the timeline's code list by the claim's law. */
export const paragraphLabels = (type: Exclude<DecisionType, 'repayment-claim'>): Record<Law, string> =>
  Object.fromEntries(Object.entries(BY_LAW[type]).map(([law, p]) => [law, p.reference])) as Record<Law, string>;
