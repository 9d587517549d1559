import type { LocalDate } from '../../calendar/local-date';
import { LEGAL_BASES } from '../domain/catalogues';
import { type OpenCase, claimOutstandingOre } from '../domain/case-state';
import type { DecisionMakerCommand } from '../domain/decision-maker';
import { legalParagraph } from '../domain/legal-paragraphs';
import { personOutstandingOre } from '../domain/persons';
import type { CaseCommandInput } from './case-commands.service';

type StepCommand = Exclude<CaseCommandInput, { type: 'RegisterCase' }>;

/**
 * Closing a case whose claims are wholly past their three-year limits, as the
 * steps a unit head would take one by one: for each claim still owed, the
 * nämnd's waiver of what is owed, for the time limit (one per person on a claim
 * decided against two), then the closing as Eftergift - 3-årsgräns. The
 * decider decides each in turn, so every rule of the waiver and the closing
 * holds (the waiver no larger than what has passed the limit, `above-expired`;
 * the closing only once nothing is owed and nothing can be sued for).
 *
 * The law, and the reading chosen. Past its limit a claim can no longer be
 * taken to court (9 kap. 3 § SoL 2001:453, 33 kap. 5 § SoL 2025:400), but it
 * is not extinguished: the person still owes it and may pay of their own
 * will, and nothing in the law ends it. Only the nämnd's eftergift does
 * (9 kap. 4 § SoL 2001:453, 33 kap. 6 § SoL 2025:400), a decision it may take
 * of its own motion. Closing the case while the claim stands (an accounting
 * write-off, or the `writtenOff` issue 20 models for what an estate could not
 * pay) would leave the person owing a debt nobody will pursue, and leave it in
 * their records. So each claim is waived, by a decision that names who took it
 * and under which delegation point (its own event, in the list the nämnd is
 * told of), and the case is then closed. A waiver goes the person's way, so it
 * needs no kommunicering (förvaltningslagen 25 §).
 *
 * The closing names the same decision-maker as the waivers: every closing
 * records one (issue 20), though the decision that ends the debt is the
 * waiver and the closing documents the case's end (11 kap. 5 § SoL 2001:453,
 * 14 kap. 3 § SoL 2025:400).
 */
export function pastLimitClosing(c: OpenCase, closedOn: LocalDate, decisionMaker: DecisionMakerCommand): StepCommand[] {
  const waivers: StepCommand[] = [];
  for (const claim of c.claims) {
    // A judgment's debt is out of the three-year limit (the closing then refuses, naming what is still owed).
    if (c.judgments.some((j) => j.claimId === claim.claimId)) continue;
    if (claimOutstandingOre(c, claim) <= 0) continue;
    const parts = claim.shares
      ? claim.shares.map((s) => ({ person: s.person, amountOre: personOutstandingOre(c, claim, s.person) }))
      : [{ person: undefined, amountOre: claimOutstandingOre(c, claim) }];
    const law = LEGAL_BASES[claim.legalBasis];
    const reasons =
      `Hela det som återstår av återkravet har passerat treårsgränsen och kan inte längre drivas genom ` +
      `ersättningstalan (${legalParagraph('compensation-suit', law).reference}). Eftergift av nämndens eget ` +
      `initiativ (${legalParagraph('waiver', law).reference}).`;
    for (const part of parts) {
      if (part.amountOre <= 0) continue;
      waivers.push({
        type: 'WaiveClaim',
        data: {
          claimId: claim.claimId,
          decidedOn: closedOn,
          decision: 'granted',
          reason: 'time-limit',
          amountOre: part.amountOre,
          reasons,
          ...(part.person ? { person: part.person } : {}),
          ...decisionMaker,
        },
      });
    }
  }
  return [...waivers, { type: 'CloseCase', data: { closedOn, reason: 'waived-time-limit', ...decisionMaker } }];
}
