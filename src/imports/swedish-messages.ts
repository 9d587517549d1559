/**
 * The decider's refusals in Swedish, for the import report the unit reads.
 * The code stays the decider's own, so the report and the API name the same rule.
 */
const MESSAGES: Record<string, string> = {
  'date-in-future': 'Datumet ligger i framtiden',
  'date-before-received': 'Datumet ligger före det datum informationen kom in',
  'date-before-step': 'Datumet ligger före ett steg som måste komma före (t.ex. utredning före återkrav)',
  'district-not-valid': 'Stadsdelsnämnden fanns inte det datum informationen kom in',
  'not-from-an-authority': 'En underrättande myndighet kräver källan Annan myndighet',
  'case-exists': 'Ärendet finns redan',
  'case-not-registered': 'Ärendet är inte registrerat',
  'case-voided': 'Ärendet är makulerat',
  'case-closed': 'Ärendet är redan avslutat',
  'case-culled': 'Ärendets personuppgifter är gallrade',
  'already-assessed': 'Förhandsbedömningen är redan gjord',
  'already-investigated': 'Utredningens resultat är redan registrerat',
  'not-investigating': 'Steget kräver att förhandsbedömningen inledde en utredning',
  'no-incorrect-payment': 'Återkrav kräver en utredning som fann en felaktig utbetalning',
  'amount-above-payments': 'Återkravet är större än de felaktiga utbetalningarna',
  'amount-above-outstanding': 'Beloppet är större än det som återstår av återkravet',
  'amount-above-sued': 'Det utdömda beloppet är större än det som yrkades',
  'above-expired': 'Eftergiften är större än det belopp som passerat treårsgränsen',
  'time-limit-not-passed': 'Treårsgränsen har inte passerats för alla utbetalningar',
  'granted-on-required':
    'Beviljandedatum krävs för utbetalningar från 2025-07-01 (avgör vilken socialtjänstlag som gäller)',
  'wrong-law': 'Lagrummet hör till en annan socialtjänstlag än den som gäller för utbetalningarna',
  'claim-exists': 'Alla utbetalningar är redan återkrävda',
  'no-claim': 'Steget kräver ett beslut om återkrav',
  'claim-required': 'Ärendet har flera återkrav',
  'unknown-claim': 'Återkravet finns inte',
  'not-able-to-pay': 'Ersättningstalan kräver en bedömning att personen har betalningsförmåga',
  'suit-decided': 'Ersättningstalan är redan beslutad',
  'no-suit': 'Ingen ersättningstalan är ingiven',
  'no-suit-decision': 'Ersättningstalan kräver ett beslut om ersättningstalan',
  'above-claimable': 'Ersättningstalan kan inte väckas för mer än det som ännu inte passerat treårsgränsen',
  'police-report-exists': 'Polisanmälan är redan gjord',
  'no-police-report': 'Ingen polisanmälan är gjord',
  'closing-reason-not-met': 'Avslutsorsaken stämmer inte med ärendets steg',
  'invalid-request': 'Uppgiften är ofullständig eller motsägelsefull',
  'conflicts-with-history': 'Ärendet finns redan med ett annat värde här; historiken skrivs aldrig om',
  'district-not-permitted': 'Ärendet hör till en stadsdelsnämnd du inte får importera till',
  'duplicate-key': 'Ärendenumret finns redan på en tidigare rad i filen',
  'storage-unavailable':
    'Tjänsten kunde inte skriva (t.ex. full disk). Importera filen igen när felet är åtgärdat: det som redan skrivits skrivs inte igen',
};

export function swedishMessage(code: string, fallback: string): string {
  return MESSAGES[code] ?? fallback;
}
