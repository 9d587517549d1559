import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { NestPinoLogger } from './common/logger';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { LOGGER } from './infrastructure/tokens';

/** Builds the HTTP application; used by main.ts and by the end-to-end tests alike. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger.child({ component: 'nest' })));
  // A small body limit: case commands are small, and a large body is an attack or a mistake.
  app.useBodyParser('json', { limit: '100kb' });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(logger.child({ component: 'http' })));
  app.enableShutdownHooks();
  return app;
}
