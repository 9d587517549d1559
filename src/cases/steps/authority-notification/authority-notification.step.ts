import { localDate, object, oneOf, type Infer } from '../../../kernel/shape';
import { AUTHORITIES, NOTIFIED_BENEFITS } from '../../domain/catalogues';
import { checkDate, investigationOpened, whenOpen } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep } from '../../domain/step';
import { coded } from '../../domain/details';

/** A notification to another authority of a probably incorrect payment of theirs (lag 2008:206). */
const authorityNotifiedShape = object({
  sentOn: localDate,
  authority: oneOf(AUTHORITIES),
  concerning: oneOf(NOTIFIED_BENEFITS),
});

/** What a AuthorityNotified event holds. */
export type AuthorityNotifiedData = Infer<typeof authorityNotifiedShape>;

export const AuthorityNotified = caseEvent('AuthorityNotified', {
  shape: authorityNotifiedShape,
  label: 'Underrättelse till annan myndighet',
  on: (d) => d.sentOn,
  details: (d) => [
    coded('Myndighet', AUTHORITIES, d.authority),
    coded('Avser förmån', NOTIFIED_BENEFITS, d.concerning),
  ],
  evolve: (c, d) => ({ ...c, notificationsSent: [...c.notificationsSent, { ...d }] }),
  statistics: { reads: ['sentOn', 'authority'], facts: (d) => [['notification-sent', 0, d.authority]] },
});

export const authorityNotification = defineStep({
  id: 'authority-notification',
  command: 'NotifyAuthority',
  auditLabel: 'Underrättelse till annan myndighet',
  actors: 'case-handlers',
  http: {
    route: 'authority-notifications',
    summary: 'A notification to another authority of a probably incorrect payment of theirs (lag 2008:206).',
    title: 'Underrättelse till annan myndighet',
    submit: 'Registrera underrättelsen',
    request: {
      sentOn: dateField('Skickad'),
      authority: choiceField(AUTHORITIES, 'Myndighet'),
      concerning: choiceField(NOTIFIED_BENEFITS, 'Avser förmån', {
        doc: "The other authority's benefit the notification concerns.",
      }),
    },
    toCommand: (b) => ({ sentOn: b.sentOn, authority: b.authority, concerning: b.concerning }),
  },
  refusals: {},
  // The duty (lag 2008:206) arises from what the investigation finds.
  requires: whenOpen((c) =>
    investigationOpened(c, 'A notification to another authority follows from an opened investigation'),
  ),
  decide: (d, c, { today }) => {
    checkDate(c, 'sentOn', d.sentOn, today, [[c.assessment!.decidedOn, 'the pre-assessment']]);
    return [AuthorityNotified.of({ ...d })];
  },
});
