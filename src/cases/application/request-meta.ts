import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import { Problem } from '../../common/problem';
import type { IdempotencyKeys } from './idempotency';
import type { CommandAnswer, RequestMeta } from './case-command-handlers';

/** The case version, for If-Match: every step answers it. */
export const ETAG_HEADER = { ETag: { description: 'The case version, for If-Match', schema: { type: 'string' } } };

/** What a command needs to know of its request besides the body: who, which version, which retry. */
export function requestMeta(
  req: Request,
  body: unknown,
  headers: Record<string, string | undefined>,
  idempotency: IdempotencyKeys,
): RequestMeta {
  const key = headers['idempotency-key'];
  if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw Problem.badRequest([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' },
    ]);
  }
  const principal = (req as AuthenticatedRequest).principal;
  return {
    actor: principal?.user ?? 'anonymous',
    principal,
    ifMatch: headers['if-match'],
    idempotencyKey: key,
    // Only a keyed request is compared with an earlier one (as the demo loader and the import pass '').
    requestHash: key === undefined ? '' : idempotency.requestHash(req.method, req.path, body),
    correlationId: randomUUID(),
  };
}

/** Sends a command's answer: its status, its headers (the ETag) and its body. */
export function sendAnswer(res: Response, answer: CommandAnswer): Record<string, unknown> {
  res.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  return answer.body;
}
