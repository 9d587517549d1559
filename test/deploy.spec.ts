import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROLES } from '../src/auth/principal';
import { loadConfig } from '../src/config/config';
import { DistrictRegister } from '../src/districts/district-register';

/**
 * No Docker engine runs here, so the compose file cannot be started in a test.
 * These checks hold it to the service it starts: its settings pass the
 * service's own configuration check (in OIDC mode, never development), and
 * the demo realm's users and claims are ones the service accepts.
 */
const ROOT = join(__dirname, '..');
interface Service {
  environment?: Record<string, string>;
  secrets?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  restart?: string;
}
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const imageEnv = Object.fromEntries(
  [...dockerfile.matchAll(/^(?:ENV)?\s+([A-Z_]+)=(\S+?)(?: \\)?$/gm)].map((m) => [m[1], m[2]] as const),
);

describe('docker compose, held to the service it starts', () => {
  const service = compose.services['fut-service'];

  it("passes the service's configuration check, in OIDC mode, with the master key from a secret", () => {
    const secretFile = join(ROOT, compose.secrets[service.secrets![0]].file);
    const env = { ...imageEnv, ...service.environment, MASTER_KEY_FILE: secretFile };
    const config = loadConfig(env);
    expect(config.auth.mode).toBe('oidc');
    expect(config.host).toBe('0.0.0.0');
    expect(config.masterKey).toHaveLength(32);
    // The screens sign in through the service as the realm's client, and come back to its public address.
    expect(JSON.stringify(config)).toContain(service.environment!.OIDC_CLIENT_ID);
  });

  it('the image runs a supported Node LTS as a non-root user, listening on all interfaces, with a HEALTHCHECK', () => {
    expect(dockerfile).toMatch(/^FROM node:(22|24)-/m);
    expect(dockerfile).not.toMatch(/^FROM node:20/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(imageEnv).toMatchObject({ HOST: '0.0.0.0', NODE_ENV: 'production' });
  });

  it('waits for the cluster and the identity provider, which have healthchecks, and restarts', () => {
    expect(Object.keys(service.depends_on!).sort()).toEqual(['esdb1', 'esdb2', 'esdb3', 'keycloak']);
    for (const [name, dep] of Object.entries(service.depends_on!)) {
      expect(dep.condition).toBe('service_healthy');
      expect(compose.services[name].healthcheck ?? compose.services[name]).toBeDefined();
    }
    expect(service.restart).toBe('unless-stopped');
  });

  it('the demo realm has a user per role, with districts the register knows, in the claims the service reads', () => {
    const realm = JSON.parse(readFileSync(join(ROOT, 'deploy', 'keycloak', 'fut-realm.json'), 'utf8')) as {
      realm: string;
      clients: Array<{ clientId: string; protocolMappers: Array<{ config: Record<string, string> }> }>;
      users: Array<{ attributes: { fut_role: string[]; fut_districts: string[] } }>;
    };
    expect(service.environment!.OIDC_ISSUER).toBe(`http://localhost:8080/realms/${realm.realm}`);
    const web = realm.clients.find((c) => c.clientId === service.environment!.OIDC_CLIENT_ID) as unknown as {
      secret: string;
      redirectUris: string[];
    };
    expect(web.secret).toBe(service.environment!.OIDC_CLIENT_SECRET);
    expect(web.redirectUris).toContain(`${service.environment!.PUBLIC_URL}/*`);
    const client = realm.clients.find((c) => c.clientId === service.environment!.OIDC_AUDIENCE)!;
    const claims = client.protocolMappers.map((m) => m.config['claim.name'] ?? m.config['included.client.audience']);
    expect(claims).toEqual(
      expect.arrayContaining([
        service.environment!.OIDC_ROLE_CLAIM,
        service.environment!.OIDC_DISTRICTS_CLAIM,
        service.environment!.OIDC_AUDIENCE,
      ]),
    );
    const register = DistrictRegister.default();
    expect(new Set(realm.users.map((u) => u.attributes.fut_role[0]))).toEqual(new Set(ROLES));
    for (const u of realm.users) for (const d of u.attributes.fut_districts) expect(register.get(d)).toBeDefined();
  });
});
