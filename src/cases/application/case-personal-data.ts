import type { PersonalData } from '../../personal-data/personal-data';
import { type CaseEvent, definitionOf, mapPersonalFields } from '../steps';

/** The data key an event names for its own personal fields (a second person's), if any. */
function ownDataKey(event: CaseEvent): string | undefined {
  return (definitionOf(event.type).dataKey as ((data: unknown) => string) | undefined)?.(event.data);
}

export const hasOwnDataKey = (event: CaseEvent): boolean => ownDataKey(event) !== undefined;

/**
 * A case event with its personal data (the personnummer, the name, free text:
 * every field its shape marks personal) encrypted under the person's data key,
 * before the event reaches the log: the case's key (`keyId`), or the key the
 * event names for a person of its own (a second person's). The personal-data
 * room knows keys; the steps' shapes know which fields are personal.
 */
export function protectCaseEvent(personalData: PersonalData, event: CaseEvent, keyId: string): CaseEvent {
  const key = ownDataKey(event) ?? keyId;
  return mapPersonalFields(event, (plain) => personalData.encrypt(key, plain)!);
}
