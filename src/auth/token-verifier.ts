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
import { LeastRecentlyUsed } from '../common/least-recently-used';

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
function checkLifetime(payload: JWTPayload, now: number): void {
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('the token has no expiry (exp)');
  if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS)
    throw new InvalidTokenError('the token is issued in the future (iat)');
}

/**
 * The time-based checks jose made when the signature was verified (`nbf` and
 * `exp` with the same tolerance, at whole seconds as jose counts them), made
 * again for a later request: time moves, the signature does not.
 */
function checkTimes(payload: JWTPayload, nowMs: number): void {
  const now = Math.floor(nowMs / 1000);
  if (typeof payload.nbf === 'number' && payload.nbf > now + CLOCK_SKEW_SECONDS)
    throw new InvalidTokenError("the token's nbf claim is not acceptable");
  if (typeof payload.exp === 'number' && payload.exp <= now - CLOCK_SKEW_SECONDS)
    throw new InvalidTokenError('the token has expired');
  checkLifetime(payload, nowMs / 1000);
}

/** How long a verified signature is trusted without checking it again: under jose's JWKS cache age (10 min). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;

/**
 * Claims whose signature, issuer and audience were verified, by the exact
 * token string, for at most VERIFIED_TOKEN_TTL_MS (so a key withdrawn from the
 * issuer's JWKS stops counting as soon as it did before) and at most
 * `maxEntries` tokens, least recently used out first. Verifying an ES256 or
 * RS256 signature is most of what a request's authentication costs; the
 * claims that depend on the time or on the district register are checked on
 * every request all the same.
 */
export class VerifiedTokens {
  private readonly entries: LeastRecentlyUsed<string, { payload: JWTPayload; until: number }>;

  constructor(
    maxEntries = 10_000,
    private readonly ttlMs = VERIFIED_TOKEN_TTL_MS,
  ) {
    this.entries = new LeastRecentlyUsed(maxEntries);
  }

  get size(): number {
    return this.entries.size;
  }

  get(token: string, nowMs: number): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    // Also when the clock went back: an entry is never trusted outside the window it was verified for.
    if (nowMs < entry.until && nowMs >= entry.until - this.ttlMs) return entry.payload;
    this.entries.delete(token);
    return undefined;
  }

  put(token: string, payload: JWTPayload, nowMs: number): void {
    this.entries.set(token, { payload, until: nowMs + this.ttlMs });
  }
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
 * A token's principal: its signature, issuer and audience verified by jose (or
 * found verified in `verified`), then its times and claims checked now.
 */
async function principalFrom(
  token: string,
  verified: VerifiedTokens,
  now: () => number,
  verifySignature: (currentDate: Date) => Promise<JWTPayload>,
  toPrincipal: (payload: JWTPayload) => Principal,
): Promise<Principal> {
  try {
    const at = now();
    let payload = verified.get(token, at);
    if (payload) checkTimes(payload, at);
    else {
      payload = await verifySignature(new Date(at));
      checkLifetime(payload, at / 1000);
      verified.put(token, payload, at);
    }
    return toPrincipal(payload);
  } catch (error) {
    throw asInvalidToken(error);
  }
}

/**
 * The development issuer: signs tokens with a local ES256 key kept in the data
 * directory, so tokens survive a restart. Only for AUTH_MODE=dev.
 */
export class DevIssuer implements TokenVerifier {
  private keys?: Promise<{ privateKey: KeyLike; publicKey: KeyLike }>;

  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly dataDir: string,
    private readonly districts: DistrictRegister,
    /** Milliseconds since the epoch: the clock the token's times are checked against. */
    private readonly now: () => number = Date.now,
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
    return principalFrom(
      token,
      this.verified,
      this.now,
      async (currentDate) =>
        (
          await jwtVerify(token, publicKey, {
            issuer: DEV_ISSUER,
            audience: DEV_AUDIENCE,
            algorithms: ['ES256'],
            currentDate,
            ...VERIFY_OPTIONS,
          })
        ).payload,
      (payload) => principalOf(payload, { user: 'sub', role: 'role', districts: 'districts' }, this.districts),
    );
  }
}

/** OpenID Connect: tokens from the city's identity provider, checked against its JWKS. */
export class OidcVerifier implements TokenVerifier {
  private readonly jwks;
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly config: Extract<AuthConfig, { mode: 'oidc' }>,
    private readonly districts: DistrictRegister,
    /** Milliseconds since the epoch: the clock the token's times are checked against. */
    private readonly now: () => number = Date.now,
  ) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  verify(token: string): Promise<Principal> {
    return principalFrom(
      token,
      this.verified,
      this.now,
      async (currentDate) =>
        (
          await jwtVerify(token, this.jwks, {
            issuer: this.config.issuer,
            audience: this.config.audience,
            currentDate,
            ...VERIFY_OPTIONS,
          })
        ).payload,
      (payload) =>
        principalOf(
          payload,
          { user: this.config.userClaim, role: this.config.roleClaim, districts: this.config.districtsClaim },
          this.districts,
        ),
    );
  }
}
