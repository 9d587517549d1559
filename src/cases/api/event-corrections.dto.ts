import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { QueryInt } from '../../common/validators';
import { IsPlainText } from '../../common/validators';

/** A case stream: `case-` and the case's id, as /health and the problem answers name it. */
const CASE_STREAM = /^case-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class UnreadableEventQueryDto {
  /** The stream /health names for the event (`case-<id>`). */
  @IsString()
  @Matches(CASE_STREAM, { message: 'streamId must be a case stream, case-<id>' })
  streamId!: string;

  /** The event's position in the log, as /health names it. */
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  position!: number;
}

export class EventCorrectionDto {
  /** The stream /health names for the event (`case-<id>`). */
  @IsString()
  @Matches(CASE_STREAM, { message: 'streamId must be a case stream, case-<id>' })
  streamId!: string;

  /** The event's position in the log, as /health names it. */
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  position!: number;

  /**
   * The event's top-level fields to replace, as the event holds them (amounts
   * in öre: `amountOre`); the others stay as stored.
   * @example {"suspectedPayments":[{"paidOn":"2018-01-25","amountOre":450000}]}
   */
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  fields!: Record<string, unknown>;

  /** Why, for whoever reads the case's history later (e.g. the source the right values come from). */
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ multiline: true })
  reason!: string;
}

export class EventFieldProblemDto {
  /** The field as the API names it (`suspectedPayments[0].amount`). */
  field!: string;
  message!: string;
}

export class UnreadableEventDto {
  streamId!: string;
  position!: number;
  revision!: number;
  type!: string;
  /** Each field the readers stumble on, and why. */
  problems!: EventFieldProblemDto[];
  /** The event's data as stored, personal fields decrypted for the administrator. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
}

export class RecordedCorrectionDto {
  /** Where the correction itself is in the log. */
  correctionPosition!: number;
  streamId!: string;
  position!: number;
  type!: string;
  /** Read models that had applied the event as it was, now built again from the log. */
  rebuilding!: string[];
}
