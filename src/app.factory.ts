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
import type { Clock } from './infrastructure/clock';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Builds the HTTP application; used by main.ts and by the end-to-end tests alike. */
export async function createApp(config: AppConfig, options: { clock?: Clock } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.clock), {
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
  const openApi = new DocumentBuilder()
    .setTitle('FUT case service')
    .setDescription(
      'Cases of incorrect payments of social assistance: lifecycle, queues, three-year limit and yearly statistics.',
    )
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}
