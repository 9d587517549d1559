import { useState } from 'react';
import { Button, Checkbox, Form } from 'react-aria-components';
import { formatKronor } from '../api/sv';
import { GENDER } from '../api/sv';
import { importLimitMessage } from '../api/sv';
import { ApiError, api, ok, type Schemas } from '../api/client';
import { FormMessage, SelectField } from '../components/fields';
import { ScrollArea } from '../components/ScrollArea';
import { districtName, useDistricts } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';

type Status = Schemas['ImportStatusDto'];
type Report = Schemas['ImportReportDto'];

const ROW_STATUS: Record<Schemas['ImportRowDto']['status'], string> = {
  imported: 'Importerad',
  'would-import': 'Skulle importeras',
  unchanged: 'Oförändrad',
  failed: 'Fel',
};

/**
 * Importera register: a FUT unit's spreadsheet (xlsx or csv) into the
 * service, row by row through the same rules as every other client. A dry run
 * first shows each problem by row and column and what the year's statistics
 * would gain; importing the same file again writes nothing.
 */
export default function Import() {
  useDocumentTitle('Importera register');
  const session = useSession();
  const districts = useDistricts();
  const [file, setFile] = useState<File | null>(null);
  const [district, setDistrict] = useState(session.districts.length === 1 ? session.districts[0] : '');
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const [status, setStatus] = useState<Status>();
  const [report, setReport] = useState<Report>();

  const submit = async (): Promise<void> => {
    setError(undefined);
    setFileError(undefined);
    if (!file) {
      setFileError('Välj en fil (.xlsx eller .csv).');
      return;
    }
    setBusy(true);
    setStatus(undefined);
    setReport(undefined);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      form.append('dryRun', String(dryRun));
      if (district) form.append('district', district);
      const { data } = await ok(
        api.POST('/api/imports', {
          body: form as never,
          // The browser sets the multipart boundary itself.
          bodySerializer: (body: unknown) => body as FormData,
        }),
      );
      setStatus(data);
      const full = await ok(api.GET('/api/imports/{id}/report', { params: { path: { id: data.id } } }));
      setReport(full.data as Report);
    } catch (e) {
      // A file past an import limit: which limit, and its value (the API's detail is English).
      if (e instanceof ApiError && e.problem.limit) setError(importLimitMessage(e.problem.limit));
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const districtOptions = [
    { id: '', label: 'Den som står på raden' },
    ...(session.role === 'admin'
      ? districts.filter((d) => d.validTo === null).map((d) => ({ id: d.code, label: d.name }))
      : session.districts.map((d) => ({ id: d, label: districtName(districts, d) }))),
  ];
  const problems = (report?.rows ?? []).flatMap((r) => r.problems);
  return (
    <>
      <h1>Importera register</h1>
      <p>
        Läs in enhetens ärenden från Excel (.xlsx) eller CSV. Varje rad går genom samma regler som när ärendet
        registreras här. Gör först en provkörning: den ändrar ingenting och visar varje problem med rad och kolumn.
        Samma fil två gånger importeras bara en gång.
      </p>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        validationBehavior="aria"
        aria-label="Importera register"
      >
        <FormMessage>{error}</FormMessage>
        <div className="field">
          <label htmlFor="importfil">
            Registerfil <span aria-hidden="true">*</span>
          </label>
          <input
            id="importfil"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-required="true"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'importfil-fel' : 'importfil-hjalp'}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <span id="importfil-hjalp" className="description">
            Rubrikerna läses med 2018 års rapports begrepp, t.ex. Ärendenummer, Inkommen, Stadsdelsnämnd, Kön,
            Avslutsorsak.
          </span>
          {fileError && (
            <span id="importfil-fel" className="field-error" role="alert">
              {fileError}
            </span>
          )}
        </div>
        <SelectField
          label="Stadsdel för rader utan stadsdel"
          options={districtOptions}
          value={district}
          onChange={setDistrict}
        />
        <Checkbox isSelected={dryRun} onChange={setDryRun} className="checkbox">
          <span className="box" aria-hidden="true" />
          Provkörning (ingenting sparas)
        </Checkbox>
        <Button type="submit" isDisabled={busy}>
          {busy ? 'Läser in…' : dryRun ? 'Provkör importen' : 'Importera'}
        </Button>
      </Form>

      {status?.summary && (
        <section aria-labelledby="importresultat">
          <h2 id="importresultat">{status.dryRun ? 'Provkörning' : 'Import'}: resultat</h2>
          <p role="status">
            {status.summary.rows} rader: {status.summary.imported} {status.dryRun ? 'skulle importeras' : 'importerade'}
            , {status.summary.unchanged} oförändrade, {status.summary.failed} med fel.
          </p>
          {status.columns && status.columns.unmapped.length > 0 && (
            <p>Kolumner som inte lästes: {status.columns.unmapped.join(', ')}.</p>
          )}
          <p>
            <a href={`/api/imports/${status.id}/report?format=xlsx`}>Ladda ned rapporten (Excel)</a> ·{' '}
            <a href={`/api/imports/${status.id}/report?format=csv`}>CSV</a>
          </p>
        </section>
      )}

      {problems.length > 0 && (
        <section aria-labelledby="importproblem">
          <h2 id="importproblem">Problem ({problems.length})</h2>
          <ScrollArea label="Problem per rad och kolumn">
            <table>
              <thead>
                <tr>
                  <th scope="col">Rad</th>
                  <th scope="col">Kolumn</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={`${p.row}-${i}`}>
                    <td>{p.row}</td>
                    <td>{p.column ?? 'Hela raden'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </section>
      )}

      {report && report.totals.length > 0 && (
        <section aria-labelledby="importsummor">
          <h2 id="importsummor">Det här läggs till i statistiken</h2>
          <p>Jämför med enhetens egen sammanställning innan du importerar.</p>
          <ScrollArea label="Tillägg till statistiken per år, stadsdel och kön">
            <table>
              <thead>
                <tr>
                  <th scope="col">År</th>
                  <th scope="col">Stadsdel</th>
                  <th scope="col">Kön</th>
                  <th scope="col" className="num">
                    Inkomna
                  </th>
                  <th scope="col" className="num">
                    Utredningar
                  </th>
                  <th scope="col" className="num">
                    Återkrav
                  </th>
                  <th scope="col" className="num">
                    Återkrävt
                  </th>
                  <th scope="col" className="num">
                    Avslutade
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.totals.map((t) => (
                  <tr key={`${t.year}-${t.district}-${t.gender}`}>
                    <td>{t.year}</td>
                    <td>{districtName(districts, t.district)}</td>
                    <td>{GENDER[t.gender]}</td>
                    <td className="num">{t.received}</td>
                    <td className="num">{t.investigationsOpened}</td>
                    <td className="num">{t.claims}</td>
                    <td className="num">{formatKronor(t.claimedAmount)}</td>
                    <td className="num">{t.closed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </section>
      )}

      {report && (
        <section aria-labelledby="importrader">
          <h2 id="importrader">Rader</h2>
          <ScrollArea label="Rader i filen">
            <table>
              <thead>
                <tr>
                  <th scope="col">Rad</th>
                  <th scope="col">Ärendenummer</th>
                  <th scope="col">Utfall</th>
                  <th scope="col" className="num">
                    Steg
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    {/* A link only where the service says the reader may open the case (never an administrator). */}
                    <td>{r.caseId && r.openable ? <a href={`/arenden/${r.caseId}`}>{r.key}</a> : r.key}</td>
                    <td>{ROW_STATUS[r.status]}</td>
                    <td className="num">{r.steps}</td>
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
