import { useState } from 'react';
import { Button, Checkbox, Form, Link } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { NEXT_STEP, STATUS } from '../api/sv';
import { formatDate, formatKronor } from '../api/sv';
import { ApiError, api, ok, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { ScrollArea } from '../components/ScrollArea';
import { FormMessage, SelectField, TextInput } from '../components/fields';
import { daysBetween, districtName, today, useDistricts, useLoad } from '../hooks';
import { useDocumentTitle } from '../router';
import { useSession } from '../session';
import { MyOpenCases } from './my-work/MyOpenCases';
import { TakeCaseButton } from './my-work/TakeCase';
import { PersonName, type Sort, SortHeader, sortParam, useSort } from '../components/SortHeader';

const PAGE_SIZE = 25;
type CaseList = Schemas['CaseListDto'];
type Status = NonNullable<Schemas['SearchCasesDto']['status']>;
type CaseListSort = NonNullable<NonNullable<paths['/api/cases']['get']['parameters']['query']>['sort']>;
type SortKey =
  | 'caseNumber'
  | 'name'
  | 'status'
  | 'days'
  | 'district'
  | 'investigator'
  | 'receivedOn'
  | 'nextDeadline'
  | 'amountAtRisk';

/** The API's order for a column: days in the status count up as the day it began goes back. */
const apiSort = (sort: Sort<SortKey>) =>
  sort.key === 'days' ? sortParam({ key: 'statusSince', descending: !sort.descending }) : sortParam(sort);

interface FindForm {
  caseNumber: string;
  personalIdentityNumber: string;
}

export function MyCases() {
  useDocumentTitle('Mina ärenden');
  const session = useSession();
  const districts = useDistricts();
  const [status, setStatus] = useState('');
  const [district, setDistrict] = useState('');
  // My own cases have a list of their own above (what is due first first); this one is the districts'.
  const [mineOnly, setMineOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [refresh, setRefresh] = useState(0);
  const [taken, setTaken] = useState<string>();
  const [takeError, setTakeError] = useState<string>();
  const [sort, chooseSort] = useSort<SortKey>({ key: 'receivedOn', descending: true });
  const onSort = (key: SortKey, firstDescending?: boolean) => (chooseSort(key, firstDescending), setPage(1));
  const list = useLoad(
    async () =>
      (
        await ok(
          api.GET('/api/cases', {
            params: {
              query: {
                page,
                pageSize: PAGE_SIZE,
                sort: apiSort(sort) as CaseListSort,
                ...(status ? { status: status as Status } : { open: true }),
                ...(district ? { district } : {}),
                ...(mineOnly ? { investigator: session.user } : {}),
              },
            },
          }),
        )
      ).data,
    [status, district, mineOnly, page, refresh, sort],
  );
  const onTaken = (caseNumber: string): void => {
    setTakeError(undefined);
    setTaken(`Du har tagit ärende ${caseNumber}.`);
    setRefresh((n) => n + 1);
  };
  const onTakeError = (e: unknown, caseNumber: string): void => {
    setTaken(undefined);
    setTakeError(`Ärende ${caseNumber} kunde inte tas: ${e instanceof Error ? e.message : String(e)}`);
    setRefresh((n) => n + 1);
  };

  const find = useForm<FindForm>({ defaultValues: { caseNumber: '', personalIdentityNumber: '' } });
  const [found, setFound] = useState<CaseList>();
  const [findError, setFindError] = useState<string>();
  const onFind = find.handleSubmit(async (values) => {
    setFindError(undefined);
    const caseNumber = values.caseNumber.trim();
    const pin = values.personalIdentityNumber.trim();
    if (!caseNumber && !pin) {
      setFindError('Fyll i ärendenummer eller personnummer.');
      return;
    }
    try {
      // A case number may travel in the address; a personnummer only in a request body.
      const result = caseNumber
        ? ok(api.GET('/api/cases', { params: { query: { caseNumber, pageSize: 50 } } }))
        : ok(api.POST('/api/cases/search', { body: { personalIdentityNumber: pin, pageSize: 50 } }));
      setFound((await result).data);
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors?.some((f) => f.field === 'personalIdentityNumber'))
        find.setError('personalIdentityNumber', { message: 'Personnumret är inte giltigt (kontrollera siffrorna).' });
      else if (e instanceof ApiError && e.problem.errors?.some((f) => f.field === 'caseNumber'))
        find.setError('caseNumber', { message: 'Skriv ärendenumret som till exempel NO-2026-0001.' });
      else setFindError(e instanceof Error ? e.message : String(e));
    }
  });

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const myDistricts = districts.filter((d) => session.districts.includes(d.code));
  // A reader of one district sees its name once, in the caption: a column saying it on every row would push the
  // list past a 1 280 px screen.
  const oneDistrict = myDistricts.length === 1 ? myDistricts[0] : undefined;

  return (
    <>
      <h1>Mina ärenden</h1>
      <FormMessage tone="success">{taken}</FormMessage>
      <MyOpenCases refresh={refresh} />
      <section aria-labelledby="sok-rubrik" className="panel">
        <h2 id="sok-rubrik">Hitta ärende</h2>
        <Form onSubmit={(e) => void onFind(e)} className="inline-form" validationBehavior="aria">
          <TextInput control={find.control} name="caseNumber" label="Ärendenummer" type="search" />
          <TextInput
            control={find.control}
            name="personalIdentityNumber"
            label="Personnummer"
            description="ÅÅÅÅMMDD-NNNN. Skickas i sökningen, aldrig i adressen."
            type="search"
          />
          <Button type="submit">Sök</Button>
        </Form>
        <FormMessage>{findError}</FormMessage>
        {found && (
          <>
            <h3>Sökresultat</h3>
            {found.items.length === 0 ? (
              <p role="status">Inga ärenden hittades i dina stadsdelar.</p>
            ) : (
              <CaseTable
                items={found.items}
                districts={districts}
                caption={`Sökresultat${oneDistrict ? ` i ${oneDistrict.name}` : ''}`}
                showDistrict={!oneDistrict}
              />
            )}
          </>
        )}
      </section>

      <section aria-labelledby="lista-rubrik">
        <h2 id="lista-rubrik">Ärenden i mina stadsdelar</h2>
        <div className="filters">
          <SelectField
            label="Status"
            value={status}
            onChange={(v) => (setStatus(v), setPage(1))}
            options={[{ id: '', label: 'Alla öppna' }, ...Object.entries(STATUS).map(([id, label]) => ({ id, label }))]}
          />
          {myDistricts.length > 1 && (
            <SelectField
              label="Stadsdel"
              value={district}
              onChange={(v) => (setDistrict(v), setPage(1))}
              options={[
                { id: '', label: 'Alla mina stadsdelar' },
                ...myDistricts.map((d) => ({ id: d.code, label: d.name })),
              ]}
            />
          )}
          <Checkbox isSelected={mineOnly} onChange={(v) => (setMineOnly(v), setPage(1))} className="checkbox">
            <span className="box" aria-hidden="true" />
            Bara ärenden där jag är utredare
          </Checkbox>
        </div>
        <FormMessage>{list.error?.message ?? takeError}</FormMessage>
        {data && data.items.length === 0 && <p role="status">Inga ärenden.</p>}
        {data && data.items.length > 0 && (
          <>
            <CaseTable
              items={data.items}
              districts={districts}
              caption={`${data.total} ärenden${oneDistrict ? ` i ${oneDistrict.name}` : ''}`}
              showDistrict={!oneDistrict}
              take={{ onTaken, onError: onTakeError }}
              sort={sort}
              onSort={onSort}
            />
            <nav aria-label="Sidor" className="pager">
              <Button isDisabled={page <= 1} onPress={() => setPage(page - 1)}>
                Föregående
              </Button>
              <span aria-live="polite">
                Sida {page} av {pages}
              </span>
              <Button isDisabled={page >= pages} onPress={() => setPage(page + 1)}>
                Nästa
              </Button>
            </nav>
          </>
        )}
      </section>
    </>
  );
}

function CaseTable({
  items,
  districts,
  caption,
  take,
  sort,
  onSort,
  showDistrict,
}: {
  items: Schemas['CaseListItemDto'][];
  districts: Schemas['DistrictDto'][];
  caption: string;
  /** A Stadsdel column, when the reader has more than one district (else the caption names it). */
  showDistrict: boolean;
  /** Offers "Ta ärendet" on an open case nobody has. */
  take?: { onTaken: (caseNumber: string) => void; onError: (error: unknown, caseNumber: string) => void };
  /** The order, when the table can be ordered (a search result is not: it shows what was found). */
  sort?: Sort<SortKey>;
  onSort?: (key: SortKey, firstDescending?: boolean) => void;
}) {
  const now = today();
  const head = (label: string, column: SortKey, options: { numeric?: boolean; firstDescending?: boolean } = {}) =>
    sort && onSort ? (
      <SortHeader label={label} column={column} sort={sort} onSort={onSort} {...options} />
    ) : (
      <th scope="col" className={options.numeric ? 'num' : undefined}>
        {label}
      </th>
    );
  return (
    <ScrollArea label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head('Ärende', 'caseNumber')}
            {head('Namn', 'name')}
            {head('Mottaget', 'receivedOn', { firstDescending: true })}
            {head('Status', 'status')}
            <th scope="col">Nästa steg</th>
            {head('Dagar i status', 'days', { numeric: true, firstDescending: true })}
            {showDistrict && head('Stadsdel', 'district')}
            {head('Utredare', 'investigator')}
            {head('Närmaste treårsgräns', 'nextDeadline')}
            {head('Belopp i fara', 'amountAtRisk', { numeric: true, firstDescending: true })}
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link href={`/arenden/${c.id}`}>{c.caseNumber}</Link>
              </th>
              <td>
                <PersonName name={c.personName} isProtected={c.identityProtected} />
              </td>
              <td>{formatDate(c.receivedOn)}</td>
              <td>{STATUS[c.status]}</td>
              <td>{NEXT_STEP[c.status]}</td>
              <td className="num">{daysBetween(c.statusSince, now)}</td>
              {showDistrict && <td>{districtName(districts, c.district)}</td>}
              <td>
                {c.investigator ?? 'Ej tilldelad'}
                {take && c.investigator === null && c.status !== 'closed' && c.status !== 'voided' && (
                  <>
                    {' '}
                    <TakeCaseButton item={c} onTaken={take.onTaken} onError={take.onError} />
                  </>
                )}
              </td>
              <td>{formatDate(c.nextDeadline)}</td>
              <td className="num">{c.amountAtRisk > 0 ? formatKronor(c.amountAtRisk) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
