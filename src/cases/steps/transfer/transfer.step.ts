import { addDays, type LocalDate } from '../../../calendar/local-date';
import { type District, isDistrictValidOn } from '../../../districts/district-register';
import { code, literal, localDate, object, optional, type Infer } from '../../../kernel/shape';
import { checkAll, invalid, rule } from '../../domain/case-errors';
import type { OpenCase } from '../../domain/case-state';
import { checkDate, openCase } from '../../domain/rules';
import { caseEvent, dateField, defineStep, districtField } from '../../domain/step';
import { district, flag } from '../../domain/details';

/** The case passes to another district: by hand, or to the successor when its district is merged. */
const caseTransferredShape = object({
  transferredOn: localDate,
  fromDistrict: code(),
  toDistrict: code(),
  /** The case passed to the successor when its district was merged (absent: transferred by hand). */
  byMerger: optional(literal(true)),
});

/** What a CaseTransferred event holds. */
export type CaseTransferredData = Infer<typeof caseTransferredShape>;

export const CaseTransferred = caseEvent('CaseTransferred', {
  shape: caseTransferredShape,
  label: 'Överfört till annan stadsdel',
  on: (d) => d.transferredOn,
  details: (d) => [
    district('Från stadsdel', d.fromDistrict),
    district('Till stadsdel', d.toDistrict),
    flag('Genom sammanslagning av stadsdelar', d.byMerger),
  ],
  evolve: (c, d) => ({ ...c, district: d.toDistrict, transfers: [...c.transfers, { ...d }] }),
  statistics: { reads: ['transferredOn', 'toDistrict'], facts: (d) => [['transfer', 0, d.toDistrict]] },
});

export interface TransferData {
  transferredOn: LocalDate;
  toDistrict: District;
  /** Set when the case passes on a merger: the district that ended, whose successor takes its open cases. */
  merger?: District;
}

export const transfer = defineStep({
  id: 'transfer',
  command: 'TransferCase',
  auditLabel: 'Överförde ärendet',
  actors: 'case-handlers',
  http: {
    route: 'transfer',
    summary: 'Transfer the case to another district.',
    title: 'Flytta till annan stadsdel',
    submit: 'Flytta ärendet',
    request: { transferredOn: dateField('Flyttas'), toDistrict: districtField('Till stadsdel') },
    toCommand: (b, { district }): TransferData => {
      const toDistrict = district(b.toDistrict);
      if (!toDistrict) throw invalid('toDistrict', `Unknown district ${b.toDistrict}; see GET /api/districts`);
      return { transferredOn: b.transferredOn, toDistrict };
    },
  },
  refusals: {
    'same-district': ['rule', 'Ärendet hör redan till den stadsdelen.'],
    'not-successor': ['rule', 'Stadsdelen tar inte över ärendets stadsdel den dagen.'],
  },
  requires: openCase,
  decide: (d, c, { today }) => {
    // The district and the date: both rules in one answer.
    const sameDistrict = d.toDistrict.code === c.district;
    let dateValid = false;
    checkAll(
      () => {
        if (sameDistrict) throw rule('same-district', `The case already belongs to ${c.district}`, 'toDistrict');
      },
      () => {
        const lastTransfer = c.transfers[c.transfers.length - 1]?.transferredOn;
        checkDate(c, 'transferredOn', d.transferredOn, today, [[lastTransfer, 'the previous transfer']]);
        dateValid = true;
      },
      // Whether the district existed is asked of the day of the transfer, so only of a valid one; and the
      // district is named once.
      () => {
        if (!sameDistrict && dateValid && !isDistrictValidOn(d.toDistrict, d.transferredOn)) {
          throw rule(
            'district-not-valid',
            `District ${d.toDistrict.code} did not exist on ${d.transferredOn}`,
            'toDistrict',
          );
        }
      },
    );
    // A merger's rules read both the district and the day: they come once both are right.
    if (d.merger) checkMerger(c, d.merger, d.toDistrict, d.transferredOn);
    return [
      CaseTransferred.of({
        transferredOn: d.transferredOn,
        fromDistrict: c.district,
        toDistrict: d.toDistrict.code,
        ...(d.merger ? { byMerger: true as const } : {}),
      }),
    ];
  },
});

/** A merger passes a case from the ended district to its successor, on the day the successor starts. */
function checkMerger(c: OpenCase, ended: District, to: District, on: LocalDate): void {
  if (ended.code !== c.district || ended.successor !== to.code) {
    throw rule('not-successor', `${to.code} is not the successor of the case's district ${c.district}`, 'toDistrict');
  }
  const mergerDay = ended.validTo === null ? null : addDays(ended.validTo, 1);
  if (on !== mergerDay) {
    throw rule(
      'not-successor',
      `${ended.code} passes its cases to ${to.code} on ${mergerDay}, not ${on}`,
      'transferredOn',
    );
  }
}
