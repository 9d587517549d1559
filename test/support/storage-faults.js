/* eslint-disable */
// Preloaded into the service (`node -r`) by fault tests: while the file named by
// FUT_FAULT_DISK_FULL exists, every SQLite database the service opened is capped
// at its current size (PRAGMA max_page_count), so the next write that needs a
// new page fails with SQLITE_FULL, exactly as on a full disk. Removing the file
// lifts the cap. Nothing here is part of the service; it only runs in tests.
const Module = require('node:module');
const { existsSync } = require('node:fs');
const flag = process.env.FUT_FAULT_DISK_FULL;
if (flag) {
  const resolved = require.resolve('better-sqlite3', { paths: [process.cwd(), __dirname] });
  const Original = require(resolved);
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
  void Module;
}
