import { Module } from '@nestjs/common';
import { MissedInstalmentsController } from './missed-instalments.controller';
import { MissedInstalmentsService } from './missed-instalments.service';

/** Missed instalments of repayment plans, for unit heads (the read model is kept beside the case list). */
@Module({ controllers: [MissedInstalmentsController], providers: [MissedInstalmentsService] })
export class InstalmentsModule {}
