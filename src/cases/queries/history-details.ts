import type { DistrictRegister } from '../../districts/district-register';
import type { OpenCase } from '../domain/case-state';
import type { DetailContext, DetailValue } from '../domain/step';
import { formatCount, formatKronor } from '../../labels/format';
import { textOf } from '../../labels/lookup';
import { definitionOf, type CaseEvent } from '../steps';

/** A timeline fact as the API sends it: its Swedish label and its value written in Swedish. */
export interface HistoryDetail {
  label: string;
  text: string;
}

/** What the timeline's facts read of the case: its claims' laws, and whether it has several claims or reports to tell apart. */
export interface HistoryContext extends DetailContext {
  severalClaims: boolean;
  severalReports: boolean;
  districtName(code: string): string | undefined;
}

export function historyContext(c: OpenCase, districts: DistrictRegister): HistoryContext {
  return {
    claimLaw: (claimId) => c.claims.find((x) => x.claimId === claimId)?.law ?? null,
    severalClaims: c.claims.length > 1,
    severalReports: c.policeReports.length > 1,
    districtName: (code) => districts.get(code)?.name,
  };
}

/** A fact's value as the screens write it: kronor "12 345,00 kr", dates ÅÅÅÅ-MM-DD, codes by their Swedish label. */
function textOfValue(v: DetailValue, context: HistoryContext): string {
  switch (v.kind) {
    case 'amount':
      return formatKronor(v.ore / 100);
    case 'date':
      return v.date;
    case 'code':
      // A stored code a newer list no longer holds is shown as it is, never dropped.
      return textOf(v.labels, v.code) ?? v.code;
    case 'user':
      return v.user;
    case 'district':
      return context.districtName(v.district) ?? v.district;
    case 'claim':
      return `nr ${v.claimId}`;
    case 'report':
      return `nr ${v.reportId}`;
    case 'number':
      return `nr ${v.id}`;
    case 'count':
      return formatCount(v.count);
    case 'flag':
      return v.value ? v.yes : v.no;
  }
}

/**
 * How an event reads in the timeline, from its data as stored and upcast: the
 * facts its step declares, in Swedish. They never read a personal field, so
 * they are the same whether the reader may see the person or not, and whether
 * the case's personal data is kept or culled. Which claim or police report a
 * step concerns is said only where the case has several.
 */
export function historyDetails(event: CaseEvent, context: HistoryContext): HistoryDetail[] {
  const details = definitionOf(event.type).details(event.data as never, context);
  return details.flatMap((d) =>
    d === null ||
    (d.value.kind === 'claim' && !context.severalClaims) ||
    (d.value.kind === 'report' && !context.severalReports)
      ? []
      : [{ label: d.label, text: textOfValue(d.value, context) }],
  );
}
