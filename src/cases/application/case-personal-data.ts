import type { PersonalData } from '../../personal-data/personal-data';
import type { CaseEvent } from '../domain/case-events';

/**
 * Which fields of a case event are personal data: the personnummer, the name
 * and free text. They are encrypted under the person's data key before the
 * event reaches the log; the personal-data room knows keys, this file knows cases.
 */
export function protectCaseEvent(personalData: PersonalData, event: CaseEvent, keyId: string): CaseEvent {
  const enc = (v: string | null): string | null => personalData.encrypt(keyId, v);
  switch (event.type) {
    case 'CaseRegistered':
      return {
        type: event.type,
        data: {
          ...event.data,
          subject: {
            ...event.data.subject,
            personalIdentityNumber: enc(event.data.subject.personalIdentityNumber),
            name: enc(event.data.subject.name),
          },
          summary: enc(event.data.summary),
        },
      };
    case 'JournalEntryAdded':
      return { type: event.type, data: { ...event.data, text: enc(event.data.text)! } };
    case 'CaseReopened':
      return { type: event.type, data: { ...event.data, reason: enc(event.data.reason)! } };
    case 'CaseVoided':
      return { type: event.type, data: { ...event.data, note: enc(event.data.note) } };
    default:
      return event;
  }
}
