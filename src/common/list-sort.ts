import { Problem } from './problem';

/**
 * A list's order as a request names it: `sort=<key>` ascending, `sort=-<key>`
 * descending, the key one of the list's own (a whitelist: the key picks an
 * ORDER BY the list wrote, never SQL from the request). An unknown key is a
 * 400 naming `sort` (the DTO's IsIn); every order ends on a unique column, so
 * pages never overlap or skip a case.
 */
export interface SortOrder<K extends string = string> {
  key: K;
  descending: boolean;
}

/** The values `sort` accepts for these keys: each key, and each with a leading '-'. */
export const sortValues = <K extends string>(keys: readonly K[]): string[] => keys.flatMap((k) => [k, `-${k}`]);

/** The order a request asks for, or the list's own when it names none. */
export function sortOrder<K extends string>(value: string | undefined, fallback: SortOrder<K>): SortOrder<K> {
  if (!value) return fallback;
  return value.startsWith('-')
    ? { key: value.slice(1) as K, descending: true }
    : { key: value as K, descending: false };
}

/**
 * Names are kept encrypted, with each person's key: no index can order them.
 * A list sorted by name decrypts the names of every case it holds, so it may
 * hold at most this many; a longer one is narrowed first (a status, a
 * district, my own cases). Its cost grows with the list, never the store.
 */
export const NAME_SORT_LIMIT = 1000;

export function nameSortTooLong(total: number): Problem {
  return new Problem(
    400,
    'sort-list-too-long',
    'Invalid request',
    `sort=name orders at most ${NAME_SORT_LIMIT} cases; this list holds ${total}. Narrow it first.`,
    {
      errors: [{ field: 'sort', message: `sort=name orders at most ${NAME_SORT_LIMIT} cases` }],
      limit: NAME_SORT_LIMIT,
    },
  );
}

/** Swedish alphabetical order (å, ä, ö last; case and accents aside from that), as people's names and districts are read. */
export const SWEDISH = new Intl.Collator('sv-SE', { sensitivity: 'accent', numeric: true });

/**
 * Rows by a name in Swedish order, ascending or descending; rows without a
 * name (a protected identity, none given, culled) last either way, in `tie`'s
 * order, so where they stand says nothing of the name they do not show.
 */
export function byName<T>(
  rows: T[],
  nameOf: (row: T) => string | null,
  descending: boolean,
  tie: (a: T, b: T) => number,
): T[] {
  const named = rows.map((row) => ({ row, name: nameOf(row) }));
  return named
    .sort((a, b) => {
      if (a.name === null || b.name === null) return a.name === b.name ? tie(a.row, b.row) : a.name === null ? 1 : -1;
      const c = SWEDISH.compare(a.name, b.name);
      return (descending ? -c : c) || tie(a.row, b.row);
    })
    .map((n) => n.row);
}

/** The codes of districts in Swedish order of their names: an ORDER BY ranks a district by its place here. */
export function districtOrder(districts: ReadonlyArray<{ code: string; name: string }>): string[] {
  return [...districts]
    .sort((a, b) => SWEDISH.compare(a.name, b.name) || a.code.localeCompare(b.code))
    .map((d) => d.code);
}
