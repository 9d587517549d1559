import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { IsKronor, IsLocalDate, IsPlainText, Optional } from '../common/validators';
import {
  DECISION_MAKER_CAPACITIES,
  DECISION_TYPES,
  THE_BOARD,
  type DecisionType,
  type Delegate,
  type DelegationPoint,
} from './delegation-register';

const DECISION_TYPE_CODES = Object.keys(DECISION_TYPES);
const DELEGATES = Object.keys(DECISION_MAKER_CAPACITIES).filter((c) => c !== THE_BOARD);
/** A point's number as delegation orders write them: "4.2.1", "A 12", "3:4". */
const POINT_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} .:-]{0,19}$/u;
const DISTRICT_CODE = /^[a-z0-9-]{1,64}$/;

/** One version of a point of the nämnd's delegation order. */
export class DelegationPointDto {
  /** The point's number in the order, e.g. 4.2.1. */
  number!: string;
  /** What it covers, as the order words it. */
  title!: string;
  @ApiProperty({ enum: DECISION_TYPE_CODES, isArray: true })
  decisionTypes!: DecisionType[];
  /** Who may decide under it. */
  @ApiProperty({ enum: DELEGATES, isArray: true })
  delegates!: Delegate[];
  /** The districts (nämnder) whose order holds it; null: every nämnd of the city. */
  @ApiProperty({ type: [String], nullable: true })
  districts!: string[] | null;
  /** The largest amount (kronor) a decision under it may concern; null: no limit. */
  @ApiProperty({ type: Number, nullable: true })
  maxAmount!: number | null;
  validFrom!: string;
  /** Its last day; null while in force. */
  validTo!: string | null;
}

export const pointDto = (p: DelegationPoint): DelegationPointDto => {
  const { maxAmountOre, ...rest } = p;
  return { ...rest, maxAmount: maxAmountOre === null ? null : maxAmountOre / 100 };
};

/**
 * A point adopted by the nämnd (or a new wording of one) from a date. The
 * request bodies live in this *.dto.ts file so the Swagger plugin describes
 * their fields.
 */
export class AdoptDelegationPointDto {
  /** The point's number in the order, e.g. 4.2.1. */
  @IsString()
  @Matches(POINT_NUMBER, { message: 'number must be a point number such as 4.2.1 (at most 20 characters)' })
  number!: string;

  /** What it covers, as the order words it. */
  @IsString()
  @Length(1, 300)
  @IsPlainText()
  title!: string;

  /** The case decisions it covers. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DECISION_TYPE_CODES.length)
  @IsIn(DECISION_TYPE_CODES, { each: true })
  @ApiProperty({ enum: DECISION_TYPE_CODES, isArray: true, example: ['repayment-claim'] })
  decisionTypes!: DecisionType[];

  /** Who may decide under it (not the nämnd itself, which needs no delegation). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DELEGATES.length)
  @IsIn(DELEGATES, { each: true })
  @ApiProperty({ enum: DELEGATES, isArray: true, example: ['unit-head'] })
  delegates!: Delegate[];

  /** The districts whose nämnd adopted it; left out: every nämnd of the city. */
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(DISTRICT_CODE, { each: true, message: 'each district must be a district code' })
  @ApiProperty({ type: [String], required: false, example: ['farsta'] })
  districts?: string[];

  /** The largest amount (kronor) a decision under it may concern; left out: no limit. */
  @Optional()
  @IsKronor()
  @ApiProperty({ type: Number, required: false, example: 50000 })
  maxAmount?: number;

  /** The first day it is in force (YYYY-MM-DD). */
  @IsLocalDate()
  validFrom!: string;
}

export class RevokeDelegationPointDto {
  /** The point's number. */
  @IsString()
  @Matches(POINT_NUMBER, { message: 'number must be a point number such as 4.2.1' })
  number!: string;

  /** The first day it no longer holds (YYYY-MM-DD). */
  @IsLocalDate()
  revokedOn!: string;
}
