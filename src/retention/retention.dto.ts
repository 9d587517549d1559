import { IsBoolean } from 'class-validator';

export class RetentionRunDto {
  /**
   * `true` lists what is due and culls nothing; `false` culls it now, which cannot be undone.
   * Required: a run that shreds keys must be asked for explicitly, so a missing or null value is
   * refused (400) rather than taken as a real run.
   */
  @IsBoolean()
  dryRun!: boolean;
}
