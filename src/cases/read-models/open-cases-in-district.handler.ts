import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { OpenCasesInDistrict } from '../../districts/case-succession';
import { Consistency } from '../../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import { CaseListQueries } from './case-list.projection';

/** Answers a merger's question from the case list, once it holds every case recorded so far. */
@QueryHandler(OpenCasesInDistrict)
export class OpenCasesInDistrictHandler implements IQueryHandler<OpenCasesInDistrict, string[]> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly consistency: Consistency,
  ) {}

  async execute({ district }: OpenCasesInDistrict): Promise<string[]> {
    await this.consistency.readYourWrites('case-list');
    return new CaseListQueries(this.db).openCaseIds(district);
  }
}
