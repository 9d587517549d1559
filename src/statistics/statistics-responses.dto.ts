import { ApiProperty } from '@nestjs/swagger';
import {
  AUTHORITIES,
  CAUSES,
  CLOSE_REASONS,
  ERROR_TYPES,
  NO_INVESTIGATION_REASONS,
  SOURCES,
} from '../cases/domain/catalogues';
import type { AnnualStatistics, DistrictRow, GenderSplit, StatisticsRow } from './annual-statistics';

/** Response bodies of the statistics endpoints, checked against the service's types. Amounts in kronor. */
const counts = (keys: string[]) => ({
  type: 'object' as const,
  properties: Object.fromEntries(keys.map((k) => [k, { type: 'number' as const }])),
  required: keys,
  additionalProperties: false,
});

export class GenderSplitDto implements GenderSplit {
  woman!: number;
  man!: number;
  unknown!: number;
  total!: number;
}

export class StatisticsRowDto implements StatisticsRow {
  received!: number;
  queueAtYearEnd!: number;
  investigationsOpened!: number;
  claims!: GenderSplitDto;
  claimedAmount!: number;
  policeReports!: GenderSplitDto;
  /** Decisions to bring ersättningstalan (what the report counts). */
  compensationSuits!: number;
  /** Suits filed at the administrative court. */
  compensationSuitsFiled!: number;
  /** Notifications sent to other authorities (lag 2008:206), by authority. */
  @ApiProperty(counts(Object.keys(AUTHORITIES)))
  notificationsSent!: StatisticsRow['notificationsSent'];
  /** Incoming information passed on by other authorities, by authority. */
  @ApiProperty(counts(Object.keys(AUTHORITIES)))
  notificationsReceived!: StatisticsRow['notificationsReceived'];
  repaidAmount!: number;
  savedAmount!: number;
  closed!: number;
  @ApiProperty(counts(Object.keys(CLOSE_REASONS)))
  closeReasons!: StatisticsRow['closeReasons'];
  @ApiProperty(counts([...Object.keys(CAUSES), 'unknown']))
  causes!: StatisticsRow['causes'];
  /** Incoming information by its source. */
  @ApiProperty(counts(Object.keys(SOURCES)))
  sources!: StatisticsRow['sources'];
  /** Pre-assessments that opened no investigation, by reason. */
  @ApiProperty(counts([...NO_INVESTIGATION_REASONS]))
  noInvestigationReasons!: StatisticsRow['noInvestigationReasons'];
  /** Results that found an incorrect payment, by FUT-delegationen's error type. */
  @ApiProperty(counts([...Object.keys(ERROR_TYPES), 'unclassified']))
  errorTypes!: StatisticsRow['errorTypes'];
  ongoingClaimsAtYearEnd!: number;
  ongoingRepaymentsAtYearEnd!: number;
  ongoingInvestigationsAtYearEnd!: number;
  followUpAtYearEnd!: number;
}

export class DistrictStatisticsRowDto extends StatisticsRowDto implements DistrictRow {
  district!: string;
  name!: string;
}

/** The approved version (fastställd) whose figures an answer shows. */
export class ApprovedVersionDto {
  version!: number;
  knownAt!: string;
  approvedOn!: string;
  approvedBy!: string;
  fingerprint!: string;
}

export class AnnualStatisticsDto implements AnnualStatistics {
  year!: number;
  knownAt!: string | null;
  districts!: DistrictStatisticsRowDto[];
  total!: StatisticsRowDto;
  /** Present when the figures are the year's approved version (asked for without knownAt or current). */
  approved?: ApprovedVersionDto;
}

export class TrendYearDto extends StatisticsRowDto {
  year!: number;
}

export class TrendDto {
  from!: number;
  to!: number;
  knownAt!: string | null;
  /** The district whose series this is; null for the city's totals. */
  district!: string | null;
  years!: TrendYearDto[];
}
