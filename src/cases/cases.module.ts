import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionRunner } from '../projections/projection-runner';
import type { EventUpcasters } from '../event-store/upcasting';
import { UPCASTERS } from '../infrastructure/tokens';
import { CASE_EVENT_UPCASTERS } from './steps';
import { CaseCommands } from './application/case-commands.service';
import { CaseNumbers } from './application/case-numbers';
import { IdempotencyKeys } from './application/idempotency';
import { CASE_COMMAND_HANDLERS, OPEN_CASES_OF_PERSON } from './application/case-command-handlers';
import { CASE_QUERY_HANDLERS } from './queries/case-queries';
import { OpenCasesOfPersonFromList } from './read-models/open-cases-of-person';
import { CasesController } from './api/cases.controller';
import { CaseStepsController } from './api/case-steps.controller';
import { EventCorrectionsController } from './api/event-corrections.controller';
import { EventCorrections } from './application/event-corrections.service';
import { CaseListProjection } from './read-models/case-list.projection';
import { PersonalData } from '../personal-data/personal-data';
import { OpenCasesInDistrictHandler } from './read-models/open-cases-in-district.handler';
import { PassCaseToSuccessorHandler } from './application/pass-case-to-successor.handler';
import { REMINDER_SETTINGS, reminderSettingsProvider } from './application/reminder-settings';
import type { ReminderSettings } from './steps/reminder/automatic-reminders';
import { ClosePastLimitClaimsHandler } from './application/close-past-limit.handler';
import { PastLimitClosingsController } from './api/past-limit-closings.controller';

@Module({
  imports: [CqrsModule],
  controllers: [CasesController, CaseStepsController, EventCorrectionsController, PastLimitClosingsController],
  providers: [
    CaseCommands,
    CaseNumbers,
    IdempotencyKeys,
    ...CASE_COMMAND_HANDLERS,
    ...CASE_QUERY_HANDLERS,
    { provide: OPEN_CASES_OF_PERSON, useClass: OpenCasesOfPersonFromList },
    // What a district merger asks of cases (src/districts/case-succession.ts).
    OpenCasesInDistrictHandler,
    PassCaseToSuccessorHandler,
    EventCorrections,
    reminderSettingsProvider,
    ClosePastLimitClaimsHandler,
  ],
  exports: [CaseCommands, REMINDER_SETTINGS],
})
export class CasesModule implements OnModuleInit {
  constructor(
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    private readonly personalData: PersonalData,
    @Inject(UPCASTERS) upcasters: EventUpcasters,
    @Inject(REMINDER_SETTINGS) private readonly reminderSettings: ReminderSettings,
  ) {
    // Before anything reads a case stream: old event shapes are brought up to date on read.
    for (const u of CASE_EVENT_UPCASTERS) upcasters.register(u.type, u.fromVersion, u.upcast);
  }

  onModuleInit(): void {
    this.runner.register(
      new CaseListProjection((stored) => {
        // A missing key leaves the case out of the personnummer index, never stops the list.
        const pin = this.personalData.revealOrNull(stored);
        return pin ? this.personalData.hashOf(pin) : null;
      }, this.reminderSettings),
    );
  }
}
