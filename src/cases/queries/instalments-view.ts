import type { LocalDate } from '../../calendar/local-date';
import { oreToKronor as kr } from '../../kernel/money';
import type { OpenCase } from '../domain/case-state';
import { repaymentPlanSchedules } from '../domain/instalments';

/**
 * Each repayment plan of the case with its instalments as of `today` (amounts
 * in kronor): due day, last day to pay, what was paid toward each and its
 * status, what is behind and since when, and how the plan ended.
 */
export function repaymentPlansView(c: OpenCase, today: LocalDate) {
  return repaymentPlanSchedules(c, today).map((p) => ({
    claimId: p.claimId,
    agreedOn: p.agreedOn,
    monthlyAmount: kr(p.monthlyAmountOre),
    firstDueOn: p.firstDueOn,
    ocrReference: p.ocrReference,
    total: kr(p.totalOre),
    paid: kr(p.paidOre),
    instalmentCount: p.instalmentCount,
    lastDueOn: p.lastDueOn,
    instalments: p.instalments.map((x) => ({
      number: x.number,
      dueOn: x.dueOn,
      payBy: x.payBy,
      amount: kr(x.amountOre),
      paid: kr(x.paidOre),
      paidOn: x.paidOn,
      status: x.status,
    })),
    behind: kr(p.behindOre),
    behindSince: p.behindSince,
    ended: p.ended,
  }));
}
