/* eslint-disable */
// Preloaded into the service (`node -r`) by fault tests. Nothing here is part
// of the service; it only runs in tests. Two faults, each switched on by a file:
//
// FUT_FAULT_DISK_FULL=<file>: while the file exists, every SQLite database the
// service opened is capped at its current size (PRAGMA max_page_count), so the
// next write that needs a new page fails with SQLITE_FULL, exactly as on a
// full disk. Removing the file lifts the cap.
//
// FUT_FAULT_FULL_AFTER_APPEND=<file>: while the file exists, holding a stream
// prefix (e.g. "case-"), the first event appended to a stream with that prefix
// is committed, and from right after that commit (before the code that awaited
// the append runs again) every write to any SQLite file fails with SQLITE_FULL,
// until the file is removed. The fault then fires again for the next file
// written. When it fires it writes "<file>.fired", so a test knows it did.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');

function betterSqlite() {
  const resolved = require.resolve('better-sqlite3', { paths: [process.cwd(), __dirname] });
  return { resolved, Database: require(resolved) };
}

const flag = process.env.FUT_FAULT_DISK_FULL;
if (flag) {
  const { resolved, Database: Original } = betterSqlite();
  const opened = new Set();
  class FaultyDatabase extends Original {
    constructor(...args) {
      super(...args);
      opened.add(this);
    }
  }
  require.cache[resolved].exports = FaultyDatabase;
  let full = false;
  setInterval(() => {
    const now = existsSync(flag);
    if (now === full) return;
    full = now;
    for (const db of opened) {
      if (!db.open) continue;
      try {
        const pages = db.pragma('page_count', { simple: true });
        db.pragma(`max_page_count = ${full ? pages : 4294967294}`);
      } catch (e) {
        // a database busy in a transaction gets its cap at the next tick
        full = !now;
      }
    }
  }, 10).unref();
}

const afterAppend = process.env.FUT_FAULT_FULL_AFTER_APPEND;
if (afterAppend) {
  const { Database } = betterSqlite();
  const probe = new Database(':memory:');
  const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  let armed = false; // the append that fires the fault has been committed, or is being
  let failing = false;
  const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL', name: 'SqliteError' });
  const lifted = () => {
    if ((armed || failing) && !existsSync(afterAppend)) armed = failing = false;
  };
  const run = Statement.run;
  Statement.run = function (...args) {
    lifted();
    if (failing && !this.reader) throw full();
    const result = run.apply(this, args);
    if (!armed && /^\s*INSERT INTO events\b/i.test(this.source) && typeof args[0] === 'string') {
      const prefix = existsSync(afterAppend) ? readFileSync(afterAppend, 'utf8').trim() : undefined;
      if (prefix && args[0].startsWith(prefix)) {
        armed = true;
        // The append's transaction commits in this same synchronous turn; the awaiting code resumes after this tick.
        process.nextTick(() => {
          failing = true;
          writeFileSync(`${afterAppend}.fired`, args[0]);
        });
      }
    }
    return result;
  };
  const exec = Database.prototype.exec;
  Database.prototype.exec = function (...args) {
    lifted();
    if (failing) throw full();
    return exec.apply(this, args);
  };
}
