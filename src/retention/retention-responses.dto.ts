import type { RetentionCase, RetentionPlan } from './retention.service';

export class RetentionCaseDto implements RetentionCase {
  id!: string;
  caseNumber!: string;
  district!: string;
  status!: string;
  lastEntryOn!: string;
  /** RETENTION_YEARS after the last entry. */
  dueOn!: string;
  /** Culling must be complete by the end of the following calendar year. */
  completeBy!: string;
}

export class RetentionPlanDto implements RetentionPlan {
  today!: string;
  years!: number;
  researchMunicipality!: boolean;
  due!: RetentionCaseDto[];
  /** Due, but kept: the same person has a case that is not due yet. */
  waitingForOtherCases!: RetentionCaseDto[];
  exemptForResearch!: RetentionCaseDto[];
  /**
   * Inaktiva öppna ärenden: open cases with no entry for `years` years (dueOn is when that was
   * reached). Never culled by a run, since an open case may hold a claim still owed: the unit closes
   * the case or acts on it (12 kap. 1 § SoL 2001:453, 16 kap. 1 § SoL 2025:400).
   */
  inactiveOpen!: RetentionCaseDto[];
}

export class RetentionRunResultDto extends RetentionPlanDto {
  /** Cases culled by this run (0 on a dry run). */
  culled?: number;
  /** False when a fault stopped the run after it had culled something: run it again to finish (absent on a dry run). */
  complete?: boolean;
  /** What stopped an incomplete run, e.g. SQLITE_FULL. */
  interruptedBy?: string;
}
