import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sqlitePath } from '../event-store/create-event-store';
import { type ImportLimits, importLimitsFrom } from '../imports/import-limits';
import { DEFAULT_SQLITE_CACHE_MB } from '../common/sqlite';

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
  /** Directory for the service's own files (keys, audit log, development issuer key). */
  dataDir: string;
  auth: AuthConfig;
  /** Sign-in of the web interface (see the block at the end of this file). */
  web: WebSignInConfig;
  /** Base64 of 32 bytes that wraps the per-person data keys; null: generated into dataDir (development only). */
  masterKey: Buffer | null;
  retention: RetentionConfig;
  /** Origins allowed by CORS; empty: CORS off. */
  corsOrigins: string[];
  /** Writes (POST) one user may make per minute. */
  writesPerMinute: number;
  /** Reads (GET, HEAD) one user may make per minute. */
  readsPerMinute: number;
  /** Requests without a valid session or token one client address may make per minute. */
  unauthenticatedPerMinute: number;
  /** The municipality's own register of districts (JSON, the shape of districts.json); null: Stockholm's. */
  districtRegisterFile: string | null;
  /** What a register import may read (IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELLS, IMPORT_MAX_UNPACKED_MB, IMPORT_PARSE_SECONDS). */
  imports: ImportLimits;
  /** Page cache of each SQLite connection in MiB (SQLITE_CACHE_MB): the service holds at most four of them. */
  sqliteCacheMb: number;
  /** What the service's own reminders (bevakningar) are set by. */
  reminders: {
    /** Months a police report may wait for any outcome before the investigator is reminded (REMINDER_POLICE_OUTCOME_MONTHS). */
    policeOutcomeMonths: number;
  };
}

export type AuthConfig =
  | {
      mode: 'dev';
      /** Why development mode runs: chosen with AUTH_MODE=dev, or the default of an unconfigured local start. */
      reason: 'AUTH_MODE=dev' | 'default';
    }
  | {
      mode: 'oidc';
      issuer: string;
      audience: string;
      jwksUrl: string;
      userClaim: string;
      roleClaim: string;
      districtsClaim: string;
    };

export interface RetentionConfig {
  /** Years after the last entry before a person's file is culled (16 kap. 1 § SoL). 0: closed cases are due at once. */
  years: number;
  /** The municipality is in the research sample: nothing is culled. */
  researchMunicipality: boolean;
  /** Persons born on these days of the month are kept for research. */
  researchBirthDays: number[];
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
  const dataDir =
    env.DATA_DIR ?? (isSqlite ? dirname(sqlitePath(eventStoreUrl)) : dirname(readModelPath || './data/x'));

  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(host);
  const { auth, problems: authProblems } = chooseAuth(env, loopback);
  problems.push(...authProblems);
  const authMode = auth.mode;

  let masterKey: Buffer | null = null;
  if (env.MASTER_KEY !== undefined && env.MASTER_KEY_FILE !== undefined) {
    problems.push('set MASTER_KEY or MASTER_KEY_FILE, not both');
  } else if (env.MASTER_KEY !== undefined || env.MASTER_KEY_FILE !== undefined) {
    let text = env.MASTER_KEY;
    if (env.MASTER_KEY_FILE !== undefined) {
      try {
        text = readFileSync(env.MASTER_KEY_FILE, 'utf8').trim();
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'unreadable';
        problems.push(`MASTER_KEY_FILE ${env.MASTER_KEY_FILE} cannot be read (${code})`);
      }
    }
    if (text !== undefined) {
      masterKey = Buffer.from(text, 'base64');
      if (masterKey.length !== 32)
        problems.push(
          `${env.MASTER_KEY_FILE !== undefined ? 'MASTER_KEY_FILE' : 'MASTER_KEY'} must hold 32 bytes in base64 (e.g. openssl rand -base64 32)`,
        );
    }
  } else if (authMode === 'oidc') {
    problems.push(
      'MASTER_KEY or MASTER_KEY_FILE is required outside development (OIDC mode): it wraps the per-person data keys',
    );
  }

