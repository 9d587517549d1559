import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { Problem, isAnsweredAsProblem } from './problem';
import { type StorageStatus, storageFaultOf } from './storage-faults';
import { BODY_NOT_UTF8, BODY_TOO_DEEP, MAX_JSON_DEPTH } from './body-guards';

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  503: 'Service unavailable',
};

const RETRY_AFTER_SECONDS = 5;

/** Every error leaves as problem+json; internal messages and stacks stay in the log. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    /** Told of every storage fault a request met, so /health names it. */
    private readonly storage?: StorageStatus,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = this.toProblem(exception, request);
    // Every 503 is a passing condition (storage, audit, catch-up): tell clients when to try again.
    if (problem.status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    // A limiter sets the exact wait; any other 429 still tells the client when to come back (the window is a minute).
    if (problem.status === 429 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', '60');
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({
        type: `urn:fut:problem:${problem.code}`,
        title: problem.title,
        status: problem.status,
        ...(problem.detail ? { detail: problem.detail } : {}),
        instance: request.originalUrl?.split('?')[0],
        code: problem.code,
        ...problem.extensions,
      });
  }

  private toProblem(exception: unknown, request: Request): Problem {
    if (exception instanceof Problem) return exception;
    // First: a storage fault behind any error (the audit log's too) is a condition of the machine.
    const fault = storageFaultOf(exception);
    if (fault) {
      this.storage?.failed(fault);
      this.logger.error(
        { code: fault, method: request.method, path: request.route?.path ?? 'unmatched' },
        'storage unavailable',
      );
      return new Problem(
        503,
        'storage-unavailable',
        'Service unavailable',
        'The service cannot write to its storage right now (full, read-only, busy or failing). Nothing was changed; try again later.',
        { storageError: fault },
      );
    }
    // Errors of the other layers (the event store's, the audit log's, a case's) say how they are answered.
    if (isAnsweredAsProblem(exception)) {
      const problem = exception.asProblem();
      const path = request.route?.path ?? 'unmatched';
      if (exception.logAs)
        this.logger.error(
          { err: (exception as Partial<Error>).message, method: request.method, path },
          exception.logAs,
        );
      else if (problem.status >= 500) this.logger.error({ err: problem.detail, path }, problem.title);
      return problem;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.BAD_REQUEST) {
        // Body-parser failures (malformed JSON) arrive here as plain 400s.
        return Problem.badRequest(
          [{ field: 'body', message: 'The body is not valid JSON.' }],
          'The body could not be read.',
        );
      }
      if (status < 500) {
        const code = (TITLES[status] ?? 'error').toLowerCase().replace(/\s+/g, '-');
        return new Problem(
          status,
          code,
          TITLES[status] ?? 'Error',
          status === 404 ? `No resource at ${request.method} ${request.path}` : undefined,
        );
      }
    }
    const err = exception as { type?: string; status?: number; statusCode?: number };
    if (err && (err.type === 'entity.too.large' || err.status === 413)) {
      return new Problem(413, 'payload-too-large', 'Payload too large', 'The request body is larger than allowed.');
    }
    if (err && (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')) {
      const charset = err.type === 'charset.unsupported';
      return new Problem(
        415,
        charset ? 'unsupported-charset' : 'unsupported-content-encoding',
        'Unsupported media type',
        charset
          ? 'The body must be JSON in UTF-8 (Content-Type: application/json; charset=utf-8).'
          : 'The body may be sent as it is, or compressed with gzip or deflate.',
        { errors: [{ field: charset ? 'Content-Type' : 'Content-Encoding', message: 'not supported' }] },
      );
    }
    if (err && err.type === BODY_TOO_DEEP) {
      return Problem.badRequest([
        { field: 'body', message: `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep.` },
      ]);
    }
    if (err && err.type === BODY_NOT_UTF8) {
      return Problem.badRequest([{ field: 'body', message: 'The body is not valid UTF-8.' }]);
    }
    if (err && typeof err.status === 'number' && err.status === 400 && (err as { expose?: boolean }).expose) {
      // A body that could not be read as sent, e.g. broken gzip.
      return Problem.badRequest([{ field: 'body', message: 'The body could not be read as sent.' }]);
    }
    if (err && err.type === 'entity.parse.failed') {
      return Problem.badRequest(
        [{ field: 'body', message: 'The body is not valid JSON.' }],
        'The body could not be read.',
      );
    }
    this.logger.error(
      {
        err: exception instanceof Error ? { name: exception.name, stack: exception.stack } : String(exception),
        method: request.method,
        path: request.route?.path ?? 'unmatched',
      },
      'unhandled error',
    );
    return new Problem(
      500,
      'internal-error',
      'Internal error',
      'The service could not complete the request. It has been logged.',
    );
  }
}
