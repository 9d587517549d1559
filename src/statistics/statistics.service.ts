import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { DistrictRegister } from '../districts/district-register';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { type AnnualStatistics, AnnualStatisticsQuery, type StatisticsRow } from './annual-statistics';

export interface TrendYear extends StatisticsRow {
  year: number;
}

/**
 * Annual statistics and trends, read from the aggregates the statistics
 * projection maintains: each year reads O(districts) rows, so nothing is cached.
 */
@Injectable()
export class StatisticsService {
  private prepared?: AnnualStatisticsQuery;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly districts: DistrictRegister,
    private readonly consistency: Consistency,
  ) {}

  /** Prepared on first use: the projection creates its tables when the module starts, after this constructor. */
  private get query(): AnnualStatisticsQuery {
    this.prepared ??= new AnnualStatisticsQuery(this.db, this.districts);
    return this.prepared;
  }

  async annual(year: number, knownAt: string | null): Promise<AnnualStatistics> {
    await this.consistency.readYourWrites('statistics');
    return this.annualNow(year, knownAt);
  }

  /** Without waiting for read-your-writes (the caller has made sure the projections are current). */
  annualNow(year: number, knownAt: string | null): AnnualStatistics {
    return this.query.run(year, knownAt);
  }

  async trend(from: number, to: number, knownAt: string | null = null): Promise<TrendYear[]> {
    await this.consistency.readYourWrites('statistics');
    const years: TrendYear[] = [];
    for (let year = from; year <= to; year++) years.push({ year, ...this.annualNow(year, knownAt).total });
    return years;
  }
}
