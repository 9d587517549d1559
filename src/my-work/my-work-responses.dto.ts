import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, GENDERS, SOURCES, type CaseStatus, type Gender, type Source } from '../cases/domain/catalogues';
import { REMINDER_KIND_LABELS, type ReminderKind } from '../cases/steps/reminder/automatic-reminders';

/** The answers of "my work": the caller's own open cases, and their reminders (bevakningar). */

const NEXT_DUE_KINDS = [...Object.keys(REMINDER_KIND_LABELS), 'three-year-limit'];

export class NextDueDto {
  /** The day it is due (YYYY-MM-DD). */
  on!: string;
  /** A reminder's kind, or three-year-limit: the next day the three-year limit takes money. */
  @ApiProperty({ enum: NEXT_DUE_KINDS })
  kind!: ReminderKind | 'three-year-limit';
  /** What is due, in Swedish: the investigator's own text, or the service's name for it. */
  label!: string;
  /** Due before today. */
  overdue!: boolean;
}

export class MyCaseDto {
  id!: string;
  caseNumber!: string;
  district!: string;
  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;
  receivedOn!: string;
  @ApiProperty({ enum: Object.keys(SOURCES) })
  source!: Source;
  @ApiProperty({ enum: GENDERS })
  gender!: Gender;
  investigator!: string | null;
  /** The version to send as If-Match. */
  version!: number;
  /** The business date the case entered its current state. */
  statusSince!: string;
  /** The next three-year deadline at which money would be lost. */
  nextDeadline!: string | null;
  /** Kronor lost at nextDeadline unless a suit is filed. */
  amountAtRisk!: number;
  /** What is due first: the earliest reminder that shows today, or the next three-year deadline; null: nothing. */
  @ApiProperty({ type: NextDueDto, nullable: true })
  nextDue!: NextDueDto | null;
}

export class MyCasesDto {
  /** Today, as the service counts it. */
  today!: string;
  /** The caller's open cases, what is due first first (the overdue first); those with nothing due last, the newest first. */
  items!: MyCaseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export class MyReminderDto {
  caseId!: string;
  caseNumber!: string;
  district!: string;
  /** The case's version, to send as If-Match when marking the reminder done or moving it. */
  caseVersion!: number;
  @ApiProperty({ enum: CASE_STATUSES })
  caseStatus!: CaseStatus;
  /** The investigator's own by number ('1'), the service's by kind and what it concerns ('communication-deadline:1'). */
  reminderId!: string;
  @ApiProperty({ enum: Object.keys(REMINDER_KIND_LABELS) })
  kind!: ReminderKind;
  /** The kind, in Swedish. */
  kindLabel!: string;
  dueOn!: string;
  /** Due before today. */
  overdue!: boolean;
  /** Days past due (0 when not overdue). */
  daysOverdue!: number;
  /** The investigator's text, or the service's own (Swedish). */
  text!: string;
  /** Kronor it concerns, if any. */
  amount!: number | null;
  /** The law (and paragraph) a service's reminder rests on; null for the investigator's own. */
  basis!: string | null;
}

export class MyRemindersDto {
  today!: string;
  /** The reminders that show today on the caller's cases, the earliest due first (the overdue first). */
  items!: MyReminderDto[];
  total!: number;
  /** How many of them (over all pages) are overdue. */
  overdue!: number;
  page!: number;
  pageSize!: number;
}
