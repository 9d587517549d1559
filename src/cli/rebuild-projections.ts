import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../config/config';
import { ProjectionRunner } from '../projections/projection-runner';

/**
 * `npm run projections:rebuild [-- name ...]`: empties the read models and
 * replays the whole log into them. Stop the service first: it owns the read-model file while it runs.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, logLevel: 'warn' }), {
    logger: ['error', 'warn'],
  });
  const runner = app.get(ProjectionRunner);
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const known = runner.projections().map((p) => p.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown projection(s): ${unknown.join(', ')}. Known: ${known.join(', ')}\n`);
    await app.close();
    process.exit(2);
  }
  const bar = new SingleBar(
    {
      format: 'Rebuilding read models [{bar}] {percentage}% | position {value}/{total} | {eta_formatted} left',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
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
  bar.stop();
  const seconds = (Date.now() - began) / 1000;
  process.stdout.write(
    `Rebuilt ${(names.length > 0 ? names : known).join(', ') || 'no projections'} in ${seconds.toFixed(1)} s.\n`,
  );
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
