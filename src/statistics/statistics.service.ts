import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { DistrictRegister } from '../districts/district-register';
import { Consistency } from '../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { ProjectionRunner } from '../projections/projection-runner';
import { type AnnualStatistics, AnnualStatisticsQuery, type StatisticsRow } from './annual-statistics';

export interface TrendYear extends StatisticsRow {
  year: number;
}

/**
 * Annual statistics and trends. Answers are cached per (year, knownAt) until the
 * statistics projection moves past the position they were computed at.
 */
@Injectable()
export class StatisticsService {
  private prepared?: AnnualStatisticsQuery;
  private readonly cache = new Map<string, { checkpoint: string; value: AnnualStatistics }>();

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly districts: DistrictRegister,
    private readonly consistency: Consistency,
    private readonly runner: ProjectionRunner,
  ) {}

  /** Prepared on first use: the projection creates its tables when the module starts, after this constructor. */
  private get query(): AnnualStatisticsQuery {
    this.prepared ??= new AnnualStatisticsQuery(this.db, this.districts);
    return this.prepared;
  }

  async annual(year: number, knownAt: string | null): Promise<AnnualStatistics> {
    await this.consistency.readYourWrites();
    return this.annualNow(year, knownAt);
  }

  /** Without waiting for read-your-writes (the caller has made sure the projections are current). */
  annualNow(year: number, knownAt: string | null): AnnualStatistics {
    const checkpoint = `${this.runner.generation}:${this.runner.status().find((p) => p.name === 'statistics')?.checkpoint ?? 0}`;
    const key = `${year}|${knownAt ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && cached.checkpoint === checkpoint) return cached.value;
    const value = this.query.run(year, knownAt);
    if (this.cache.size > 200) this.cache.clear();
    this.cache.set(key, { checkpoint, value });
    return value;
  }

  async trend(from: number, to: number, knownAt: string | null = null): Promise<TrendYear[]> {
    await this.consistency.readYourWrites();
    const years: TrendYear[] = [];
    for (let year = from; year <= to; year++) years.push({ year, ...this.annualNow(year, knownAt).total });
    return years;
  }
}
