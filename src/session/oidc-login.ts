import type * as OpenIdClient from 'openid-client';
import type { JWTPayload } from 'jose';

/**
 * openid-client is an ES module. Node 20.19+ loads it with require(), but Jest's
 * module system cannot, so it is loaded on first sign-in rather than at start:
 * the service and its in-process tests start without it.
 */
function openIdClient(): typeof OpenIdClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily loaded ES module, see above
  return require('openid-client') as typeof OpenIdClient;
}

export interface LoginStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The web interface as an OIDC client: authorization code flow with PKCE (S256), state and nonce. */
export class OidcLogin {
  private config?: Promise<OpenIdClient.Configuration>;

  constructor(
    private readonly options: {
      issuer: string;
      clientId: string;
      clientSecret: string | null;
      redirectUri: string;
      scopes: string;
      /** Ask the provider to show its sign-in page even with a session there (the demo users can switch). */
      forceLogin: boolean;
    },
  ) {}

  private configuration(): Promise<OpenIdClient.Configuration> {
    this.config ??= (async () => {
      const oidc = openIdClient();
      const issuer = new URL(this.options.issuer);
      const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(issuer.hostname);
      const auth = this.options.clientSecret ? oidc.ClientSecretPost(this.options.clientSecret) : oidc.None();
      return oidc.discovery(issuer, this.options.clientId, undefined, auth, {
        // Plain http only to a provider on this machine (the embedded development provider, tests).
        execute: issuer.protocol === 'http:' && loopback ? [oidc.allowInsecureRequests] : [],
      });
    })();
    // A failed discovery is tried again at the next sign-in.
    this.config.catch(() => (this.config = undefined));
    return this.config;
  }

  async start(): Promise<LoginStart> {
    const oidc = openIdClient();
    const config = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: this.options.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(this.options.forceLogin ? { prompt: 'login' } : {}),
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code and answers the person's claims (ID token and userinfo); the tokens stay here. */
  async finish(callbackUrl: URL, login: { state: string; nonce: string; codeVerifier: string }): Promise<JWTPayload> {
    const oidc = openIdClient();
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { ...idClaims, ...userInfo } as JWTPayload;
  }
}
