import { useState } from 'react';
import { formatDate } from '../api/sv';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatKronor } from '../api/sv';
import { FIGURE } from '../api/sv';
import { api, ok, type Schemas } from '../api/client';
import { ScrollArea } from '../components/ScrollArea';
import { FormMessage, SelectField } from '../components/fields';
import { dateProblem } from '../form-errors';
import { districtName, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';

type Row = Schemas['StatisticsRowDto'];
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR - 2013 }, (_, i) => String(THIS_YEAR - i));
const number = new Intl.NumberFormat('sv-SE');

/**
 * The year's statistics and report. The department sees the city, every district's row and the approval; a
 * unit head sees their own districts' figures beside the city's total (the aggregate every district's own
 * yearly note sets its figures beside), their district's five-year series, and its own report and memo.
 */
export default function Statistics() {
  useDocumentTitle('Statistik och årsrapport');
  const session = useSession();
  const districts = useDistricts();
  const unitHead = session.role === 'unit-head';
  const [year, setYear] = useState(String(THIS_YEAR - 1));
  const [knownAt, setKnownAt] = useState('');
  const [knownAtLeft, setKnownAtLeft] = useState(false);
  // A "känt per" date is asked for only once it is a real day; until then the figures shown would not be its.
  const knownProblem = dateProblem(knownAt);
  const complete = /^\d{4}-\d{2}-\d{2}$/.test(knownAt.trim());
  const knownQuery = knownAt.trim() !== '' && !knownProblem ? { knownAt: knownAt.trim() } : {};
  const shownProblem = knownProblem && (complete || knownAtLeft) ? knownProblem : undefined;
  // A unit head's report and series are one of their districts'.
  const [district, setDistrict] = useState(unitHead ? (session.districts[0] ?? '') : '');
  const stats = useLoad(async () => {
    const y = Number(year);
    const range = { from: y - 4, to: y, ...knownQuery };
    const [annual, trend, own] = await Promise.all([
      ok(api.GET('/api/statistics/annual/{year}', { params: { path: { year }, query: knownQuery } })),
      ok(api.GET('/api/statistics/trend', { params: { query: range } })),
      district
        ? ok(api.GET('/api/statistics/trend', { params: { query: { ...range, district } } }))
        : Promise.resolve(undefined),
    ]);
    return { annual: annual.data as Schemas['AnnualStatisticsDto'], trend: trend.data, own: own?.data };
  }, [year, knownQuery.knownAt ?? '', district]);
  // The service refuses a day it cannot read: said at the field, like the form's own check.
  const apiProblem = stats.error?.problem.errors?.some((e) => e.field === 'knownAt')
    ? 'Datumet kan inte användas: skriv en dag som ÅÅÅÅ-MM-DD.'
    : undefined;
  const fieldError = shownProblem ?? apiProblem;
  // The figures shown are always those of the date in the field: none while it is not a day.
  const showFigures = stats.data && !stats.error && !stats.loading && (knownAt.trim() === '' || !knownProblem);
  const q = knownQuery.knownAt ? `&knownAt=${knownQuery.knownAt}` : '';
  const qCsv = knownQuery.knownAt ? `?knownAt=${knownQuery.knownAt}` : '';
  const qd = district ? `&district=${district}` : '';
  const ownName = district ? districtName(districts, district) : '';
  const file = (base: string) => (district ? `${base}-${district}` : base);

  return (
    <>
      <h1>Statistik och årsrapport</h1>
      {unitHead && (
        <p>
          Siffrorna för dina stadsdelar, bredvid stadens totalt, och din stadsdels egen årsrapport. Statistiken
          innehåller inga personuppgifter.
        </p>
      )}
      <div className="filters">
        <SelectField label="År" value={year} onChange={setYear} options={YEARS.map((y) => ({ id: y, label: y }))} />
        {unitHead && session.districts.length > 1 && (
          <SelectField
            label="Stadsdel"
            value={district}
            onChange={setDistrict}
            options={session.districts.map((c) => ({ id: c, label: districtName(districts, c) }))}
          />
        )}
        <div className="field">
          <label htmlFor="known-at">
            Känt per <span className="optional">(frivilligt)</span>
          </label>
          <input
            id="known-at"
            value={knownAt}
            onChange={(e) => setKnownAt(e.target.value)}
            onBlur={() => setKnownAtLeft(true)}
            onFocus={() => setKnownAtLeft(false)}
            placeholder="ÅÅÅÅ-MM-DD"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'known-at-help known-at-error' : 'known-at-help'}
          />
          <span id="known-at-help" className="help">
            Siffrorna som de kunde tas fram vid dagens slut.
          </span>
          {fieldError && (
            <span id="known-at-error" className="react-aria-FieldError" role="alert">
              {fieldError}
            </span>
          )}
        </div>
      </div>
      <section aria-labelledby="ladda-ner">
        <h2 id="ladda-ner">
          Ladda ner årsrapporten {year}
          {ownName && ` för ${ownName}`}
        </h2>
        <ul className="downloads">
          <li>
            <a href={`/api/reports/annual/${year}?format=pdf${q}${qd}`} download={`${file(`fut-rapport-${year}`)}.pdf`}>
              Rapport {year} som PDF
            </a>
          </li>
          <li>
            <a
              href={`/api/reports/annual/${year}?format=html${q}${qd}`}
              download={`${file(`fut-rapport-${year}`)}.html`}
            >
              Rapport {year} som HTML
            </a>
          </li>
          <li>
            <a
              href={`/api/reports/annual/${year}?format=docx${q}${qd}`}
              download={`${file(`fut-rapport-${year}`)}.docx`}
            >
              Rapport {year} som Word, att redigera
            </a>
          </li>
          <li>
            <a
              href={`/api/reports/annual/${year}/memo${qCsv}${qCsv ? qd : qd.replace('&', '?')}`}
              download={`${file(`tjansteutlatande-fut-${year}`)}.docx`}
            >
              Tjänsteutlåtande {year} med förslag till beslut, som Word
            </a>
          </li>
          <li>
            <a href={`/api/statistics/annual/${year}.csv${qCsv}`} download={`fut-statistik-${year}.csv`}>
              Statistik {year} som CSV (Excel)
            </a>
          </li>
          <li>
            <a
              href={`/api/statistics/trend.xlsx?from=${Number(year) - 4}&to=${year}${q}`}
              download={`fut-statistik-${Number(year) - 4}-${year}.xlsx`}
            >
              Femårsserien {Number(year) - 4}–{year} per stadsdel som Excel
            </a>
          </li>
        </ul>
      </section>
      {!unitHead && <Approval year={year} />}
      <FormMessage>{apiProblem || shownProblem ? undefined : stats.error?.message}</FormMessage>
      {stats.loading && <p role="status">Laddar statistiken…</p>}
      {showFigures && stats.data && (
        <>
          <AnnualTable annual={stats.data.annual} ownOnly={unitHead} />
          {stats.data.own && <Trend trend={stats.data.own} name={ownName} />}
          <Trend trend={stats.data.trend} name="staden totalt" chart={!stats.data.own} />
        </>
      )}
    </>
  );
}

