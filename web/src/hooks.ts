import { useCallback, useEffect, useState } from 'react';
import { api, ok, type ApiError, type Schemas } from './api/client';

/** Loads data for a screen; `reload` fetches again (after a change). */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Puts data read elsewhere in place (e.g. read again after a change), in the same render as what goes with it. */
  set: (data: T) => void;
} {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((d) => live && (setData(d), setError(undefined)))
      .catch((e: ApiError) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((d: T) => (setData(d), setError(undefined)), []);
  return { data, error, loading, reload, set };
}

let districtCache: Promise<Schemas['DistrictDto'][]> | undefined;

/** The district register (names for codes), loaded once. */
export function useDistricts(): Schemas['DistrictDto'][] {
  const [districts, setDistricts] = useState<Schemas['DistrictDto'][]>([]);
  useEffect(() => {
    districtCache ??= ok(api.GET('/api/districts')).then((r) => r.data);
    void districtCache.then(setDistricts).catch(() => (districtCache = undefined));
  }, []);
  return districts;
}

export function districtName(districts: Schemas['DistrictDto'][], code: string): string {
  return districts.find((d) => d.code === code)?.name ?? code;
}

const stockholmDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** Today in Stockholm as ÅÅÅÅ-MM-DD (one formatter: making one is slow, and every date field of a form asks). */
export function today(): string {
  return stockholmDay.format(new Date());
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whom a unit head can give a district's cases to (the staff the service knows there); empty for others. */
export function useStaff(district: string | undefined, enabled: boolean): string[] {
  const [staff, setStaff] = useState<string[]>([]);
  useEffect(() => {
    if (!district || !enabled) return;
    let live = true;
    ok(api.GET('/api/staff', { params: { query: { district } } }))
      .then((r) => live && setStaff(r.data.map((s) => s.user)))
      .catch(() => live && setStaff([]));
    return () => {
      live = false;
    };
  }, [district, enabled]);
  return staff;
}
