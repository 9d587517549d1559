import { IsBoolean, IsOptional } from 'class-validator';

export class RetentionRunDto {
  /** List what is due without culling anything. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
