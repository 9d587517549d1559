import type { Principal } from '../../auth/principal';
import { Problem } from '../../common/problem';
import type { OpenCase } from '../domain/case-state';
import { mayIdentify } from '../domain/persons';

/** The problem a file of a protected person's case answers to those who may not see who they are. */
export const IDENTITY_PROTECTED_FILES = 'identity-protected-files';

/**
 * The files of a case whose persons' identity is protected (skyddade
 * personuppgifter) name them: a letter its addressee by name and
 * personnummer, a piece of evidence whatever it shows. Only those who may see
 * who they are (the case's investigator and the district's unit head:
 * `mayIdentify`) may make or read them; everyone else who may read the case
 * gets it with the identities withheld and is refused its files (403, audited
 * as a refused access). Nothing is decrypted for them.
 */
export function requireMayIdentify(c: OpenCase, principal: Principal | undefined): void {
  if (!mayIdentify(c, principal))
    throw new Problem(
      403,
      IDENTITY_PROTECTED_FILES,
      'Forbidden',
      "The case concerns a person with a protected identity: only the case's investigator and the unit head may make or read its files.",
    );
}
