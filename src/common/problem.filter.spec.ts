import type { ArgumentsHost } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditUnavailableError } from '../audit/audit-log';
import { AppendTooLargeError } from '../event-store/event-store.port';
import { EventStoreUnavailableError } from '../event-store/eventstoredb-event-store';
import { ProblemFilter } from './problem.filter';
import { StorageStatus } from './storage-faults';

/**
 * The filter knows no layer: the event store's and the audit log's errors say how they are
 * answered. What a client gets back, and what the operator finds in the log, stay as before.
 */
function answer(exception: unknown) {
  const logged: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const logger = { error: (fields: Record<string, unknown>, message: string) => logged.push({ fields, message }) };
  const storage = new StorageStatus();
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    getHeader: (name: string) => sent.headers[name],
    status(status: number) {
      sent.status = status;
      return this;
    },
    type() {
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const request = { method: 'POST', originalUrl: '/api/cases/1/journal', path: '/api/cases/1/journal' };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  new ProblemFilter(logger as unknown as Logger, storage).catch(exception, host);
  return { ...sent, logged, storage: storage.current() };
}

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe('how the problem filter answers the errors of other layers', () => {
  it('answers a change larger than the event store takes 413 payload-too-large', () => {
    const sent = answer(new AppendTooLargeError('case-1', 2_000_000));
    expect(sent.status).toBe(413);
    expect(sent.body).toMatchObject({
      code: 'payload-too-large',
      detail: 'The change is larger than the event store takes.',
    });
    expect(sent.logged).toEqual([]);
  });

  it('answers an unwritable audit log 503 audit-unavailable, and logs its cause', () => {
    const sent = answer(new AuditUnavailableError(new Error('disk I/O error')));
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toMatchObject({
      code: 'audit-unavailable',
      detail: 'The access could not be recorded, so it was not given.',
    });
    expect(sent.logged).toEqual([
      {
        fields: { err: 'audit log unavailable: disk I/O error', method: 'POST', path: 'unmatched' },
        message: 'audit unavailable',
      },
    ]);
  });

  it('answers EventStoreDB not reached 503 with Retry-After, never 500, and logs its cause', () => {
    const cause = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    const sent = answer(new EventStoreUnavailableError('append', cause));
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toMatchObject({ code: 'service-unavailable', outcome: 'unknown' });
    expect(sent.logged).toEqual([
      {
        fields: {
          err: 'EventStoreDB append: 14 UNAVAILABLE: No connection established',
          method: 'POST',
          path: 'unmatched',
        },
        message: 'event store unavailable',
      },
    ]);
  });

  it('answers a full disk behind the audit log as the storage fault it is', () => {
    const sent = answer(new AuditUnavailableError(sqliteError('SQLITE_FULL')));
    expect(sent.status).toBe(503);
    expect(sent.body).toMatchObject({ code: 'storage-unavailable', storageError: 'SQLITE_FULL' });
    expect(sent.storage).toMatchObject({ writable: false, error: 'SQLITE_FULL' });
  });
});
