import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { USER_ID } from '../auth/principal';
import { QueryInt } from '../common/validators';

export class AuditQueryDto {
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'caseId must be a case id' })
  caseId?: string;

  @IsOptional()
  @IsString()
  @Matches(USER_ID, { message: 'user must be a user id' })
  user?: string;

  /** From this instant (ISO 8601), inclusive. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Up to this instant (ISO 8601), exclusive. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;
}