  const years = Number(env.RETENTION_YEARS ?? '5');
  if (!/^\d+$/.test(env.RETENTION_YEARS ?? '5') || years > 100)
    problems.push(`RETENTION_YEARS must be a whole number of years, got "${env.RETENTION_YEARS}"`);
  const researchText = env.RETENTION_RESEARCH_MUNICIPALITY ?? 'false';
  if (!['true', 'false'].includes(researchText))
    problems.push(`RETENTION_RESEARCH_MUNICIPALITY must be true or false, got "${researchText}"`);
  const daysText = env.RETENTION_RESEARCH_BIRTH_DAYS ?? '5,15,25';
  const researchBirthDays = daysText.trim() === '' ? [] : daysText.split(',').map((d) => Number(d.trim()));
  if (researchBirthDays.some((d) => !Number.isInteger(d) || d < 1 || d > 31)) {
    problems.push(`RETENTION_RESEARCH_BIRTH_DAYS must be days of the month separated by commas, got "${daysText}"`);
  }

  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (corsOrigins.some((o) => !/^https?:\/\/[^/]+$/.test(o)))
    problems.push(`CORS_ORIGINS must be origins like https://fut.example.se, got "${env.CORS_ORIGINS}"`);

  const writesPerMinute = positiveInt(env, 'WRITES_PER_MINUTE', '120', problems);
  const readsPerMinute = positiveInt(env, 'READS_PER_MINUTE', '600', problems);
  const unauthenticatedPerMinute = positiveInt(env, 'UNAUTHENTICATED_PER_MINUTE', '300', problems);
  const sqliteCacheMb = positiveInt(env, 'SQLITE_CACHE_MB', String(DEFAULT_SQLITE_CACHE_MB), problems);
  if (sqliteCacheMb > 1024) problems.push(`SQLITE_CACHE_MB must be at most 1024, got "${env.SQLITE_CACHE_MB}"`);

  const policeOutcomeMonths = positiveInt(env, 'REMINDER_POLICE_OUTCOME_MONTHS', '6', problems);
  if (policeOutcomeMonths > 60)
    problems.push(`REMINDER_POLICE_OUTCOME_MONTHS must be at most 60, got "${env.REMINDER_POLICE_OUTCOME_MONTHS}"`);

  const web = loadWebSignIn(env, { host, port, auth }, problems);
  const imports = importLimitsFrom(env, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    eventStoreUrl,
    readModelPath,
    logLevel,
    consistencyTimeoutMs,
    dataDir,
    auth,
    masterKey,
    retention: { years, researchMunicipality: researchText === 'true', researchBirthDays },
    corsOrigins,
    writesPerMinute,
    readsPerMinute,
    unauthenticatedPerMinute,
    districtRegisterFile: env.DISTRICT_REGISTER_FILE || null,
    sqliteCacheMb,
    reminders: { policeOutcomeMonths },
    web,
    imports,
  };
}

/**
 * The NODE_ENV values under which development mode may run: unset (a plain local `npm start`),
 * development, and test (Jest sets it). Anything else (production, Production, prod, staging, a typo)
 * may be a deployment, so it fails closed rather than guessing.
 */
const DEVELOPMENT_NODE_ENVS: ReadonlyArray<string | undefined> = [undefined, '', 'development', 'test'];

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const;
const OIDC_OPTIONAL = ['OIDC_USER_CLAIM', 'OIDC_ROLE_CLAIM', 'OIDC_DISTRICTS_CLAIM'] as const;

/**
 * How callers prove who they are. Fails closed: development mode (a local
 * issuer that signs any role) runs only when chosen, or when nothing about
 * authentication is configured on a loopback address outside production;
 * any OIDC setting means OIDC, and a partial OIDC configuration refuses to start.
 */
