/**
 * What a person has typed into a case's step forms and not yet sent, by case
 * and step, so it outlives the form: the case page draws its forms anew for
 * each version of the case (after the person's own save of another step, or
 * after seeing another person's change), and a half-written note must not
 * go with the old version. Kept in the page's memory only, never in browser
 * storage (it may hold personal data); a sent form forgets its draft.
 */
const drafts = new Map<string, Record<string, unknown>>();

const keyOf = (caseId: string, step: string): string => `${caseId}/${step}`;

export function draftOf(caseId: string, step: string): Record<string, unknown> | undefined {
  return drafts.get(keyOf(caseId, step));
}

/** Keeps the fields the person changed (by their top-level name) with their values now. */
export function keepDraft(caseId: string, step: string, changed: Record<string, unknown>): void {
  drafts.set(keyOf(caseId, step), { ...drafts.get(keyOf(caseId, step)), ...changed });
}

export function forgetDraft(caseId: string, step: string): void {
  drafts.delete(keyOf(caseId, step));
}
