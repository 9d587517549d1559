import { Optional } from '../common/validators';
import { IsBoolean } from 'class-validator';

export class RetentionRunDto {
  /** List what is due without culling anything. */
  @Optional()
  @IsBoolean()
  dryRun?: boolean;
}
