import type { ProtectionBasis } from '../domain/persons';

/** The person's other open cases, as a registration shows them: those the caller may see. */
export interface OpenCasesOfPerson {
  find(
    personalNumberHash: string,
    districts: readonly string[] | undefined,
    /** Leaves out cases whose protected persons the caller may not identify (see `mayIdentify`). */
    identifiableBy?: { user: string; unitHeadOf: string[] },
  ): Promise<Array<{ id: string; caseNumber: string; district: string; status: string }>>;
  /** Why the person's identity is protected in a case of theirs (any district), or null when it is not. */
  protectionOf(personalNumberHash: string): Promise<ProtectionBasis | null>;
}
/** Provided by the case list (a read model); the application only names what it needs. */
export const OPEN_CASES_OF_PERSON = Symbol('OPEN_CASES_OF_PERSON');
