import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JWK, SignJWT, importJWK } from 'jose';
import { DistrictRegister } from '../districts/district-register';
import {
  CLOCK_SKEW_SECONDS,
  DEV_AUDIENCE,
  DEV_ISSUER,
  DevIssuer,
  InvalidTokenError,
  VERIFIED_TOKEN_TTL_MS,
  VerifiedTokens,
} from './token-verifier';

/**
 * Verified tokens are kept by their string; these tests move the verifier's
 * clock by hand and check that every later use is judged as a fresh
 * verification would judge it.
 */
describe('token verification with verified tokens kept', () => {
  let dir: string;
  let clock: number;
  let districts: DistrictRegister;
  let issuer: DevIssuer;
  const start = Date.parse('2030-01-01T08:00:00Z');
  const sec = (ms: number): number => Math.floor(ms / 1000);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fut-tokens-'));
    clock = start;
    districts = DistrictRegister.default();
    issuer = new DevIssuer(dir, districts, () => clock);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A token signed with the issuer's own key, with the claims given. */
  async function token(claims: { nbf?: number; exp: number; iat?: number; districts?: string[]; sub?: string }) {
    await issuer.issue({ user: 'warm.up', role: 'investigator', districts: [] }); // writes the key file
    const jwk = JSON.parse(readFileSync(join(dir, 'dev-issuer-key.json'), 'utf8')) as JWK;
    const jwt = new SignJWT({ role: 'investigator', districts: claims.districts ?? ['farsta'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(claims.sub ?? 'utredare.farsta')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime(claims.exp);
    if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    return jwt.sign(await importJWK(jwk, 'ES256'));
  }

  const refusal = async (t: string): Promise<string> => {
    try {
      await issuer.verify(t);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTokenError);
      return (error as Error).message;
    }
    throw new Error('the token was accepted');
  };

  it('refuses a kept token once it has expired, with the same skew as the first verification', async () => {
    // Expired, but within the skew: accepted, and kept.
    const exp = sec(start) - 30;
    const t = await token({ exp });
    const get = jest.spyOn(VerifiedTokens.prototype, 'get');
    expect((await issuer.verify(t)).user).toBe('utredare.farsta');
    clock = (exp + CLOCK_SKEW_SECONDS - 1) * 1000;
    expect((await issuer.verify(t)).user).toBe('utredare.farsta');
    expect(get).toHaveLastReturnedWith(expect.objectContaining({ exp }));
    clock = (exp + CLOCK_SKEW_SECONDS) * 1000;
    expect(await refusal(t)).toMatch(/expired/);
    expect(get).toHaveLastReturnedWith(expect.objectContaining({ exp }));
    get.mockRestore();
  });

  it('checks nbf and iat again on every use, also when the clock goes back', async () => {
    const t = await token({ nbf: sec(start) + 30, iat: sec(start) + 30, exp: sec(start) + 3600 });
    expect((await issuer.verify(t)).user).toBe('utredare.farsta');
    clock = start - 31_000; // nbf is now more than the allowed skew ahead
    expect(await refusal(t)).toMatch(/nbf/);
    // A token not yet valid is refused, and accepted once its time has come.
    const later = await token({ nbf: sec(start) + 600, exp: sec(start) + 3600 });
    clock = start;
    expect(await refusal(later)).toMatch(/nbf/);
    clock = start + 600_000;
    expect((await issuer.verify(later)).user).toBe('utredare.farsta');
  });

  it('reads the principal from the claims on every use: a district taken out of the register refuses the token', async () => {
    const t = await token({ exp: sec(start) + 3600 });
    expect((await issuer.verify(t)).districts).toEqual(['farsta']);
    districts.replace(districts.districts.filter((d) => d.code !== 'farsta'));
    expect(await refusal(t)).toMatch(/unknown districts/);
  });

  it('keeps tokens apart by their exact string, and never keeps a refused one', async () => {
    const a = await token({ exp: sec(start) + 3600, sub: 'anna' });
    const b = await token({ exp: sec(start) + 3600, sub: 'bertil' });
    expect((await issuer.verify(a)).user).toBe('anna');
    expect((await issuer.verify(b)).user).toBe('bertil');
    expect((await issuer.verify(a)).user).toBe('anna');
    // The same claims with another signature: not the kept token, and not valid.
    const [header, payload, signature] = a.split('.');
    const forged = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(await refusal(forged)).toMatch(/not valid/);
    expect(await refusal(forged)).toMatch(/not valid/);
  });
});

describe('VerifiedTokens', () => {
  it('forgets an entry after its time to live, and when the clock goes back before it was verified', () => {
    const kept = new VerifiedTokens(10, VERIFIED_TOKEN_TTL_MS);
    kept.put('t', { sub: 'a', exp: 1 }, 1_000_000);
    expect(kept.get('t', 1_000_000 + VERIFIED_TOKEN_TTL_MS - 1)).toEqual({ sub: 'a', exp: 1 });
    expect(kept.get('t', 1_000_000 + VERIFIED_TOKEN_TTL_MS)).toBeUndefined();
    kept.put('u', { sub: 'b' }, 1_000_000);
    expect(kept.get('u', 999_999)).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('holds at most its bound, dropping the least recently used', () => {
    const kept = new VerifiedTokens(2);
    kept.put('a', { sub: 'a' }, 0);
    kept.put('b', { sub: 'b' }, 0);
    expect(kept.get('a', 1)).toBeDefined();
    kept.put('c', { sub: 'c' }, 1);
    expect(kept.size).toBe(2);
    expect(kept.get('b', 2)).toBeUndefined();
    expect(kept.get('a', 2)).toBeDefined();
    expect(kept.get('c', 2)).toBeDefined();
  });
});
