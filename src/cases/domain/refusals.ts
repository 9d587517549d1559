/**
 * Refusals many steps give, with the Swedish the screens, the import report
 * and every other reader show. A step's own refusals are declared in its folder.
 */
export const COMMON_REFUSALS = {
  'case-not-registered': 'Ärendet finns inte.',
  'case-exists': 'Ärendet finns redan.',
  'case-voided': 'Ärendet är makulerat.',
  'case-closed': 'Ärendet är avslutat. Återöppna det först.',
  'case-culled': 'Ärendets personuppgifter är gallrade; ärendet tar inte emot fler steg.',
  'date-in-future': 'Datumet får inte ligga i framtiden.',
  'date-before-received': 'Datumet ligger före det datum informationen kom in.',
  'date-before-step': 'Datumet ligger före ett steg som måste komma före (till exempel utredning före återkrav).',
  'district-not-valid': 'Stadsdelen fanns inte det datumet.',
  'not-investigating': 'Steget kräver att förhandsbedömningen inledde en utredning.',
  'no-claim': 'Det finns inget beslut om återkrav i ärendet.',
  'claim-required': 'Ärendet har flera återkrav: välj vilket steget gäller.',
  'unknown-claim': 'Återkravet finns inte i ärendet.',
  'amount-above-outstanding': 'Beloppet är högre än det som återstår av återkravet.',
  'invalid-request': 'Uppgiften är ofullständig eller motsägelsefull. Kontrollera de markerade fälten.',
} as const;

export type CommonRefusal = keyof typeof COMMON_REFUSALS;
