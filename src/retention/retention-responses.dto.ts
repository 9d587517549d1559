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
}

export class RetentionRunResultDto extends RetentionPlanDto {
  /** Cases culled by this run (0 on a dry run). */
  culled?: number;
  /** False when a fault stopped the run after it had culled something: run it again to finish (absent on a dry run). */
  complete?: boolean;
  /** What stopped an incomplete run, e.g. SQLITE_FULL. */
  interruptedBy?: string;
}
