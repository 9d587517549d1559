import { ApiProperty } from '@nestjs/swagger';

export class DevTokenResultDto {
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
  /** Seconds. */
  expiresIn!: number;
}
