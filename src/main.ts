import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { LOGGER } from './infrastructure/tokens';
import type { Logger } from 'pino';
import { authenticationOf } from './health/health.controller';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let app;
  try {
    app = await createApp(config);
    await app.listen(config.port, config.host);
  } catch (error) {
    // A refusal to start says what is wrong in one line; no stack, no personal data.
    process.stderr.write(`The service did not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const logger = app.get<Logger>(LOGGER);
  const store = config.eventStoreUrl.startsWith('sqlite:') ? config.eventStoreUrl : 'eventstoredb';
  logger.info(
    { url: `http://${config.host}:${config.port}`, eventStore: store, readModels: config.readModelPath },
    'FUT case service listening',
  );
  if (config.auth.mode === 'dev') {
    logger.warn(
      { authMode: 'dev', chosenBy: config.auth.reason },
      `${authenticationOf(config).warning} Set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL for a deployment.`,
    );
  }
}

void main();
