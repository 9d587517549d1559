import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const OIDC = {
  OIDC_ISSUER: 'https://login.example/realms/fut',
  OIDC_AUDIENCE: 'fut',
  OIDC_JWKS_URL: 'https://login.example/realms/fut/certs',
};

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('choosing authentication: fails closed', () => {
  it('runs the development issuer on a plain local start with nothing configured', () => {
    expect(loadConfig({}).auth).toEqual({ mode: 'dev', reason: 'default' });
    expect(loadConfig({ HOST: 'localhost' }).auth.mode).toBe('dev');
  });

  it('refuses to start unconfigured with NODE_ENV=production, naming it', () => {
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/no authentication is configured \(NODE_ENV=production\)/);
  });

  it('refuses to start unconfigured on a non-loopback HOST', () => {
    expect(refusal({ HOST: '0.0.0.0' })).toMatch(/HOST=0\.0\.0\.0 is not a loopback address/);
  });

  it('refuses AUTH_MODE=dev with NODE_ENV=production or a non-loopback HOST, naming the variables', () => {
    expect(refusal({ AUTH_MODE: 'dev', NODE_ENV: 'production' })).toMatch(/development mode.*NODE_ENV=production/);
    expect(refusal({ AUTH_MODE: 'dev', HOST: '0.0.0.0' })).toMatch(/development mode.*HOST=0\.0\.0\.0/);
    expect(refusal({ AUTH_MODE: 'dev', HOST: '10.1.2.3', NODE_ENV: 'production' })).toMatch(
      /NODE_ENV=production and HOST=10\.1\.2\.3/,
    );
  });

  it('runs development mode only when NODE_ENV is unset, development or test; any other value fails closed', () => {
    for (const nodeEnv of [undefined, '', 'development', 'test']) {
      expect(loadConfig({ AUTH_MODE: 'dev', NODE_ENV: nodeEnv }).auth.mode).toBe('dev');
      expect(loadConfig({ NODE_ENV: nodeEnv }).auth.mode).toBe('dev');
    }
    for (const nodeEnv of ['Production', 'prod', 'PRODUCTION', ' production', 'staging', 'Development', 'dev']) {
      expect(refusal({ AUTH_MODE: 'dev', NODE_ENV: nodeEnv })).toMatch(
        new RegExp(`development mode.*NODE_ENV=${nodeEnv}`),
      );
      expect(refusal({ NODE_ENV: nodeEnv })).toMatch(/no authentication is configured \(NODE_ENV=/);
    }
  });

  it('takes OIDC settings to mean OIDC mode, without AUTH_MODE', () => {
    const config = loadConfig({ ...OIDC, MASTER_KEY: KEY });
    expect(config.auth).toMatchObject({ mode: 'oidc', issuer: OIDC.OIDC_ISSUER, audience: 'fut' });
  });

  it('refuses a partial OIDC configuration, naming what is missing', () => {
    expect(refusal({ OIDC_ISSUER: OIDC.OIDC_ISSUER, MASTER_KEY: KEY })).toMatch(
      /OIDC authentication needs OIDC_AUDIENCE, OIDC_JWKS_URL/,
    );
    expect(refusal({ OIDC_ROLE_CLAIM: 'fut_role', MASTER_KEY: KEY })).toMatch(
      /needs OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL/,
    );
  });

  it('refuses AUTH_MODE=dev together with OIDC settings', () => {
    expect(refusal({ AUTH_MODE: 'dev', ...OIDC })).toMatch(/AUTH_MODE=dev contradicts the OIDC settings/);
  });

  it('needs MASTER_KEY in OIDC mode', () => {
    expect(refusal({ ...OIDC })).toMatch(/MASTER_KEY or MASTER_KEY_FILE is required/);
  });

  it('reads the master key from a file (a compose or Kubernetes secret), and refuses a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fut-config-'));
    try {
      const file = join(dir, 'master_key');
      writeFileSync(file, `${KEY}\n`);
      expect(loadConfig({ ...OIDC, MASTER_KEY_FILE: file }).masterKey).toEqual(Buffer.alloc(32, 7));
      expect(refusal({ ...OIDC, MASTER_KEY_FILE: join(dir, 'nope') })).toMatch(
        /MASTER_KEY_FILE .*nope cannot be read \(ENOENT\)/,
      );
      writeFileSync(file, 'short');
      expect(refusal({ ...OIDC, MASTER_KEY_FILE: file })).toMatch(/MASTER_KEY_FILE must hold 32 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has a per-user read limit as well as a write limit, both settings', () => {
    const config = loadConfig({ READS_PER_MINUTE: '30', WRITES_PER_MINUTE: '7' });
    expect([config.readsPerMinute, config.writesPerMinute]).toEqual([30, 7]);
    expect(refusal({ READS_PER_MINUTE: 'many' })).toMatch(/READS_PER_MINUTE must be a positive whole number/);
  });

  it('limits requests without a valid session or token per client address, 300 a minute unless set', () => {
    expect(loadConfig({}).unauthenticatedPerMinute).toBe(300);
    expect(loadConfig({ UNAUTHENTICATED_PER_MINUTE: '40' }).unauthenticatedPerMinute).toBe(40);
    for (const bad of ['0', 'none', '-1'])
      expect(refusal({ UNAUTHENTICATED_PER_MINUTE: bad })).toMatch(
        /UNAUTHENTICATED_PER_MINUTE must be a positive whole number/,
      );
  });

  it('reads the import limits, each in its own unit, and refuses one that is not a positive whole number', () => {
    expect(loadConfig({}).imports).toEqual({
      rows: 50_000,
      columns: 256,
      cells: 2_000_000,
      unpackedBytes: 100 * 1024 * 1024,
      parseSeconds: 60,
    });
    const config = loadConfig({ IMPORT_MAX_ROWS: '10', IMPORT_MAX_UNPACKED_MB: '5', IMPORT_PARSE_SECONDS: '3' });
    expect(config.imports).toMatchObject({ rows: 10, unpackedBytes: 5 * 1024 * 1024, parseSeconds: 3 });
    expect(refusal({ IMPORT_MAX_COLUMNS: '0' })).toMatch(/IMPORT_MAX_COLUMNS must be a positive whole number/);
    expect(refusal({ IMPORT_MAX_CELLS: '1e6' })).toMatch(/IMPORT_MAX_CELLS must be a positive whole number/);
  });
});

describe('memory settings', () => {
  it('gives each SQLite connection 16 MiB of page cache unless SQLITE_CACHE_MB says otherwise, from 1 to 1024', () => {
    expect(loadConfig({}).sqliteCacheMb).toBe(16);
    expect(loadConfig({ SQLITE_CACHE_MB: '4' }).sqliteCacheMb).toBe(4);
    for (const bad of ['0', '2000', 'x', '1.5'])
      expect(refusal({ SQLITE_CACHE_MB: bad })).toMatch(/SQLITE_CACHE_MB must be/);
  });
});

describe('reminder settings', () => {
  it('reminds of a police report without an outcome after 6 months unless REMINDER_POLICE_OUTCOME_MONTHS says otherwise, 1 to 60', () => {
    expect(loadConfig({}).reminders).toEqual({ policeOutcomeMonths: 6 });
    expect(loadConfig({ REMINDER_POLICE_OUTCOME_MONTHS: '3' }).reminders.policeOutcomeMonths).toBe(3);
    for (const bad of ['0', '61', 'x', '1.5'])
      expect(refusal({ REMINDER_POLICE_OUTCOME_MONTHS: bad })).toMatch(/REMINDER_POLICE_OUTCOME_MONTHS must be/);
  });
});
