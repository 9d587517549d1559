import express, { type Request, type Response, type Router } from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import type { Role } from '../auth/principal';
import { type DistrictRegister, isDistrictValidOn } from '../districts/district-register';
import { todayInStockholm } from '../calendar/local-date';

/** A demo user of the embedded provider: one of each role and district. */
export interface DemoUser {
  id: string;
  label: string;
  role: Role;
  districts: string[];
}

const ROLE_LABELS: Record<Role, string> = {
  investigator: 'FUT-utredare',
  'unit-head': 'Enhetschef',
  department: 'Socialförvaltningen',
  admin: 'Administratör',
};

export function demoUsers(register: DistrictRegister, today: string): DemoUser[] {
  const users: DemoUser[] = [];
  for (const d of register.all().filter((x) => isDistrictValidOn(x, today))) {
    users.push(
      {
        id: `utredare.${d.code}`,
        label: `${ROLE_LABELS.investigator}, ${d.name}`,
        role: 'investigator',
        districts: [d.code],
      },
      {
        id: `utredare2.${d.code}`,
        label: `${ROLE_LABELS.investigator} 2, ${d.name}`,
        role: 'investigator',
        districts: [d.code],
      },
      { id: `chef.${d.code}`, label: `${ROLE_LABELS['unit-head']}, ${d.name}`, role: 'unit-head', districts: [d.code] },
    );
  }
  users.push(
    { id: 'forvaltning', label: ROLE_LABELS.department, role: 'department', districts: [] },
    { id: 'admin', label: ROLE_LABELS.admin, role: 'admin', districts: [] },
  );
  return users;
}

/** The little of oidc-provider's API used here (it ships no types of its own). */
interface Provider {
  callback(): (req: Request, res: Response) => void;
  interactionDetails(req: Request, res: Response): Promise<{ uid: string; prompt: { name: string } }>;
  interactionFinished(req: Request, res: Response, result: object, options: object): Promise<void>;
  Grant: new (init: { clientId: string; accountId: string }) => {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  };
}
type ProviderClass = new (issuer: string, configuration: object) => Provider;

interface GrantContext {
  oidc: {
    provider: Provider & { Grant: { find(id: string): Promise<unknown> } };
    client: { clientId: string };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
  };
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function loginPage(uid: string, users: DemoUser[]): string {
  const groups = new Map<string, DemoUser[]>();
  for (const u of users) {
    const group = u.districts.length === 0 ? 'Staden' : u.label.split(', ').slice(1).join(', ');
    groups.set(group, [...(groups.get(group) ?? []), u]);
  }
  const options = [...groups.entries()]
    .map(
      ([group, list]) =>
        `<optgroup label="${escape(group)}">${list
          .map((u) => `<option value="${escape(u.id)}">${escape(u.label)} (${escape(u.id)})</option>`)
          .join('')}</optgroup>`,
    )
    .join('');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Logga in – utvecklingsläge</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;font-weight:600;margin-bottom:.25rem}select,button{font:inherit;padding:.5rem;min-width:18rem}
button{margin-top:1rem;background:#0b4f8a;color:#fff;border:0;border-radius:4px;cursor:pointer}
:focus-visible{outline:3px solid #c75000;outline-offset:2px}.note{background:#fff4e5;padding:.75rem;border-left:4px solid #c75000}</style>
</head><body><main>
<h1>Logga in</h1>
<p class="note">Utvecklingsläge: den inbyggda OIDC-leverantören har demoanvändare för varje roll och stadsdel. I drift loggar man in via stadens identitetsleverantör.</p>
<form method="post" action="/dev-idp/interaction/${escape(uid)}/login">
<label for="user">Demoanvändare</label>
<select id="user" name="user" required>${options}</select>
<div><button type="submit">Logga in</button></div>
</form></main></body></html>`;
}

/**
 * The development provider: a real OpenID provider (oidc-provider) mounted at
 * /dev-idp, so development signs in through the same authorization code flow
 * as production. Loaded lazily: it is an ES module that Jest cannot load.
 */
export function devProviderRouter(options: {
  issuer: string;
  redirectUri: string;
  register: DistrictRegister;
  now: () => Date;
}): Router {
  const router = express.Router();
  let provider: Promise<Provider> | undefined;
  const users = (): DemoUser[] => demoUsers(options.register, todayInStockholm(options.now()));

  const load = (): Promise<Provider> =>
    (provider ??= (async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- ES module loaded lazily, see above
      const Provider = (require('oidc-provider') as { default: ProviderClass }).default;
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      return new Provider(options.issuer, {
        clients: [
          {
            client_id: 'fut-web',
            client_secret: DEV_CLIENT_SECRET,
            redirect_uris: [options.redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'dev' }] },
        cookies: { keys: [randomBytes(32).toString('base64url')] },
        pkce: { methods: ['S256'], required: () => true },
        // Seconds. The service's own session outlives these; the provider only signs in.
        ttl: {
          AccessToken: 3600,
          AuthorizationCode: 60,
          IdToken: 3600,
          Interaction: 3600,
          Session: 8 * 3600,
          Grant: 8 * 3600,
        },
        scopes: ['openid', 'fut'],
        claims: { openid: ['sub'], fut: ['role', 'districts', 'name'] },
        features: { devInteractions: { enabled: false } },
        interactions: {
          url: (_ctx: unknown, interaction: { uid: string }) => `/dev-idp/interaction/${interaction.uid}`,
        },
        findAccount: (_ctx: unknown, id: string) => {
          const user = users().find((u) => u.id === id);
          return user
            ? {
                accountId: id,
                claims: () => ({ sub: id, role: user.role, districts: user.districts, name: user.label }),
              }
            : undefined;
        },
        // First-party client: consent is implied, so grant the scopes without a consent page.
        loadExistingGrant: async (ctx: GrantContext) => {
          const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
          if (existing) return ctx.oidc.provider.Grant.find(existing);
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client.clientId,
            accountId: ctx.oidc.session.accountId,
          });
          grant.addOIDCScope('openid fut');
          grant.addOIDCClaims(['role', 'districts', 'name']);
          await grant.save();
          return grant;
        },
      });
    })());

  router.get('/interaction/:uid', async (req, res, next) => {
    try {
      const details = await (await load()).interactionDetails(req, res);
      res.type('html').send(loginPage(details.uid, users()));
    } catch (error) {
      next(error);
    }
  });
  router.post(
    '/interaction/:uid/login',
    express.urlencoded({ extended: false, limit: '2kb' }),
    async (req, res, next) => {
      try {
        const p = await load();
        await p.interactionDetails(req, res);
        const user = users().find((u) => u.id === (req.body as { user?: string }).user);
        if (!user) {
          res.status(400).type('text').send('Okänd användare');
          return;
        }
        await p.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
      } catch (error) {
        next(error);
      }
    },
  );
  router.use(async (req, res, next) => {
    try {
      (await load()).callback()(req, res);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** The embedded provider and the service are one process: the client secret need not be secret from it. */
export const DEV_CLIENT_SECRET = randomBytes(24).toString('base64url');
