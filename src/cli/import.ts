import 'reflect-metadata';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { USER_ID } from '../auth/principal';
import { type FieldError, Problem } from '../common/problem';
import { ImportService } from '../imports/import.service';
import { parseMappingFile } from '../imports/import-mapping';
import { ImportLimitError, MAX_FILE_BYTES } from '../imports/import-limits';
import { importLimitMessage } from '../labels/import-limit-message';
import { reportTable, type ImportReport } from '../imports/import-report';
import { tableToCsv, tableToXlsx } from '../common/table-export';
import { catchUpWithProgress, fail, openCliApp, progressBar } from './cli-app';

const USAGE =
  'Användning: npm run import -- --file register.xlsx|register.csv --by ANVÄNDARE [--sheet NAMN] [--mapping mapping.json] [--district KOD] [--dry-run] [--report rapport.csv|rapport.xlsx]';

/**
 * `npm run import`: brings a FUT unit's register into the service, row by row
 * through the same commands the API sends. Stop the service first, as for demo:load.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      sheet: { type: 'string' },
      mapping: { type: 'string' },
      district: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
      by: { type: 'string' },
    },
  });
  if (!values.file) fail(USAGE);
  // Every imported event and the report record who imported (recordedBy `cli:<by>`): the person is
  // named on the command line, never guessed from the shell's login ($USER is often a shared account).
  if (values.by === undefined)
    fail(`--by ANVÄNDARE krävs: den som importerar registreras på varje händelse.\n${USAGE}`);
  if (!USER_ID.test(values.by)) fail('--by måste vara ett användar-id (bokstäver, siffror och . _ @ -).');
  // The same bound as an upload's: the file is read whole before its worker streams through it.
  if (statSync(values.file).size > MAX_FILE_BYTES)
    fail(`Filen är större än ${MAX_FILE_BYTES / (1024 * 1024)} MB. Dela upp registret i flera filer.`);
  const file = readFileSync(values.file);
  const mapping = values.mapping
    ? parseMappingFile(JSON.parse(readFileSync(values.mapping, 'utf8')) as unknown)
    : undefined;
  const app = await openCliApp();
  const imports = app.get(ImportService);
  const request = {
    file,
    fileName: basename(values.file),
    sheet: values.sheet,
    mapping,
    district: values.district,
    dryRun: values['dry-run'] ?? false,
    actor: `cli:${values.by}`,
    role: 'admin',
    districts: null,
  };
  const prepared = await imports.prepare(request).catch(async (error: unknown) => {
    await app.close();
    fail(messageOf(error));
  });
  const bar = progressBar(request.dryRun ? 'Provläser register' : 'Importerar register');
  bar.start(prepared.sheet.rows.length, 0);
  const report = await imports.run(request, prepared, undefined, (done) => bar.update(done));
  bar.stop();
  process.stdout.write(describe(report));
  if (values.report) {
    const table = reportTable(report);
    writeFileSync(values.report, values.report.endsWith('.xlsx') ? await tableToXlsx(table) : tableToCsv(table));
    process.stdout.write(`Rapporten är sparad i ${values.report}.\n`);
  }
  if (!request.dryRun) await catchUpWithProgress(app);
  await app.close();
}

const GENDER = { woman: 'kvinna', man: 'man', unknown: 'okänt kön' } as const;
const kr = (kronor: number): string =>
  `${kronor.toLocaleString('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/\s/g, ' ')} kr`;

/** The report as the unit reads it: unmapped headings, each problem by row and column, the totals per year. */
export function describe(report: ImportReport): string {
  const out: string[] = [];
  if (report.columns.unmapped.length > 0)
    out.push(`Kolumner som inte kunde mappas (lästes inte): ${report.columns.unmapped.join(', ')}`);
  for (const row of report.rows)
    for (const p of row.problems)
      out.push(`Rad ${p.row}${p.column ? `, kolumn ${p.column}` : ''}: ${p.message} [${p.code}]`);
  const s = report.summary;
  out.push(
    `${s.rows} rader: ${s.imported} ${report.dryRun ? 'skulle importeras' : 'importerade'}, ${s.unchanged} oförändrade, ${s.failed} med fel.`,
  );
  if (report.totals.length > 0) {
    out.push(
      `Tillskott till statistiken (år; stadsdelsnämnd; kön: inkomna, inledda utredningar, återkrav, belopp, polisanmälningar, ersättningstalan, återbetalt, avslutade):`,
    );
    for (const t of report.totals)
      out.push(
        `  ${t.year}; ${t.district}; ${GENDER[t.gender]}: ${t.received}, ${t.investigationsOpened}, ${t.claims}, ${kr(t.claimedAmount)}, ${t.policeReports}, ${t.compensationSuits}, ${kr(t.repaidAmount)}, ${t.closed}`,
      );
  }
  out.push(`Import ${report.id} (fil sha-256 ${report.fileSha256}).`);
  return out.join('\n') + '\n';
}

/** A refused request as the command line shows it: each field and what is wrong with it. */
function messageOf(error: unknown): unknown {
  if (error instanceof ImportLimitError)
    return importLimitMessage({ name: error.limit, max: error.max, found: error.found });
  if (error instanceof Problem) {
    const errors = (error.extensions.errors ?? []) as FieldError[];
    return errors.length > 0 ? errors.map((e) => `${e.field}: ${e.message}`).join('\n') : error.detail;
  }
  return error;
}

if (require.main === module) main().catch((error: unknown) => fail(messageOf(error)));
