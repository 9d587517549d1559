import 'reflect-metadata';
import { type RetentionPlan, type RetentionRun, RetentionService } from '../retention/retention.service';
import { catchUpWithProgress, fail, openCliApp } from './cli-app';

/**
 * `npm run retention [-- --dry-run]`: lists the cases due for culling, or culls
 * them by shredding the persons' data keys. Stop the service first.
 */
async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const app = await openCliApp();
  await catchUpWithProgress(app);
  const retention = app.get(RetentionService);
  const plan: RetentionPlan & Partial<RetentionRun> = dryRun
    ? retention.planNow()
    : await retention.run('retention-job');
  const line = (c: {
    caseNumber: string;
    status: string;
    lastEntryOn: string;
    dueOn: string;
    completeBy: string;
  }): string =>
    `  ${c.caseNumber.padEnd(16)} ${c.status.padEnd(8)} last entry ${c.lastEntryOn}, due ${c.dueOn}, to be culled by ${c.completeBy}\n`;
  process.stdout.write(
    `Retention ${dryRun ? '(dry run) ' : ''}on ${plan.today}, ${plan.years} years after the last entry\n`,
  );
  if (plan.researchMunicipality)
    process.stdout.write('The municipality is in the research sample: nothing is culled.\n');
  process.stdout.write(`${dryRun ? 'Due' : 'Culled'}: ${plan.culled ?? plan.due.length}\n`);
  plan.due.forEach((c) => process.stdout.write(line(c)));
  process.stdout.write(`Kept, the person has a case not yet due: ${plan.waitingForOtherCases.length}\n`);
  process.stdout.write(
    `Kept for research (born on the configured days of the month): ${plan.exemptForResearch.length}\n`,
  );
  process.stdout.write(
    `Open cases with no entry for ${plan.years} years (inaktiva öppna ärenden, never culled; for the unit to close or act on): ${plan.inactiveOpen.length}\n`,
  );
  plan.inactiveOpen.forEach((c) => process.stdout.write(line(c)));
  if (plan.complete === false) {
    process.stdout.write(
      `Interrupted (${plan.interruptedBy ?? 'error'}) after ${plan.culled} of ${plan.due.length}: run it again to finish.\n`,
    );
    process.exitCode = 1;
  }
  if (!dryRun) await catchUpWithProgress(app);
  await app.close();
}

main().catch(fail);
