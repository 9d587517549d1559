/**
 * What a closing reason can need and the case lack: the codes a refused
 * closing sends as `missing` (422 closing-reason-not-met), each with what the
 * screens say of it, in Swedish ("Avslutsorsaken kräver: ...").
 */
export const CLOSING_NEEDS = {
  repayment: 'återbetalningar av det slag orsaken gäller, så att inget återstår att betala',
  waiver: 'ett beslut om eftergift som täcker det som återstår',
  'repayment-claim': 'ett beslut om återkrav',
  'no-repayment-claim': 'att inget återkrav är beslutat (ärendet har ett)',
  'police-report': 'en polisanmälan',
  'no-police-report': 'att ingen polisanmälan är gjord (ärendet har en)',
  'no-prosecution': 'att inget åtal är väckt (ett åtal är väckt)',
  'offence-time-barred': 'att alla gärningar i polisanmälan är preskriberade på avslutsdagen',
  'police-outcome':
    'ett besked för varje polisanmälan om att brottet inte kan styrkas (förundersökningen nedlagd, åtal väcks inte eller en friande dom)',
  'estate-claim': 'en fordran anmäld mot dödsboet och beskedet om den, en återbetalning eller ett beslut om eftergift',
  'estate-claim-outcome': 'beskedet från dödsboet om fordran',
  'repayment-or-waiver':
    'en återbetalning eller ett beslut om eftergift för det som återstår (återkravet står kvar oavsett utgången i brottmålet)',
  'compensation-judgment': 'en dom i ersättningsmålet',
  'investigation-result': 'ett utredningsresultat',
  'no-police-report-reason':
    'ett skäl till att ingen polisanmälan gjordes (utredningen fann uppsåt eller grov oaktsamhet, 6 § bidragsbrottslagen)',
  'internal-error-finding': 'en förhandsbedömning eller utredning som fann ett internt fel',
} as const;

export type ClosingNeed = keyof typeof CLOSING_NEEDS;
