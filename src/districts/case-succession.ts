import { Command, Query } from '@nestjs/cqrs';
import type { LocalDate } from '../calendar/local-date';
import type { District } from './district-register';

/*
 * What a merger asks of the cases module. The districts module sends these through the bus and
 * the cases module answers them, so districts know nothing of cases while cases may know districts.
 */

/** Who the case history names for a passing on a merger, whether the sweep or a step on the case made it. */
export const DISTRICT_REGISTER_ACTOR = 'district-register';

/** The ids of the open cases (neither closed nor voided) of a district, the earliest received first. */
export class OpenCasesInDistrict extends Query<string[]> {
  constructor(readonly district: string) {
    super();
  }
}

/** Passes one case of a merged district to its successor, recorded as a transfer on `transferredOn`. */
export class PassCaseToSuccessor extends Command<void> {
  constructor(
    readonly caseId: string,
    readonly transfer: { transferredOn: LocalDate; toDistrict: District; merger: District },
    /** Who the case history names for the passing. */
    readonly actor: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
