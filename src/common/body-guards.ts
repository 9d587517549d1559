import type { NextFunction, Request, Response } from 'express';
import { isUtf8 } from 'node:buffer';

/** Deeper JSON is never a case command: it is an attack on the validator's recursion. */
export const MAX_JSON_DEPTH = 32;
export const BODY_TOO_DEEP = 'entity.too.deep';
export const BODY_NOT_UTF8 = 'entity.not.utf8';

const bodyError = (type: string, message: string): Error =>
  Object.assign(new Error(message), { type, status: 400, statusCode: 400, expose: true });

/** For body-parser's `verify`: bytes that are not UTF-8 are refused, not silently replaced by U+FFFD. */
export function requireUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) throw bodyError(BODY_NOT_UTF8, 'the body is not valid UTF-8');
}

function depthOf(value: unknown, limit: number): number {
  // Iterative, so a hostile body cannot overflow the stack here either.
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Refuses parsed JSON bodies nested deeper than MAX_JSON_DEPTH, before validation walks them. */
export function limitJsonDepth(req: Request, _res: Response, next: NextFunction): void {
  if (depthOf(req.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    return next(bodyError(BODY_TOO_DEEP, `the body is nested more than ${MAX_JSON_DEPTH} levels deep`));
  next();
}
