import type { PersonalData } from '../../personal-data/personal-data';

/**
 * The person's name as a list shows it: to whoever may read the case (the
 * list holds only the reader's districts), decrypted for this answer alone.
 * A case where anyone's identity is protected shows no name in any list, not
 * even to those who may see it in the case itself: a list is read at a
 * glance, often on a shared screen, and the case page says who may see it.
 * A key missing shows no name rather than failing the whole list.
 */
export function nameInList(
  personalData: PersonalData,
  stored: string | null,
  identityProtected: number | boolean,
): { personName: string | null; identityProtected: boolean } {
  if (identityProtected) return { personName: null, identityProtected: true };
  return { personName: personalData.revealOrNull(stored), identityProtected: false };
}
