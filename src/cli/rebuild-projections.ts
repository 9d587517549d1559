import 'reflect-metadata';
import { ProjectionRunner } from '../projections/projection-runner';
import { fail, openCliApp, progressBar } from './cli-app';

/**
 * `npm run projections:rebuild [-- name ...]`: empties the read models and
 * replays the whole log into them. Stop the service first: it owns the read-model file while it runs.
 */
async function main(): Promise<void> {
  const app = await openCliApp();
  const runner = app.get(ProjectionRunner);
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const known = runner.projections().map((p) => p.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    await app.close();
    fail(`Unknown projection(s): ${unknown.join(', ')}. Known: ${known.join(', ')}`);
  }
  const bar = progressBar('Rebuilding read models');
  let started = false;
  const began = Date.now();
  await runner.rebuild(
    (position, head) => {
      if (!started) {
        bar.start(head, position);
        started = true;
      }
      bar.update(position);
    },
    names.length > 0 ? names : undefined,
  );
  if (started) bar.stop();
  process.stdout.write(
    `Rebuilt ${(names.length > 0 ? names : known).join(', ')} in ${((Date.now() - began) / 1000).toFixed(1)} s.\n`,
  );
  await app.close();
}

main().catch(fail);
