import type { Refusal } from './step';

/**
 * Refusals many steps give, with the Swedish the screens, the import report
 * and every other reader show. A step's own refusals are declared in its folder.
 */
export const COMMON_REFUSALS = {
  'case-not-registered': ['conflict', 'Ärendet finns inte.'],
  'case-voided': ['conflict', 'Ärendet är makulerat.'],
  'case-closed': ['conflict', 'Ärendet är avslutat. Återöppna det först.'],
  'case-culled': ['conflict', 'Ärendets personuppgifter är gallrade; ärendet tar inte emot fler steg.'],
  'not-investigating': ['conflict', 'Steget kräver att förhandsbedömningen inledde en utredning.'],
  'no-claim': ['conflict', 'Det finns inget beslut om återkrav i ärendet.'],
  'date-in-future': ['rule', 'Datumet får inte ligga i framtiden.'],
  'date-before-received': ['rule', 'Datumet ligger före det datum informationen kom in.'],
  'date-before-step': [
    'rule',
    'Datumet ligger före ett steg som måste komma före (till exempel utredning före återkrav).',
  ],
  'district-not-valid': ['rule', 'Stadsdelen fanns inte det datumet.'],
  'claim-required': ['rule', 'Ärendet har flera återkrav: välj vilket steget gäller.'],
  'unknown-claim': ['rule', 'Återkravet finns inte i ärendet.'],
  'amount-above-outstanding': ['rule', 'Beloppet är högre än det som återstår av återkravet.'],
} as const satisfies Record<string, Refusal>;

export type CommonRefusal = keyof typeof COMMON_REFUSALS;
