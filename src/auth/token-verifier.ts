import {
  SignJWT,
  createRemoteJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type JWTVerifyOptions,
  type KeyLike,
} from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthConfig } from '../config/config';
import type { DistrictRegister } from '../districts/district-register';
import { ROLES, USER_ID, type Principal, type Role } from './principal';

export class InvalidTokenError extends Error {}

export const DEV_ISSUER = 'urn:fut:development-issuer';
export const DEV_AUDIENCE = 'fut-case-service';

/** Reads the principal out of verified claims, refusing anything unexpected. */
export function principalOf(
  payload: JWTPayload,
  claims: { user: string; role: string; districts: string },
  districts: DistrictRegister,
): Principal {
  const user = payload[claims.user];
  const role = payload[claims.role];
  const list = payload[claims.districts] ?? [];
  if (typeof user !== 'string' || !USER_ID.test(user))
    throw new InvalidTokenError('the token has no usable user claim');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    throw new InvalidTokenError('the token has no known role');
  if (!Array.isArray(list) || list.some((d) => typeof d !== 'string' || !districts.get(d)))
    throw new InvalidTokenError('the token names unknown districts');
  return { user, role: role as Role, districts: list as string[] };
}

/** Clock skew allowed between the issuer and this service. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Checks jose leaves to the caller: a token must expire, and may not claim to
 * be issued in the future (jose only checks `iat` together with a maximum age).
 */
function checkLifetime(payload: JWTPayload, now: number = Date.now() / 1000): void {
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('the token has no expiry (exp)');
  if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS)
    throw new InvalidTokenError('the token is issued in the future (iat)');
}

/** A short reason for a refused token; the token itself is never logged or echoed. */
function asInvalidToken(error: unknown): InvalidTokenError {
  if (error instanceof InvalidTokenError) return error;
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed)
    return new InvalidTokenError(`the token's ${error.claim} claim is not acceptable`);
  return new InvalidTokenError('the token is not valid');
}

const VERIFY_OPTIONS: JWTVerifyOptions = { requiredClaims: ['exp'], clockTolerance: CLOCK_SKEW_SECONDS };

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * The development issuer: signs tokens with a local ES256 key kept in the data
 * directory, so tokens survive a restart. Only for AUTH_MODE=dev.
 */
export class DevIssuer implements TokenVerifier {
  private keys?: Promise<{ privateKey: KeyLike; publicKey: KeyLike }>;

  constructor(
    private readonly dataDir: string,
    private readonly districts: DistrictRegister,
  ) {}

  private load(): Promise<{ privateKey: KeyLike; publicKey: KeyLike }> {
    this.keys ??= (async () => {
      const file = join(this.dataDir, 'dev-issuer-key.json');
      if (existsSync(file)) {
        const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
        const { d: _d, ...pub } = jwk;
        return {
          privateKey: (await importJWK(jwk, 'ES256')) as KeyLike,
          publicKey: (await importJWK(pub, 'ES256')) as KeyLike,
        };
      }
      const pair = await generateKeyPair('ES256', { extractable: true });
      mkdirSync(this.dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(await exportJWK(pair.privateKey)), { mode: 0o600 });
      return pair;
    })();
    return this.keys;
  }

  async issue(principal: Principal): Promise<string> {
    const { privateKey } = await this.load();
    return new SignJWT({ role: principal.role, districts: principal.districts })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(principal.user)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('8h')
      .sign(privateKey);
  }

  async verify(token: string): Promise<Principal> {
    const { publicKey } = await this.load();
    try {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: ['ES256'],
        ...VERIFY_OPTIONS,
      });
      checkLifetime(payload);
      return principalOf(payload, { user: 'sub', role: 'role', districts: 'districts' }, this.districts);
    } catch (error) {
      throw asInvalidToken(error);
    }
  }
}

/** OpenID Connect: tokens from the city's identity provider, checked against its JWKS. */
export class OidcVerifier implements TokenVerifier {
  private readonly jwks;

  constructor(
    private readonly config: Extract<AuthConfig, { mode: 'oidc' }>,
    private readonly districts: DistrictRegister,
  ) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        ...VERIFY_OPTIONS,
      });
      checkLifetime(payload);
      return principalOf(
        payload,
        { user: this.config.userClaim, role: this.config.roleClaim, districts: this.config.districtsClaim },
        this.districts,
      );
    } catch (error) {
      throw asInvalidToken(error);
    }
  }
}
