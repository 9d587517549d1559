import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLocalDate } from '../calendar/local-date';
import { ReportService, type ReportFormat } from '../statistics/report/report.service';
import { catchUpWithProgress, fail, openCliApp } from './cli-app';

const USAGE = 'usage: npm run report -- --year 2018 --format html|pdf|csv|json --out FILE [--known-at YYYY-MM-DD]';

/** `npm run report`: the yearly report from the command line, after the read models have caught up. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      format: { type: 'string', default: 'html' },
      out: { type: 'string' },
      'known-at': { type: 'string' },
    },
  });
  const year = Number(values.year);
  const format = values.format as ReportFormat;
  if (!/^\d{4}$/.test(values.year ?? '')) fail(`--year must be a year. ${USAGE}`);
  if (!['html', 'pdf', 'csv', 'json'].includes(format)) fail(`--format must be html, pdf, csv or json. ${USAGE}`);
  if (!values.out) fail(`--out is required. ${USAGE}`);
  const knownAt = values['known-at'] ?? null;
  if (knownAt !== null && !isLocalDate(knownAt)) fail(`--known-at must be a date YYYY-MM-DD. ${USAGE}`);
  const app = await openCliApp();
  await catchUpWithProgress(app);
  const { body } = await app.get(ReportService).render(year, format, knownAt);
  writeFileSync(values.out!, body);
  process.stdout.write(`Wrote the ${year} report (${format}) to ${values.out}.\n`);
  await app.close();
}

main().catch(fail);
