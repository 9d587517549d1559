import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../auth/principal';

export class SessionInfoDto {
  user!: string;
  @ApiProperty({ enum: ROLES })
  role!: Role;
  districts!: string[];
  /** Send as X-CSRF-Token on every POST. */
  csrfToken!: string;
  /** When the session ends unless used before (ISO 8601). */
  expiresAt!: string;
  idleMinutes!: number;
}
