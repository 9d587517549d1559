import type { PersonalData } from '../../personal-data/personal-data';
import { type CaseEvent, mapPersonalFields } from '../steps';

/**
 * A case event with its personal data (the personnummer, the name, free text:
 * every field its shape marks personal) encrypted under the person's data key,
 * before the event reaches the log. The personal-data room knows keys; the
 * steps' shapes know which fields are personal.
 */
export function protectCaseEvent(personalData: PersonalData, event: CaseEvent, keyId: string): CaseEvent {
  return mapPersonalFields(event, (plain) => personalData.encrypt(keyId, plain)!);
}
