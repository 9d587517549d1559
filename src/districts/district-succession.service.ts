import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { addDays, todayInStockholm } from '../calendar/local-date';
import { Clock } from '../infrastructure/clock';
import { LOGGER } from '../infrastructure/tokens';
import { DISTRICT_REGISTER_ACTOR, OpenCasesInDistrict, PassCaseToSuccessor } from './case-succession';
import { DistrictRegister } from './district-register';

export { DISTRICT_REGISTER_ACTOR };
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** After a sweep that failed (a failing disk, read models behind): the next try, well before the hourly one. */
const RETRY_AFTER_MS = 60 * 1000;

/**
 * On a merger, the ended district's open cases pass to its successor on the
 * merger date, as transfers the cases module records (so the history and the
 * statistics show them), asked through the bus (case-succession.ts). A case
 * that is written to passes on in that same write (the cases module's
 * decider does it); this sweep is the safety net for the cases nobody
 * touches. The service runs it at start, hourly, and after the register
 * changes: a merger may be recorded ahead of its date.
 */
@Injectable()
export class DistrictSuccession implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly register: DistrictRegister,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly http: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    // Only the service sweeps; a command-line tool (demo load, report, retention) must not move cases under its feet.
    if (!this.http.httpAdapter) return;
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
    setImmediate(() => void this.sweep());
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    clearTimeout(this.retry);
  }

  /**
   * Passes the open cases on and never fails: it follows a register change
   * that is already recorded, whose answer it must not turn into a failure.
   * A sweep that fails is logged and tried again within a minute.
   */
  async sweep(): Promise<void> {
    try {
      const moved = await this.passOpenCases();
      if (moved > 0) this.logger.info({ moved }, 'open cases passed to the successors of merged districts');
    } catch (error) {
      this.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'passing open cases on district mergers failed; trying again shortly',
      );
      if (!this.http.httpAdapter || this.retry) return;
      this.retry = setTimeout(() => {
        this.retry = undefined;
        void this.sweep();
      }, RETRY_AFTER_MS);
      this.retry.unref();
    }
  }

  /** Passes every open case of an ended district to its successor; answers how many moved. One sweep at a time. */
  passOpenCases(): Promise<number> {
    this.running ??= this.passAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async passAll(): Promise<number> {
    let moved = 0;
    // A successor may itself have ended: repeat until nothing moves.
    for (let round = 0; round < 10; round++) {
      const now = await this.passOnce();
      if (now === 0) break;
      moved += now;
    }
    return moved;
  }

  private async passOnce(): Promise<number> {
    const today = todayInStockholm(this.clock.now());
    const ended = this.register.districts.filter((d) => d.successor && d.validTo !== null && d.validTo < today);
    let moved = 0;
    for (const district of ended) {
      const successor = this.register.get(district.successor!)!;
      const open = await this.queries.execute(new OpenCasesInDistrict(district.code));
      for (const id of open) {
        try {
          await this.commands.execute(
            new PassCaseToSuccessor(
              id,
              { transferredOn: addDays(district.validTo!, 1), toDistrict: successor, merger: district },
              DISTRICT_REGISTER_ACTOR,
              randomUUID(),
            ),
          );
          moved++;
        } catch (error) {
          // One case that cannot pass (another instance moved it first, or it was closed meanwhile) must not hold up the rest.
          this.logger.warn({ caseId: id, err: error }, 'an open case could not pass to the successor district');
        }
      }
    }
    return moved;
  }
}
