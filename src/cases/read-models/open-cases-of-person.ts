import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Consistency } from '../../infrastructure/consistency.service';
import { READ_MODEL_DB } from '../../infrastructure/tokens';
import type { OpenCasesOfPerson } from '../application/case-command-handlers';
import { CaseListQueries } from './case-list.projection';
import type { OpenCase } from '../domain/case-state';
import type { ProtectionBasis } from '../domain/persons';

/** A person's open cases, from the case list by the keyed hash of their personnummer. */
@Injectable()
export class OpenCasesOfPersonFromList implements OpenCasesOfPerson {
  constructor(
    private readonly consistency: Consistency,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
  ) {}

  async find(
    personalNumberHash: string,
    districts: readonly string[] | undefined,
    identifiableBy?: { user: string; unitHeadOf: string[] },
  ): Promise<Array<{ id: string; caseNumber: string; district: string; status: string }>> {
    await this.consistency.readYourWrites('case-list');
    return new CaseListQueries(this.db).summaries(
      {
        personalNumberHash,
        excludeStatuses: ['closed', 'voided'],
        districts: districts ? [...districts] : undefined,
        ...(identifiableBy ? { identifiableBy } : {}),
      },
      1,
      100,
    );
  }

  async protectionOf(personalNumberHash: string): Promise<ProtectionBasis | null> {
    await this.consistency.readYourWrites('case-list');
    const row = this.db
      .prepare<[string, string], { state: string }>(
        `SELECT state FROM case_list WHERE (pin_hash = ? OR second_pin_hash = ?) AND identity_protected = 1
         ORDER BY received_on DESC LIMIT 1`,
      )
      .get(personalNumberHash, personalNumberHash);
    return row ? ((JSON.parse(row.state) as OpenCase).identityProtections[0]?.basis ?? null) : null;
  }
}
