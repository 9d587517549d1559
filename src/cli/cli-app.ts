import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../config/config';
import { ProjectionRunner } from '../projections/projection-runner';

/** The application without HTTP, on the configured stores, for command-line tools. */
export async function openCliApp(): Promise<INestApplicationContext> {
  const config = loadConfig();
  return NestFactory.createApplicationContext(AppModule.forRoot({ ...config, logLevel: 'warn' }), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
}

export function progressBar(label: string): SingleBar {
  return new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
}

/** Lets the read models catch up with the log, showing how far they have come. */
export async function catchUpWithProgress(app: INestApplicationContext): Promise<void> {
  const runner = app.get(ProjectionRunner);
  await runner.stop();
  const bar = progressBar('Updating read models');
  let started = false;
  await runner.catchUp((position, head) => {
    if (!started) {
      bar.start(head, position);
      started = true;
    }
    bar.update(position);
  });
  if (started) bar.stop();
}

export function fail(error: unknown): never {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
