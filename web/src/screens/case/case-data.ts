import { api, ok, type Schemas } from '../../api/client';

/** What the case page shows: the case with the steps it allows, and its history. */
export interface CaseData {
  view: Schemas['CaseViewDto'];
  history: Schemas['HistoryEntryDto'][];
}

/** The case and its history, read together. */
export async function loadCase(id: string): Promise<CaseData> {
  const [view, history] = await Promise.all([
    ok(api.GET('/api/cases/{id}', { params: { path: { id } } })),
    ok(api.GET('/api/cases/{id}/history', { params: { path: { id } } })),
  ]);
  return { view: view.data, history: history.data };
}

let ahead: { id: string; data: Promise<CaseData> } | undefined;

/**
 * Starts reading a case before its page is drawn (a case page opened as an
 * address: beside the session and the page's code, instead of after both).
 */
export function prefetchCase(id: string): void {
  const data = loadCase(id);
  // A failure is the page's to show, when it takes the data; nothing is reported twice.
  data.catch(() => undefined);
  ahead = { id, data };
}

/** The case as read ahead for this page, once; else read now. */
export function takeCase(id: string): Promise<CaseData> {
  if (ahead?.id === id) {
    const { data } = ahead;
    ahead = undefined;
    return data;
  }
  return loadCase(id);
}
