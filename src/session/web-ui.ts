import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `vite build` puts the web interface (web/dist), from dist/session or src/session alike. */
export const WEB_DIST = join(__dirname, '..', '..', 'web', 'dist');

/**
 * Serves the single-page app: its files, and index.html for any other page
 * address (the app routes on the client). API, provider and health paths are
 * left alone. Without a build (the in-process tests) it does nothing.
 */
export function webUi(): Array<(req: Request, res: Response, next: NextFunction) => void> {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return [];
  const files = express.static(WEB_DIST, {
    index: false,
    maxAge: '1h',
    immutable: false,
    // Vite names every file under assets/ by a hash of its content (a changed file is a new name): a browser may
    // keep one for good and never ask for it again, where an hour made it ask again on every visit after one.
    setHeaders: (res, path) => {
      if (path.startsWith(join(WEB_DIST, 'assets')))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  return [
    // Not for the service's own paths: the web build has no file there, and looking cost every API read a stat().
    (req, res, next) => (isServicePath(req.path) ? next() : files(req, res, next)),
    (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      if (isServicePath(req.path) || req.path.startsWith('/assets/')) return next();
      res.setHeader('Cache-Control', 'no-store');
      res.sendFile(index);
    },
  ];
}

const isServicePath = (path: string): boolean => /^\/(api|dev-idp|health)(\/|$)/.test(path);
