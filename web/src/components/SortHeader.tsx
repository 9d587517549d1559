import { useState } from 'react';
import './lists.css';

/** A list's order: a column, ascending or descending. The API's `sort` is the key, with '-' first for descending. */
export interface Sort<K extends string = string> {
  key: K;
  descending: boolean;
}

/** `sort` as the API takes it. */
export const sortParam = (sort: Sort): string => `${sort.descending ? '-' : ''}${sort.key}`;

/** A list's order, starting at its own; choosing the column shown turns it round, another column starts ascending. */
export function useSort<K extends string>(initial: Sort<K>): [Sort<K>, (key: K, firstDescending?: boolean) => void] {
  const [sort, setSort] = useState<Sort<K>>(initial);
  const choose = (key: K, firstDescending = false) =>
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: firstDescending }));
  return [sort, choose];
}

/**
 * A column heading that orders its table (the WAI-ARIA sortable table pattern):
 * a button in the heading, `aria-sort` on the sorted column only, and the
 * arrow hidden from screen readers, who hear the order from `aria-sort`.
 */
export function SortHeader<K extends string>({
  label,
  column,
  sort,
  onSort,
  numeric,
  firstDescending,
}: {
  label: string;
  column: K;
  sort: Sort<K>;
  onSort: (key: K, firstDescending?: boolean) => void;
  /** Right-aligned, as amounts and counts. */
  numeric?: boolean;
  /** Amounts and days: the largest first, on the first press. */
  firstDescending?: boolean;
}) {
  const active = sort.key === column;
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(column, firstDescending)}>
        {label}
        <span aria-hidden="true" className={active ? 'sort-arrow sort-arrow-active' : 'sort-arrow'}>
          {active ? (sort.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Swedish alphabetical order (å, ä, ö last), for a list sorted in the browser. */
export const SWEDISH = new Intl.Collator('sv-SE', { sensitivity: 'accent', numeric: true });

/** A small list (every row in the browser) in the order chosen: text in Swedish order, numbers by size, blanks last. */
export function sortedRows<T, K extends string>(
  rows: T[],
  sort: Sort<K>,
  value: (row: T, key: K) => string | number | null,
): T[] {
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : SWEDISH.compare(String(x), String(y));
    return sort.descending ? -c : c;
  });
}

/** The person's name as a list shows it: the name, or that the identity is protected, or a dash. */
export function PersonName({ name, isProtected }: { name: string | null; isProtected: boolean }) {
  if (isProtected) return <span className="protected-name">Skyddad identitet</span>;
  return <>{name ?? '–'}</>;
}
