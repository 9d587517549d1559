import type { ExportTable } from '../../common/table-export';
import type { DistrictRegister } from '../../districts/district-register';
import { SOURCES, type CaseStatus, type Gender, type Source } from '../domain/catalogues';
import type { CaseListItem } from '../read-models/case-list.projection';

const STATUS_LABELS: Record<CaseStatus, string> = {
  'in-queue': 'I kö',
  investigating: 'Utredning pågår',
  investigated: 'Utredd',
  'not-opened': 'Ingen utredning inledd',
  'follow-up': 'Uppföljning',
  closed: 'Avslutad',
  voided: 'Makulerad',
};
const GENDER_LABELS: Record<Gender, string> = { woman: 'Kvinna', man: 'Man', unknown: 'Okänt' };

/** The case list as the screens show it, in Swedish; no personal data (the list holds none). */
export function caseListTable(items: CaseListItem[], districts: DistrictRegister): ExportTable {
  return {
    sheet: 'Ärenden',
    columns: [
      { heading: 'Ärendenummer' },
      { heading: 'Stadsdelsnämnd' },
      { heading: 'Status' },
      { heading: 'Inkommen', kind: 'date' },
      { heading: 'Källa' },
      { heading: 'Kön' },
      { heading: 'Handläggare' },
    ],
    rows: items.map((c) => [
      c.caseNumber,
      districts.get(c.district)?.name ?? c.district,
      STATUS_LABELS[c.status as CaseStatus] ?? c.status,
      c.receivedOn,
      SOURCES[c.source as Source] ?? c.source,
      GENDER_LABELS[c.gender as Gender] ?? c.gender,
      c.investigator,
    ]),
  };
}
