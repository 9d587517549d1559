import { dirname, join } from 'node:path';
import { sqlitePath } from '../event-store/create-event-store';

/** The service's settings, read once from the environment and checked at start. */
export interface AppConfig {
  port: number;
  host: string;
  eventStoreUrl: string;
  /** Path of the SQLite file holding read models and their checkpoints. */
  readModelPath: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Milliseconds a query waits at most for projections to reach the last acknowledged write. */
  consistencyTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const eventStoreUrl = env.EVENT_STORE_URL ?? 'sqlite:./data/events.db';
  const isSqlite = eventStoreUrl.startsWith('sqlite:');
  const isEsdb = /^esdb(\+discover)?:\/\/.+/.test(eventStoreUrl);
  if (!isSqlite && !isEsdb) {
    problems.push(`EVENT_STORE_URL must be sqlite:<path> or esdb://host:port[,...][?options], got "${eventStoreUrl}"`);
  } else if (isSqlite && sqlitePath(eventStoreUrl).trim() === '') {
    problems.push('EVENT_STORE_URL sqlite: needs a file path, e.g. sqlite:./data/events.db');
  }

  let readModelPath = '';
  if (env.READ_MODEL_URL !== undefined) {
    if (!env.READ_MODEL_URL.startsWith('sqlite:') || sqlitePath(env.READ_MODEL_URL).trim() === '') {
      problems.push(`READ_MODEL_URL must be sqlite:<path>, got "${env.READ_MODEL_URL}"`);
    } else {
      readModelPath = sqlitePath(env.READ_MODEL_URL);
    }
  } else if (isSqlite) {
    // Beside the event store, so two instances with different stores never share read models.
    readModelPath = join(dirname(sqlitePath(eventStoreUrl)), 'read-models.db');
  } else {
    readModelPath = './data/read-models.db';
  }

  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const timeoutText = env.CONSISTENCY_TIMEOUT_MS ?? '5000';
  const consistencyTimeoutMs = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || consistencyTimeoutMs <= 0) {
    problems.push(`CONSISTENCY_TIMEOUT_MS must be a positive whole number of milliseconds, got "${timeoutText}"`);
  }

  const host = env.HOST ?? '127.0.0.1';

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, host, eventStoreUrl, readModelPath, logLevel, consistencyTimeoutMs };
}
