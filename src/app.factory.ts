import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { NestPinoLogger } from './common/logger';
import { ProblemFilter } from './common/problem.filter';
import { StorageStatus } from './common/storage-faults';
import { limitJsonDepth, requireUtf8 } from './common/body-guards';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { LOGGER } from './infrastructure/tokens';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from './session/session.constants';
import { sessionMiddleware } from './session/session.middleware';
import { SessionStore } from './session/session-store';
import { CALLBACK_PATH, DEV_PROVIDER_PATH } from './session/session.module';
import { devProviderRouter } from './session/dev-provider';
import { UnauthenticatedLimit } from './auth/unauthenticated-limit';
import { limitUnauthenticated } from './session/limit-unauthenticated';
import { webUi } from './session/web-ui';
import { DistrictRegister } from './districts/district-register';
import { Clock } from './infrastructure/clock';
import type { DestinationStream } from 'pino';
import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from './auth/auth.decorators';

/** One JSON line per request: the route pattern, never the URL (a query may hold a personnummer). */
function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      logger.info(
        {
          method: req.method,
          route: route ? `${req.baseUrl}${route}` : 'unmatched',
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          user: (req as AuthenticatedRequest).principal?.user,
        },
        'request',
      );
    });
    next();
  };
}

/** Builds the HTTP application; used by main.ts and by the end-to-end tests alike. */
export async function createApp(
  config: AppConfig,
  options: { clock?: Clock; logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options.clock, options.logDestination),
    {
      bufferLogs: true,
      bodyParser: false,
      // Start-up refusals (keys, audit chain) reach the caller, who names them and exits.
      abortOnError: false,
    },
  );
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger.child({ component: 'nest' })));
  // No upgrade-insecure-requests on a plain-http address (local use and tests): it would break every asset.
  const https = config.web.publicUrl.startsWith('https:');
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } } }));
  app.disable('x-powered-by');
  // Every API answer is for one signed-in person (personal data, tokens, the session's CSRF token) or
  // a refusal: no browser or proxy cache may keep it. The web interface's own files set their caching.
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // CORS stays off unless origins are configured.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: false });
  app.use(accessLog(logger.child({ component: 'access' })));
  // Before the body is read: a client address that sends requests proving no one is held to a limit.
  app.use(['/api', DEV_PROVIDER_PATH], limitUnauthenticated(app.get(UnauthenticatedLimit), app.get(SessionStore)));
  // A small body limit: case commands are small, and a large body is an attack or a mistake.
  app.useBodyParser('json', { limit: '100kb', verify: requireUtf8 });
  app.use(limitJsonDepth);
  // The web interface's session names the caller of API requests only, so only they answer for its CSRF token: the
  // embedded provider's sign-in form (a plain form post, Origin: null under no-referrer) is not the API's,
  // and refusing it made switching demo user while signed in fail with 403.
  app.use('/api', sessionMiddleware(app.get(SessionStore), new URL(config.web.publicUrl).origin));
  if (config.web.provider === 'embedded') {
    app.use(
      DEV_PROVIDER_PATH,
      devProviderRouter({
        issuer: `${config.web.publicUrl}${DEV_PROVIDER_PATH}`,
        redirectUri: `${config.web.publicUrl}${CALLBACK_PATH}`,
        register: app.get(DistrictRegister),
        now: () => app.get(Clock).now(),
      }),
    );
  }
  for (const handler of webUi()) app.use(handler);
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(logger.child({ component: 'http' }), app.get(StorageStatus)));
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

/** The OpenAPI document; the web client is generated from it (scripts/openapi.mjs). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('FUT case service')
    .setDescription(
      'Cases of incorrect payments of social assistance: lifecycle, queues, three-year limit and yearly statistics. ' +
        'Errors are problem+json with a stable `code`. API clients send a bearer token; the web interface signs in ' +
        'through the service and sends its session cookie with an X-CSRF-Token header on writes.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE })
    .build();
  return SwaggerModule.createDocument(app, config, {
    // casesGet, queuesList, ...: stable names for the generated client.
    operationIdFactory: (controller: string, method: string) => {
      const base = controller.replace(/Controller$/, '');
      return base.charAt(0).toLowerCase() + base.slice(1) + method.charAt(0).toUpperCase() + method.slice(1);
    },
  });
}
