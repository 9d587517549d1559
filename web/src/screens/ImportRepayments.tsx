import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { formatCount, formatDate, formatKronor, importLimitMessage } from '../api/sv';
import { ApiError, api, ok, type Schemas } from '../api/client';
import { FormMessage } from '../components/fields';
import { ScrollArea } from '../components/ScrollArea';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';

type Status = Schemas['RepaymentImportStatusDto'];
type Report = Schemas['RepaymentImportReportDto'];

const ROW_STATUS: Record<Schemas['PaymentRowDto']['status'], string> = {
  recorded: 'Registrerad',
  'would-record': 'Registreras',
  unchanged: 'Redan registrerad',
  held: 'Kontrollera: registreras inte',
  failed: 'Fel: registreras inte',
};

/**
 * Importera inbetalningar: payments from the municipality's accounts
 * receivable (kundreskontra), each recorded as a repayment of the case it
 * names. A dry run comes first and shows what each row would do; only then
 * can the same file be recorded. A payment already recorded is never recorded
 * again.
 */
export default function ImportRepayments() {
  useDocumentTitle('Importera inbetalningar');
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const [status, setStatus] = useState<Status>();
  const [report, setReport] = useState<Report>();

  const send = async (dryRun: boolean): Promise<void> => {
    setError(undefined);
    setFileError(undefined);
    if (!file) {
      setFileError('Välj en fil (.xlsx eller .csv).');
      document.getElementById('inbetalningsfil')?.focus();
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      form.append('dryRun', String(dryRun));
      const { data } = await ok(
        api.POST('/api/repayment-imports', {
          body: form as never,
          // The browser sets the multipart boundary itself.
          bodySerializer: (body: unknown) => body as FormData,
        }),
      );
      const full = await ok(api.GET('/api/repayment-imports/{id}/report', { params: { path: { id: data.id } } }));
      setStatus(data);
      setReport(full.data as Report);
      document.getElementById('inbetalningsresultat')?.focus();
    } catch (e) {
      if (e instanceof ApiError && e.problem.limit) setError(importLimitMessage(e.problem.limit));
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const summary = status?.summary;
  const dryRunDone = status?.dryRun === true && summary !== undefined;
  return (
    <>
      <h1>Importera inbetalningar</h1>
      <p>
        Läs in inbetalningar från kommunens kundreskontra (Excel eller CSV). Varje rad registreras som en återbetalning
        i ärendet den gäller, med dig som den som registrerar. Raden ska ha ärendenummer eller avbetalningsplanens
        OCR-nummer, betalningsdatum och belopp i kronor; har filen verifikationsnummer skiljer de två lika betalningar
        samma dag åt. Gör först en provkörning: den ändrar ingenting och visar vad varje rad skulle göra. En inbetalning
        som redan är registrerad registreras aldrig igen.
      </p>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
        validationBehavior="aria"
        aria-label="Importera inbetalningar"
      >
        <FormMessage>{error}</FormMessage>
        <div className="field">
          <label htmlFor="inbetalningsfil">
            Fil med inbetalningar <span aria-hidden="true">*</span>
          </label>
          <input
            id="inbetalningsfil"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-required="true"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'inbetalningsfil-fel' : 'inbetalningsfil-hjalp'}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              // Another file needs its own dry run first.
              setStatus(undefined);
              setReport(undefined);
            }}
          />
          <span id="inbetalningsfil-hjalp" className="description">
            Kolumner: Ärendenummer eller OCR-nummer, Betalningsdatum (ÅÅÅÅ-MM-DD), Belopp (t.ex. 1 250,00); frivilligt
            Återkrav och Verifikationsnummer.
          </span>
          {fileError && (
            <span id="inbetalningsfil-fel" className="field-error" role="alert">
              {fileError}
            </span>
          )}
        </div>
        <Button type="submit" isDisabled={busy}>
          {busy ? 'Läser in…' : 'Provkör'}
        </Button>
      </Form>

      {status && summary && report && (
        <section aria-labelledby="inbetalningsresultat">
          <h2 id="inbetalningsresultat" tabIndex={-1}>
            {status.dryRun ? 'Provkörning' : 'Import'}: resultat
          </h2>
          <p role="status">
            {formatCount(summary.rows)} rader: {formatCount(summary.recorded)}{' '}
            {status.dryRun ? 'registreras' : 'registrerade'} ({formatKronor(summary.recordedAmount)}),{' '}
            {formatCount(summary.unchanged)} redan registrerade, {formatCount(summary.held)} att kontrollera,{' '}
            {formatCount(summary.failed)} med fel.
          </p>
          {status.columns && status.columns.unmapped.length > 0 && (
            <p>Kolumner som inte lästes: {status.columns.unmapped.join(', ')}.</p>
          )}
          {dryRunDone && summary.recorded > 0 && (
            <p>
              <Button isDisabled={busy} onPress={() => void send(false)}>
                Registrera {formatCount(summary.recorded)} {summary.recorded === 1 ? 'inbetalning' : 'inbetalningar'}
              </Button>
            </p>
          )}
          {dryRunDone && summary.recorded === 0 && <p>Ingen rad skulle registreras.</p>}
          <p>
            <a href={`/api/repayment-imports/${status.id}/report?format=xlsx`}>Ladda ned rapporten (Excel)</a> ·{' '}
            <a href={`/api/repayment-imports/${status.id}/report?format=csv`}>CSV</a>
          </p>
          <ScrollArea label="Rader i filen">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Rad
                  </th>
                  <th scope="col">Ärendenummer eller OCR</th>
                  <th scope="col">Betalningsdatum</th>
                  <th scope="col" className="num">
                    Belopp
                  </th>
                  <th scope="col">Utfall</th>
                  <th scope="col">Ärende</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.row}>
                    <td className="num">{r.row}</td>
                    <td>{r.key}</td>
                    <td>{r.paidOn ? formatDate(r.paidOn) : '–'}</td>
                    <td className="num">{r.amount === null ? '–' : formatKronor(r.amount)}</td>
                    <td className={r.status === 'failed' || r.status === 'held' ? 'overdue' : undefined}>
                      {ROW_STATUS[r.status]}
                    </td>
                    <td>
                      {r.caseId && r.caseNumber && session.role !== 'admin' ? (
                        <a href={`/arenden/${r.caseId}`}>{r.caseNumber}</a>
                      ) : (
                        (r.caseNumber ?? '–')
                      )}
                      {r.claimId && r.claimId !== '1' ? ` (återkrav ${r.claimId})` : ''}
                    </td>
                    <td>{r.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </section>
      )}
    </>
  );
}
