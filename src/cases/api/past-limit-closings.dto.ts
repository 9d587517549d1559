import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';
import { IsLocalDate, NestedList, Optional } from '../../common/validators';
import { DECISION_MAKER_CAPACITIES, type Capacity } from '../../delegation/delegation-register';

/** A case picked from the list, at the version the list showed. */
export class PickedCaseDto {
  @ApiProperty({ example: '3f2b1c9e-6a7d-4e8f-9b0a-1c2d3e4f5a6b' })
  @IsString()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'id must be a case id' })
  id!: string;

  /** The case version the list showed: a case changed since is refused (stale-version), never closed unseen. */
  @ApiProperty({ example: 7 })
  @IsInt()
  @Min(0)
  version!: number;
}

/** POST /api/deadlines/past-limit-closings: the claims wholly past their limits to close, as one request. */
export class PastLimitClosingDto {
  /** The day of the waivers and the closings (not before the cases' latest steps, not after today). */
  @ApiProperty({ example: '2019-01-15' })
  @IsLocalDate()
  closedOn!: string;

  /** The cases picked from the list of cases wholly past their limits, each once (at most 100). */
  @ApiProperty({ type: [PickedCaseDto], example: [{ id: '3f2b1c9e-6a7d-4e8f-9b0a-1c2d3e4f5a6b', version: 7 }] })
  @NestedList(() => PickedCaseDto, 100)
  @ArrayMinSize(1)
  cases!: PickedCaseDto[];

  /** Who decided the waivers (name or user id). Left out: the unit head who sends the request. */
  @ApiProperty({ required: false, example: 'chef.farsta' })
  @Optional()
  @IsString()
  @MaxLength(100)
  decidedBy?: string;

  /** The capacity they decided in. Left out: the sender's role (unit head: unit-head). */
  @ApiProperty({ required: false, enum: Object.keys(DECISION_MAKER_CAPACITIES), example: 'unit-head' })
  @Optional()
  @IsIn(Object.keys(DECISION_MAKER_CAPACITIES))
  decidedAs?: Capacity;

  /** The point of the delegation order the waivers are decided under. Left out: the one point that covers them. */
  @ApiProperty({ required: false, example: '4.2.1' })
  @Optional()
  @IsString()
  @MaxLength(20)
  delegationPoint?: string;
}

export class WaiverRecordedDto {
  claimId!: string;
  /** Kronor waived. */
  amount!: number;
  /** On a claim against two persons: whose part. */
  @ApiProperty({ required: false, enum: ['subject', 'second-person'] })
  person?: string;
}

export class CaseProblemDto {
  status!: number;
  /** The problem code, as the case alone would have been answered (e.g. stale-version, closing-reason-not-met, above-expired). */
  code!: string;
  detail?: string;
}

/** One case of the batch: closed (with its waivers and new version) or refused (with its problem). */
export class PastLimitClosingResultDto {
  id!: string;
  /** Null for a case the caller may not see (answered as unknown). */
  caseNumber!: string | null;
  @ApiProperty({ enum: ['closed', 'refused'] })
  outcome!: 'closed' | 'refused';
  /** Closed: the case version after the waivers and the closing. */
  version?: number;
  /** Closed: each waiver recorded. */
  @ApiProperty({ type: [WaiverRecordedDto], required: false })
  waivers?: WaiverRecordedDto[];
  /** Refused: the problem, with the fields its code has (e.g. currentVersion, missing, expiredAmount). */
  @ApiProperty({ type: CaseProblemDto, required: false })
  problem?: CaseProblemDto;
}

export class PastLimitClosingAnswerDto {
  closedOn!: string;
  /** Cases closed. */
  closed!: number;
  /** Cases refused: nothing of them was written. */
  refused!: number;
  /** One per case asked, in the order asked. */
  results!: PastLimitClosingResultDto[];
}
