import { useState } from 'react';
import { formatDate, formatKronor } from '../api/sv';
import { api, ok } from '../api/client';
import { FormMessage, SelectField } from '../components/fields';
import { today, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const firstOfMonth = (): string => `${today().slice(0, 8)}01`;

/**
 * The decisions taken under delegation in a nämnd in a period, in the form the
 * nämnd is told of them (anmälan av delegationsbeslut, 6 kap. 40 §
 * kommunallagen): on the screen, and as PDF and CSV for the agenda.
 */
export default function DelegatedDecisions() {
  useDocumentTitle('Delegationsbeslut');
  const session = useSession();
  const all = useDistricts();
  // A unit head sees their own districts' nämnder; the department every one.
  const districts = session.role === 'department' ? all : all.filter((d) => session.districts.includes(d.code));
  const [district, setDistrict] = useState('');
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(today());
  const chosen = district || districts[0]?.code || '';
  const valid = chosen !== '' && DATE.test(from) && DATE.test(to);
  const list = useLoad(
    async () =>
      valid
        ? (await ok(api.GET('/api/delegated-decisions', { params: { query: { district: chosen, from, to } } }))).data
        : undefined,
    [chosen, from, to],
  );
  const query = `?district=${encodeURIComponent(chosen)}&from=${from}&to=${to}`;
  const name = `delegationsbeslut-${chosen}-${from}-${to}`;
  const l = list.data;

  return (
    <>
      <h1>Delegationsbeslut</h1>
      <p>
        Beslut som fattats med stöd av delegation, som de anmäls till nämnden (6 kap. 40 § kommunallagen). Nämndens egna
        beslut finns i dess protokoll och visas inte här.
      </p>
      <div className="filters">
        <SelectField
          label="Stadsdelsnämnd"
          value={chosen}
          onChange={setDistrict}
          options={districts.map((d) => ({ id: d.code, label: d.name }))}
        />
        <DateInput id="fran" label="Beslutade från och med" value={from} onChange={setFrom} />
        <DateInput id="till" label="Till och med" value={to} onChange={setTo} />
      </div>
      {valid && (
        <section aria-labelledby="ladda-ner">
          <h2 id="ladda-ner">Ladda ner anmälan</h2>
          <ul className="downloads">
            <li>
              <a href={`/api/delegated-decisions/export.pdf${query}`} download={`${name}.pdf`}>
                Anmälan som PDF
              </a>
            </li>
            <li>
              <a href={`/api/delegated-decisions/export.csv${query}`} download={`${name}.csv`}>
                Anmälan som CSV (Excel)
              </a>
            </li>
          </ul>
        </section>
      )}
      <FormMessage>{list.error?.message}</FormMessage>
      {l && (
        <section aria-labelledby="anmalan">
          <h2 id="anmalan">
            {l.districtName}, {formatDate(l.from)}–{formatDate(l.to)}
          </h2>
          {l.decisions.length === 0 ? (
            <p role="status">Inga beslut med stöd av delegation under perioden.</p>
          ) : (
            <table>
              <caption>{l.decisions.length} beslut</caption>
              <thead>
                <tr>
                  <th scope="col">Beslutsdatum</th>
                  <th scope="col">Ärende</th>
                  <th scope="col">Beslut</th>
                  <th scope="col">Lagrum</th>
                  <th scope="col" className="num">
                    Belopp
                  </th>
                  <th scope="col">Beslutsfattare</th>
                  <th scope="col">Delegationspunkt</th>
                </tr>
              </thead>
              <tbody>
                {l.decisions.map((d, i) => (
                  <tr key={i}>
                    <td>{formatDate(d.decidedOn)}</td>
                    <td>
                      <a href={`/arenden/${d.caseId}`}>{d.caseNumber}</a>
                    </td>
                    <td>{d.label}</td>
                    <td>{d.legalParagraph}</td>
                    <td className="num">{d.amount === null ? '–' : formatKronor(d.amount)}</td>
                    <td>
                      {d.decidedBy
                        ? `${d.decidedBy} (${d.capacityLabel})`
                        : d.imported
                          ? 'Ej angiven (importerat)'
                          : 'Ej angiven'}
                    </td>
                    <td>
                      {d.delegationPoint
                        ? `${d.delegationPoint}${d.delegationPointTitle ? ` ${d.delegationPointTitle}` : ''}`
                        : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}

function DateInput(props: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  const { id, label, value, onChange } = props;
  const wrong = value !== '' && !DATE.test(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="ÅÅÅÅ-MM-DD"
        aria-invalid={wrong}
        aria-describedby={`${id}-help`}
      />
      <span id={`${id}-help`} className="help">
        {wrong ? 'Skriv datumet som ÅÅÅÅ-MM-DD.' : 'ÅÅÅÅ-MM-DD'}
      </span>
    </div>
  );
}
