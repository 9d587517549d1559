import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PassCaseToSuccessor } from '../../districts/case-succession';
import { CaseCommands } from './case-commands.service';

/** A merger passes a case on: a transfer like any other, decided on the case as it is now. */
@CommandHandler(PassCaseToSuccessor)
export class PassCaseToSuccessorHandler implements ICommandHandler<PassCaseToSuccessor, void> {
  constructor(private readonly commands: CaseCommands) {}

  async execute({ caseId, transfer, actor, correlationId }: PassCaseToSuccessor): Promise<void> {
    await this.commands.execute(caseId, { type: 'TransferCase', data: transfer }, { actor, correlationId });
  }
}
