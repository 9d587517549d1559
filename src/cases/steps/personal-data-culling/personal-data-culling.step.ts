import { localDate, object, type Infer } from '../../../kernel/shape';
import { caseEvent } from '../../domain/step';

/**
 * Retention (gallring, 12 kap. 1-2 §§ SoL 2001:453, 16 kap. SoL 2025:400): the
 * person's data key was shredded. Business dates, district, gender and amounts
 * remain for the statistics; the case accepts nothing more; its files
 * (attachments) are removed from the file store by the same run. Recorded by the
 * retention run, never a step of its own.
 */
const personalDataCulledShape = object({ culledOn: localDate });

/** What a PersonalDataCulled event holds. */
export type PersonalDataCulledData = Infer<typeof personalDataCulledShape>;

export const PersonalDataCulled = caseEvent('PersonalDataCulled', {
  shape: personalDataCulledShape,
  label: 'Personuppgifter gallrade',
  on: (d) => d.culledOn,
  details: () => [],
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, culledOn: d.culledOn }),
  statistics: { reads: ['culledOn'], facts: () => [] },
});