export function chooseAuth(env: NodeJS.ProcessEnv, loopback: boolean): { auth: AuthConfig; problems: string[] } {
  const problems: string[] = [];
  const oidcSet = [...OIDC_REQUIRED, ...OIDC_OPTIONAL].filter((k) => env[k] !== undefined && env[k] !== '');
  const production = !DEVELOPMENT_NODE_ENVS.includes(env.NODE_ENV);
  let mode = env.AUTH_MODE;
  if (mode === undefined || mode === '') {
    if (oidcSet.length > 0) mode = 'oidc';
    else if (!production && loopback) mode = 'default-dev';
    else {
      const why = production ? `NODE_ENV=${env.NODE_ENV}` : `HOST=${env.HOST ?? ''} is not a loopback address`;
      problems.push(
        `no authentication is configured (${why}): set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL for the city's identity provider; development mode (AUTH_MODE=dev) is only for a loopback address with NODE_ENV unset, development or test`,
      );
      return { auth: { mode: 'dev', reason: 'default' }, problems };
    }
  }
  if (mode === 'dev' || mode === 'default-dev') {
    const refuse: string[] = [];
    if (production) refuse.push(`NODE_ENV=${env.NODE_ENV}`);
    if (!loopback) refuse.push(`HOST=${env.HOST ?? ''} (not a loopback address)`);
    if (refuse.length > 0) {
      problems.push(
        `development mode (AUTH_MODE=dev) hands out tokens for any role and may not run with ${refuse.join(' and ')}: use OIDC (OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL); development mode needs a loopback HOST and NODE_ENV unset, development or test`,
      );
    }
    if (mode === 'dev' && oidcSet.length > 0) {
      problems.push(`AUTH_MODE=dev contradicts the OIDC settings ${oidcSet.join(', ')}: remove one or the other`);
    }
    return { auth: { mode: 'dev', reason: mode === 'dev' ? 'AUTH_MODE=dev' : 'default' }, problems };
  }
  if (mode !== 'oidc') {
    problems.push(`AUTH_MODE must be dev or oidc, got "${mode}"`);
    return { auth: { mode: 'dev', reason: 'default' }, problems };
  }
  const missing = OIDC_REQUIRED.filter((k) => !env[k]);
  if (missing.length > 0) {
    problems.push(`OIDC authentication needs ${missing.join(', ')} (set: ${oidcSet.join(', ') || 'none'})`);
  } else if (!/^https?:\/\//.test(env.OIDC_JWKS_URL!)) {
    problems.push(`OIDC_JWKS_URL must be an http(s) URL, got "${env.OIDC_JWKS_URL}"`);
  }
  return {
    auth: {
      mode: 'oidc',
      issuer: env.OIDC_ISSUER ?? '',
      audience: env.OIDC_AUDIENCE ?? '',
      jwksUrl: env.OIDC_JWKS_URL ?? '',
      userClaim: env.OIDC_USER_CLAIM || 'sub',
      roleClaim: env.OIDC_ROLE_CLAIM || 'role',
      districtsClaim: env.OIDC_DISTRICTS_CLAIM || 'districts',
    },
    problems,
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: string, problems: string[]): number {
  const text = env[name] ?? fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) problems.push(`${name} must be a positive whole number, got "${text}"`);
  return value;
}

// ---------------------------------------------------------------------------
// Web interface sign-in (backend for frontend, src/session). Kept apart from
// the bearer-token settings above: it adds a confidential OIDC client and a
// server-side session, and changes nothing about how API tokens are checked.
// ---------------------------------------------------------------------------

export interface WebSignInConfig {
  /** The address browsers use, e.g. https://fut.example.se; the OIDC redirect URI is built from it. */
  publicUrl: string;
  /** Minutes without a request after which a session ends (SESSION_IDLE_MINUTES). */
  idleMinutes: number;
  /**
   * embedded: the development provider (oidc-provider) mounted at /dev-idp with demo users;
   * oidc: the city's provider (OIDC_ISSUER) with OIDC_CLIENT_ID/OIDC_CLIENT_SECRET;
   * off: OIDC without a web client, so only bearer tokens work.
   */
  provider: 'embedded' | 'oidc' | 'off';
  clientId: string;
  clientSecret: string | null;
  /** OIDC scopes asked for at sign-in (OIDC_SCOPES). */
  scopes: string;
}

function loadWebSignIn(
  env: NodeJS.ProcessEnv,
  server: { host: string; port: number; auth: AuthConfig },
  problems: string[],
): WebSignInConfig {
  const hostForUrl = server.host.includes(':') ? `[${server.host}]` : server.host;
  const publicUrl = (env.PUBLIC_URL ?? `http://${hostForUrl}:${server.port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+(\/.*)?$/.test(publicUrl))
    problems.push(`PUBLIC_URL must be an http(s) URL such as https://fut.example.se, got "${env.PUBLIC_URL}"`);
  const idleText = env.SESSION_IDLE_MINUTES ?? '30';
  const idleMinutes = Number(idleText);
  if (!/^\d+$/.test(idleText) || idleMinutes < 1 || idleMinutes > 24 * 60)
    problems.push(`SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440, got "${idleText}"`);
  const clientId = env.OIDC_CLIENT_ID ?? '';
  const scopes = env.OIDC_SCOPES ?? 'openid';
  if (server.auth.mode === 'dev') {
    if (clientId !== '')
      problems.push('OIDC_CLIENT_ID is an OIDC setting: development mode uses its embedded provider');
    return {
      publicUrl,
      idleMinutes,
      provider: 'embedded',
      clientId: 'fut-web',
      clientSecret: null,
      scopes: 'openid fut',
    };
  }
  return {
    publicUrl,
    idleMinutes,
    provider: clientId === '' ? 'off' : 'oidc',
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || null,
    scopes,
  };
}
