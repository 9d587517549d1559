import { IsString, Matches } from 'class-validator';

export class StaffQueryDto {
  /** The district whose staff can be given its cases. */
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'district must be a district code from GET /api/districts' })
  district!: string;
}

export class StaffMemberDto {
  /** User id, as the identity provider names the person. */
  user!: string;
  role!: 'investigator' | 'unit-head';
}
