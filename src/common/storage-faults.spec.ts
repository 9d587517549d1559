import { STORAGE_FAULT_HOLD_MS, STORAGE_RECOVERY_MS, StorageStatus, storageFaultOf } from './storage-faults';

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe('which errors are storage faults (503, not 500)', () => {
  it.each([
    'SQLITE_FULL',
    'SQLITE_IOERR_WRITE',
    'SQLITE_IOERR_FSYNC',
    'SQLITE_BUSY',
    'SQLITE_BUSY_TIMEOUT',
    'SQLITE_READONLY',
    'SQLITE_READONLY_DBMOVED',
    'SQLITE_CANTOPEN',
    'SQLITE_CORRUPT',
  ])('%s is', (code) => expect(storageFaultOf(sqliteError(code))).toBe(code));

  it('finds the fault behind a wrapping error', () => {
    expect(storageFaultOf(new Error('audit log unavailable', { cause: sqliteError('SQLITE_FULL') }))).toBe(
      'SQLITE_FULL',
    );
  });

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'ERR_SOMETHING'])('%s is not: it is a bug or a rule', (code) =>
    expect(storageFaultOf(sqliteError(code))).toBeUndefined(),
  );
});

describe('whether the storage takes writes, as /health tells it', () => {
  it('is unwritable from a fault until writes succeed with no fault for a while, naming the fault and since when', () => {
    let now = Date.parse('2019-06-28T10:00:00Z');
    const status = new StorageStatus(() => now);
    expect(status.current()).toEqual({ writable: true });
    status.failed('SQLITE_FULL');
    now += 1_000;
    status.failed('SQLITE_FULL');
    expect(status.current()).toEqual({
      writable: false,
      error: 'SQLITE_FULL',
      since: '2019-06-28T10:00:00.000Z',
      lastFaultAt: '2019-06-28T10:00:01.000Z',
    });
    // A small write that still fits (a nearly full disk) does not make it writable at once.
    status.written();
    expect(status.current().writable).toBe(false);
    now += STORAGE_RECOVERY_MS;
    expect(status.current()).toEqual({ writable: true });
  });

  it('stays unwritable while faults go on between successful writes', () => {
    let now = 0;
    const status = new StorageStatus(() => now);
    for (let i = 0; i < 10; i++) {
      status.failed('SQLITE_FULL');
      now += 1_000;
      status.written();
      expect(status.current()).toMatchObject({ writable: false, error: 'SQLITE_FULL' });
    }
  });

  it('takes a write long after the last fault as recovery at once', () => {
    let now = 0;
    const status = new StorageStatus(() => now);
    status.failed('SQLITE_FULL');
    now += STORAGE_RECOVERY_MS;
    status.written();
    expect(status.current()).toEqual({ writable: true });
  });

  it('says writable again when no write was tried for a while after the last fault', () => {
    let now = 0;
    const status = new StorageStatus(() => now);
    status.failed('SQLITE_IOERR_WRITE');
    now += STORAGE_FAULT_HOLD_MS;
    expect(status.current().writable).toBe(false);
    now += 1;
    expect(status.current()).toEqual({ writable: true });
  });
});
