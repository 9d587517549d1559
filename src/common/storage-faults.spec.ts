import { storageFaultOf } from './storage-faults';

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
