import type { Request, Response } from 'express';

/**
 * The cookie's value, or undefined. Anyone can send a Cookie header: a value that does not
 * percent-decode was never set by the service, so it counts as no cookie (no session), not an error.
 */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * httpOnly so page scripts never see it; SameSite=Lax so it still comes back
 * on the provider's top-level redirect to the callback; Secure over https.
 */
export function setCookie(res: Response, name: string, value: string, secure: boolean, maxAgeMs?: number): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeMs });
}

export function clearCookie(res: Response, name: string, secure: boolean): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
