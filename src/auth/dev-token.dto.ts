import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { ROLES, USER_ID, type Role } from './principal';

/**
 * What the development issuer signs. In a *.dto.ts file, so the Swagger plugin describes its
 * fields (scripts/openapi.mjs --check refuses a request body without them).
 */
export class DevTokenDto {
  /** The user id the token names (letters, digits, . _ @ -). */
  @IsString()
  @Matches(USER_ID, { message: 'user must be a user id (letters, digits, . _ @ -)' })
  user!: string;

  @IsIn(ROLES)
  role!: Role;

  /** District codes from the register; empty for department and admin. */
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  districts!: string[];
}

export class DevTokenResultDto {
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
  /** Seconds. */
  expiresIn!: number;
}
