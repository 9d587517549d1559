// The first screen's JavaScript, gzipped: the entry script and what index.html preloads
// (screens past the start page load on demand). Fails above the 300 kB budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 300 * 1024;
const dist = new URL('../web/dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  process.stdout.write(`${file}: ${(size / 1024).toFixed(1)} kB gzipped\n`);
}
process.stdout.write(`First screen JavaScript: ${(total / 1024).toFixed(1)} kB gzipped (budget ${BUDGET / 1024} kB)\n`);
if (files.length === 0 || total > BUDGET) process.exit(1);
