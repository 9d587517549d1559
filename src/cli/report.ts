import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLocalDate } from '../calendar/local-date';
import { ReportService, type ReportFormat } from '../statistics/report/report.service';
import { catchUpWithProgress, fail, openCliApp } from './cli-app';
import type Database from 'better-sqlite3';
import { loadConfig } from '../config/config';
import { READ_MODEL_DB } from '../infrastructure/tokens';
import { DistrictRegister } from '../districts/district-register';

const USAGE =
  'usage: npm run report -- --year 2018 --format html|pdf|docx|memo|csv|xlsx|json --out FILE [--known-at YYYY-MM-DD] [--district CODE] [--current] [--allow-empty]';
const FORMATS = ['html', 'pdf', 'docx', 'memo', 'csv', 'xlsx', 'json'];

/** `npm run report`: the yearly report from the command line, after the read models have caught up. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      format: { type: 'string', default: 'html' },
      out: { type: 'string' },
      'known-at': { type: 'string' },
      district: { type: 'string' },
      current: { type: 'boolean', default: false },
      'allow-empty': { type: 'boolean', default: false },
    },
  });
  const year = Number(values.year);
  const format = values.format as ReportFormat;
  if (!/^\d{4}$/.test(values.year ?? '')) fail(`--year must be a year. ${USAGE}`);
  if (!FORMATS.includes(format)) fail(`--format must be one of ${FORMATS.join(', ')}. ${USAGE}`);
  if (!values.out) fail(`--out is required. ${USAGE}`);
  const knownAt = values['known-at'] ?? null;
  if (knownAt !== null && !isLocalDate(knownAt)) fail(`--known-at must be a date YYYY-MM-DD. ${USAGE}`);
  const app = await openCliApp();
  const district = values.district ?? null;
  if (district !== null && !app.get(DistrictRegister).get(district)) {
    await app.close();
    fail(`--district ${district} is not a district of the register. ${USAGE}`);
  }
  await catchUpWithProgress(app);
  // An all-zero report from the wrong (empty) store looks like a real one: refuse it unless asked for.
  const cases = app
    .get<Database.Database>(READ_MODEL_DB)
    .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM case_list WHERE received_on <= ?')
    .get(`${year}-12-31`)!.n;
  if (cases === 0 && !values['allow-empty']) {
    await app.close();
    fail(
      `No case was received up to the end of ${year} in ${loadConfig().eventStoreUrl}: the report would be all zeros. ` +
        'Point EVENT_STORE_URL at the store that holds the history (the demo: EVENT_STORE_URL=sqlite:./data/demo/events.db), ' +
        'or pass --allow-empty to write it anyway.',
    );
  }
  const { body } = await app.get(ReportService).render(year, format, knownAt, { district, current: values.current });
  writeFileSync(values.out!, body);
  process.stdout.write(`Wrote the ${year} report (${format}) to ${values.out}.\n`);
  await app.close();
}

main().catch(fail);