/** Where a figure's one long word may break, with a hyphen, in a narrow heading (soft hyphens: read as one word). */
const BREAKS: Record<string, string> = {
  [FIGURE.compensationSuits]: 'Ersättnings\u00adtalan',
  [FIGURE.policeReports]: 'Polis\u00adanmälningar',
};
const breakable = (label: string) => BREAKS[label] ?? label;

/** A figure's heading over both heading rows. */
const single = (label: string) => (
  <th scope="col" rowSpan={2} className="num">
    {breakable(label)}
  </th>
);

/** Women or men of a figure: the figure's name read out with it, shown once above the pair. */
const split = (figure: string, gender: 'Kvinnor' | 'Män') => (
  <th scope="col" className="num">
    <span className="visually-hidden">{figure}, </span>
    {gender}
  </th>
);

function AnnualTable({ annual, ownOnly }: { annual: Schemas['AnnualStatisticsDto']; ownOnly: boolean }) {
  const rows: Array<{ name: string; row: Row; total?: boolean }> = [
    ...annual.districts.map((d) => ({ name: d.name, row: d })),
    { name: 'Staden totalt', row: annual.total, total: true },
  ];
  return (
    <section aria-labelledby="per-stadsdel">
      <h2 id="per-stadsdel">
        {ownOnly ? `Dina stadsdelar och staden, per kön ${annual.year}` : `Per stadsdel och kön ${annual.year}`}
      </h2>
      <ScrollArea label="Årsstatistik per stadsdel">
        <table className="stats">
          <caption className="visually-hidden">
            Årsstatistik per stadsdel, med kvinnor och män för återkrav och polisanmälningar
          </caption>
          {/* Two heading rows: women and men under the figure they split, so the table fits a 1 280 px screen. */}
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Stadsdel
              </th>
              {single(FIGURE.received)}
              {single(FIGURE.queueAtYearEnd)}
              {single(FIGURE.investigationsOpened)}
              <th scope="colgroup" colSpan={2} className="group">
                {FIGURE.claims}
              </th>
              {single(FIGURE.claimedAmount)}
              <th scope="colgroup" colSpan={2} className="group">
                {breakable(FIGURE.policeReports)}
              </th>
              {single(FIGURE.compensationSuits)}
              {single(FIGURE.repaidAmount)}
              {single(FIGURE.closed)}
            </tr>
            <tr>
              {split(FIGURE.claims, 'Kvinnor')}
              {split(FIGURE.claims, 'Män')}
              {split(FIGURE.policeReports, 'Kvinnor')}
              {split(FIGURE.policeReports, 'Män')}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ name, row, total }) => (
              <tr key={name} className={total ? 'total' : undefined}>
                <th scope="row">{name}</th>
                <td className="num">{number.format(row.received)}</td>
                <td className="num">{number.format(row.queueAtYearEnd)}</td>
                <td className="num">{number.format(row.investigationsOpened)}</td>
                <td className="num">{number.format(row.claims.woman)}</td>
                <td className="num">{number.format(row.claims.man)}</td>
                <td className="num">{formatKronor(row.claimedAmount)}</td>
                <td className="num">{number.format(row.policeReports.woman)}</td>
                <td className="num">{number.format(row.policeReports.man)}</td>
                <td className="num">{number.format(row.compensationSuits)}</td>
                <td className="num">{formatKronor(row.repaidAmount)}</td>
                <td className="num">{number.format(row.closed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </section>
  );
}

const SERIES = [
  { key: 'received', label: FIGURE.received, color: '#0b4f8a' },
  { key: 'investigationsOpened', label: FIGURE.investigationsOpened, color: '#c75000' },
  { key: 'claims', label: FIGURE.claims, color: '#1d6b2f' },
  { key: 'closed', label: FIGURE.closed, color: '#6a3d9a' },
] as const;

/** The five-year series: a chart, and the same numbers in a table for everyone who cannot see it. */
function Trend({ trend, name, chart = true }: { trend: Schemas['TrendDto']; name: string; chart?: boolean }) {
  const id = `femarsserie-${trend.district ?? 'staden'}`;
  const data = trend.years.map((y) => ({
    year: String(y.year),
    received: y.received,
    investigationsOpened: y.investigationsOpened,
    claims: y.claims.total,
    closed: y.closed,
  }));
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        Femårsserie {trend.from}–{trend.to}, {name}
      </h2>
      {chart && (
        <figure className="chart">
          <div aria-hidden="true" style={{ width: '100%', height: 320 }}>
            <ResponsiveContainer>
              <BarChart data={data} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="year" />
                <YAxis />
                <Tooltip />
                {/* In the bars' order (the process's), not recharts' default alphabetical one. */}
                <Legend itemSorter={(item) => SERIES.findIndex((s) => s.key === item.dataKey)} />
                {SERIES.map((s) => (
                  <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <figcaption>Diagrammets siffror står i tabellen nedan.</figcaption>
        </figure>
      )}
      <table>
        <caption>Femårsserie, {name}</caption>
        <thead>
          <tr>
            <th scope="col">År</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col" className="num">
                {s.label}
              </th>
            ))}
            <th scope="col" className="num">
              {FIGURE.claimedAmount}
            </th>
            <th scope="col" className="num">
              {FIGURE.repaidAmount}
            </th>
          </tr>
        </thead>
        <tbody>
          {trend.years.map((y, i) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              {SERIES.map((s) => (
                <td key={s.key} className="num">
                  {number.format(data[i][s.key])}
                </td>
              ))}
              <td className="num">{formatKronor(y.claimedAmount)}</td>
              <td className="num">{formatKronor(y.repaidAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The year's approval (fastställelse): which version the default figures are, what was recorded into the year
 * after it, and approving the figures as known at a day.
 */
function Approval({ year }: { year: string }) {
  const state = useLoad(
    async () => (await ok(api.GET('/api/reports/annual/{year}/approvals', { params: { path: { year } } }))).data,
    [year],
  );
  const [knownAt, setKnownAt] = useState('');
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const latest = state.data?.approvals.at(-1);
  const approve = async (): Promise<void> => {
    setMessage(undefined);
    setError(undefined);
    try {
      const { data } = await ok(
        api.POST('/api/reports/annual/{year}/approvals', {
          params: { path: { year } },
          body: { knownAt, ...(latest ? { basedOnVersion: latest.version } : {}) },
        }),
      );
      setMessage(
        `Årsrapporten ${year} är fastställd med uppgifter kända per ${data.knownAt}` +
          (data.differences.length > 0 ? `: ${data.differences.length} uppgifter ändrades från förra versionen.` : '.'),
      );
      state.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const steps = state.data?.stepsAfterApproval ?? [];
  return (
    <section aria-labelledby="faststallelse">
      <h2 id="faststallelse">Fastställelse av {year}</h2>
      <FormMessage>{state.error?.message ?? error}</FormMessage>
      <FormMessage tone="success">{message}</FormMessage>
      {state.data && (
        <p>
          {latest
            ? `Fastställd ${formatDate(latest.approvedOn)} av ${latest.approvedBy} med uppgifter kända per ${latest.knownAt} (version ${latest.version + 1}). Rapporten och statistiken för ${year} visar de fastställda siffrorna.`
            : `Rapporten för ${year} är inte fastställd: den visar allt som registrerats hittills.`}
        </p>
      )}
      {steps.length > 0 && (
        <table>
          <caption>Registrerat efter fastställelsen, daterat {year}</caption>
          <thead>
            <tr>
              <th scope="col">Ärende</th>
              <th scope="col">Steg</th>
              <th scope="col">Datum</th>
              <th scope="col">Registrerat</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => (
              <tr key={i}>
                <th scope="row">{s.caseNumber}</th>
                <td>{s.step}</td>
                <td>{formatDate(s.businessDate)}</td>
                <td>{formatDate(s.recordedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="filters">
        <div className="field">
          <label htmlFor="approve-known-at">Fastställ med uppgifter kända per</label>
          <input
            id="approve-known-at"
            value={knownAt}
            onChange={(e) => setKnownAt(e.target.value)}
            placeholder="ÅÅÅÅ-MM-DD"
            aria-describedby="approve-known-at-help"
          />
          <span id="approve-known-at-help" className="help">
            En dag efter årets slut. Steg som registreras senare ändrar inte de fastställda siffrorna.
          </span>
        </div>
        <button type="button" onClick={() => void approve()} disabled={!/^\d{4}-\d{2}-\d{2}$/.test(knownAt)}>
          {latest ? 'Fastställ en ny version' : 'Fastställ'}
        </button>
      </div>
    </section>
  );
}
