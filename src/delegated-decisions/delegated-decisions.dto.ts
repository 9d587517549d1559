import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsLocalDate } from '../common/validators';
import { DECISION_MAKER_CAPACITIES, DECISION_TYPES, type DecisionType } from '../delegation/delegation-register';

/** Which nämnd and which days: decisions taken (by their decision date) from `from` to `to`, both included. */
export class DelegatedDecisionsQueryDto {
  /** The district whose nämnd is told of the decisions. */
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'district must be a district code' })
  district!: string;

  /** First decision date (YYYY-MM-DD). */
  @IsLocalDate()
  from!: string;

  /** Last decision date (YYYY-MM-DD). */
  @IsLocalDate()
  to!: string;
}

/** One delegated decision, as the list to the nämnd names it. */
export class DelegatedDecisionDto {
  decidedOn!: string;
  caseId!: string;
  caseNumber!: string;
  @ApiProperty({ enum: Object.keys(DECISION_TYPES) })
  type!: DecisionType;
  /** The decision in Swedish, e.g. "Beslut om eftergift (avslag)". */
  label!: string;
  /** A waiver granted or refused; null for the other decisions. */
  @ApiProperty({ enum: ['granted', 'refused'], nullable: true, type: String })
  outcome!: 'granted' | 'refused' | null;
  /** The paragraph it rests on, e.g. "9 kap. 1 § SoL (2001:453)". */
  legalParagraph!: string;
  /** Kronor: claimed, waived, or applied for; null where the decision has no amount. */
  @ApiProperty({ type: Number, nullable: true })
  amount!: number | null;
  /** Null: not recorded (before decision-makers were asked, or by the import). */
  @ApiProperty({ type: String, nullable: true })
  decidedBy!: string | null;
  @ApiProperty({ enum: Object.keys(DECISION_MAKER_CAPACITIES), nullable: true, type: String })
  capacity!: string | null;
  @ApiProperty({ type: String, nullable: true })
  capacityLabel!: string | null;
  /** The point of the delegation order, with its wording on the decision's day. */
  @ApiProperty({ type: String, nullable: true })
  delegationPoint!: string | null;
  @ApiProperty({ type: String, nullable: true })
  delegationPointTitle!: string | null;
  /** Recorded by the import from a register, not by a person in the service. */
  imported!: boolean;
  recordedAt!: string;
  recordedBy!: string;
}

export class DelegatedDecisionsDto {
  district!: string;
  /** The district's name, as the nämnd's list is headed. */
  districtName!: string;
  from!: string;
  to!: string;
  decisions!: DelegatedDecisionDto[];
}
