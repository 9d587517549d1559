import { type LocalDate, addDays, addMonths } from '../../../calendar/local-date';
import { nextWorkingDay } from '../../../calendar/swedish-calendar';
import { type OpenCase, type PoliceReport, limitPositions, reportedActs, statusOf } from '../../domain/case-state';
import { NOT_PROVEN_OUTCOMES, POLICE_REPORT_RECIPIENTS, PROSECUTED_OUTCOMES } from '../../domain/catalogues';
import { APPEAL_DAYS, judgmentDebts } from '../../domain/judgment-debt';
import { lossSchedule } from '../../domain/three-year-limit';
import { firstUnpaid, planPositions } from '../../domain/instalments';
import { COMMUNICATION_CONCERNS } from '../communication/communication.step';

/**
 * The reminders (bevakningar) the service sets itself, where the law and the
 * case give a date. They are derived from the case's state whenever it is
 * read, never stored as events, so they always agree with the case: a
 * kommunicering answered, a report's outcome recorded, a judgment's legal
 * force registered, and its reminder is gone. What is stored is only that the
 * investigator marked one done (ReminderDone, naming it by its id).
 *
 * A further kind plugs in here, in one place: its name in
 * `AutomaticReminderKind` and its rule in `AUTOMATIC_REMINDERS` (the compiler
 * refuses one without the other). The case page, "Mina bevakningar", the
 * start page's "next due" and marking it done all follow.
 */
export type AutomaticReminderKind =
  | 'communication-deadline'
  | 'suit-deadline'
  | 'police-report-no-outcome'
  | 'judgment-appeal-window'
  | 'offence-limitation'
  | 'missed-instalment';

/** Every reminder is the investigator's own ('user') or one of the service's. */
export type ReminderKind = 'user' | AutomaticReminderKind;

/** What the service's reminders may be set by (REMINDER_POLICE_OUTCOME_MONTHS). */
export interface ReminderSettings {
  /** Months a police report may wait for any outcome before the service reminds the investigator. */
  policeOutcomeMonths: number;
}
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { policeOutcomeMonths: 6 };

/** Days before a three-year deadline, or an offence's limitation, from which its reminder shows. */
export const NOTICE_DAYS = 60;

/** One reminder of a case, the investigator's or the service's. */
export interface CaseReminder {
  /** The investigator's: '1', '2', ...; the service's: `<kind>:<what it concerns>`, e.g. 'communication-deadline:1'. */
  reminderId: string;
  kind: ReminderKind;
  /** The day it is due: overdue after it. */
  dueOn: LocalDate;
  /** It shows from this day (a deadline far ahead shows only as it nears); null: from the start. */
  showFrom: LocalDate | null;
  /** It no longer shows after this day (a three-year deadline passed: the money is lost); null: until done. */
  hideAfter: LocalDate | null;
  /** The investigator's text (personal data: encrypted as stored), or the service's own (none). */
  text: string;
  /** An amount the reminder is about (öre), e.g. what a three-year deadline takes. */
  amountOre: number | null;
  /** The law or practice the service's date rests on; null for the investigator's own. */
  basis: string | null;
}

/** One reminder as a rule gives it: what it concerns (unique within its kind and case) and its dates. */
type Draft = Omit<CaseReminder, 'reminderId' | 'kind' | 'basis'> & { subject: string };

interface AutomaticReminderRule {
  /** The kind, in Swedish (lists, the timeline's "done" entry). */
  label: string;
  /** The law (and paragraph) the date comes from, or that it is the unit's own practice. */
  basis: string;
  /** Set on a closed case too (the police and the prosecutor answer after a case is closed). */
  closedCasesToo: boolean;
  of(c: OpenCase, settings: ReminderSettings): Draft[];
}

const lower = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** The cases whose money the three-year limit watches, as the deadlines list counts them (LIMIT_STATUSES). */
const LIMIT_WATCHED = ['in-queue', 'investigating', 'investigated', 'follow-up'];

/** A report the police or the prosecutor has not finished with: no prosecution and no decision not to. */
const stillOpen = (r: PoliceReport): boolean =>
  !r.outcomes.some((o) => PROSECUTED_OUTCOMES.includes(o.outcome) || NOT_PROVEN_OUTCOMES.includes(o.outcome));

/**
 * The rules, one per kind. Where a rule reads the law, it says which; where
 * the reading was unsure, the choice that protects the person is noted.
 */
export const AUTOMATIC_REMINDERS: { readonly [K in AutomaticReminderKind]: AutomaticReminderRule } = {
  // Förvaltningslagen (2017:900) 25 §: the person's last day to respond; after it, record the answer or its absence.
  'communication-deadline': {
    label: 'Sista svarsdag för kommunicering',
    basis: 'Förvaltningslagen (2017:900) 25 §',
    closedCasesToo: false,
    of: (c) =>
      c.communications
        .filter((x) => !x.answer)
        .map((x) => ({
          subject: x.communicationId,
          dueOn: x.respondBy,
          showFrom: null,
          hideAfter: null,
          text: `Sista dag för personen att svara på kommuniceringen inför ${lower(COMMUNICATION_CONCERNS[x.concerning])}. Registrera svaret, eller att inget svar kom.`,
          amountOre: null,
        })),
  },
  // The three-year limit on a court suit (9 kap. 3 § SoL 2001:453, 33 kap. 5 § SoL 2025:400): each day that loses
  // money, from the deadlines list's own schedule (lossSchedule over limitPositions), shown NOTICE_DAYS ahead.
  'suit-deadline': {
    label: 'Treårsgränsen för ersättningstalan närmar sig',
    basis: '9 kap. 3 § SoL (2001:453), 33 kap. 5 § SoL (2025:400)',
    closedCasesToo: false,
    of: (c) =>
      LIMIT_WATCHED.includes(statusOf(c))
        ? lossSchedule(limitPositions(c)).losses.map((loss) => ({
            subject: loss.deadline,
            dueOn: loss.deadline,
            showFrom: addDays(loss.deadline, -NOTICE_DAYS),
            // Once passed the money is lost; the deadlines list shows what is past its limit.
            hideAfter: loss.deadline,
            text: 'Sista dag att väcka ersättningstalan för utbetalningar som annars passerar treårsgränsen.',
            amountOre: loss.lostOre,
          }))
        : [],
  },
  // No law gives this date: the unit follows up a report the police have not answered (settings.policeOutcomeMonths).
  'police-report-no-outcome': {
    label: 'Inget besked om polisanmälan',
    basis: 'Enhetens uppföljning av polisanmälan (6 § bidragsbrottslagen 2007:612)',
    closedCasesToo: true,
    of: (c, settings) =>
      c.policeReports
        .filter((r) => r.outcomes.length === 0)
        .map((r) => {
          const dueOn = addMonths(r.filedOn, settings.policeOutcomeMonths);
          return {
            subject: r.reportId,
            dueOn,
            showFrom: dueOn,
            hideAfter: null,
            text: `Inget besked om polisanmälan ${r.reportId} (anmäld ${r.filedOn}) på ${settings.policeOutcomeMonths} månader. Fråga ${POLICE_REPORT_RECIPIENTS[r.recipient] ?? r.recipient} om läget.`,
            amountOre: null,
          };
        }),
  },
  // Förvaltningsprocesslagen (1971:291) 6 a §: the nämnd, a party for the public, appeals within three weeks of the
  // day the judgment was given (not served: HFD 2011:65); a last day on a weekend or holiday moves to the next
  // working day (lag 1930:173, 2 §). Until legal force or an appeal is recorded.
  'judgment-appeal-window': {
    label: 'Överklagandetiden för dom går ut',
    basis: 'Förvaltningsprocesslagen (1971:291) 6 a §, lag (1930:173) 2 §',
    closedCasesToo: false,
    of: (c) =>
      judgmentDebts(c)
        .filter((d) => !d.legalForceOn && !d.appealPending && d.nextAppealCourt !== null)
        .map((d) => ({
          subject: `${d.claimId}:${d.lastDecisionOn}`,
          dueOn: nextWorkingDay(addDays(d.lastDecisionOn, APPEAL_DAYS)),
          showFrom: null,
          hideAfter: null,
          text: `Sista dag för nämnden att överklaga avgörandet ${d.lastDecisionOn}${c.claims.length > 1 ? ` (återkrav ${d.claimId})` : ''}. Överklaga, eller registrera när domen vunnit laga kraft.`,
          amountOre: d.remainingOre,
        })),
  },
  // Brottsbalken 35 kap. 1 §, from the day of each act (35 kap. 4 §), by the grade the report stands at now: each
  // day reported acts become time-barred, shown NOTICE_DAYS ahead, while nobody is prosecuted and the matter is open.
  'offence-limitation': {
    label: 'Preskription av anmält brott närmar sig',
    basis: 'Brottsbalken 35 kap. 1 och 4 §§',
    closedCasesToo: true,
    of: (c) =>
      c.policeReports.filter(stillOpen).flatMap((r) => {
        const byDay = new Map<LocalDate, { n: number; amountOre: number }>();
        for (const act of reportedActs(c, r)) {
          const day = byDay.get(act.limitationOn) ?? { n: 0, amountOre: 0 };
          byDay.set(act.limitationOn, { n: day.n + 1, amountOre: day.amountOre + act.amountOre });
        }
        return [...byDay].map(([limitationOn, { n, amountOre }]) => ({
          subject: `${r.reportId}:${limitationOn}`,
          dueOn: limitationOn,
          showFrom: addDays(limitationOn, -NOTICE_DAYS),
          hideAfter: limitationOn,
          text: `${n === 1 ? 'En anmäld gärning' : `${n} anmälda gärningar`} (polisanmälan ${r.reportId}) preskriberas efter denna dag om åtal inte väcks. Påminn ${POLICE_REPORT_RECIPIENTS[r.recipient] ?? r.recipient}.`,
          amountOre,
        }));
      }),
  },
  // No law governs an avbetalningsplan: the agreement's own terms, as instalments.ts reads them. The first
  // instalment not paid in full shows from the day after its last day to pay (the due day, moved to the next
  // working day), so a short or missed payment reminds the investigator, and a payment that covers it ends it.
  'missed-instalment': {
    label: 'Avbetalning inte betald',
    basis: 'Avbetalningsplanen (överenskommelse med personen)',
    closedCasesToo: false,
    of: (c) =>
      planPositions(c).flatMap((p) => {
        const first = firstUnpaid(p);
        if (!first) return [];
        const owedOre = Math.min(p.totalOre, first.number * p.monthlyAmountOre) - p.paidOre;
        return [
          {
            subject: `${p.claimId}:${p.agreedOn}:${first.number}`,
            dueOn: first.payBy,
            showFrom: addDays(first.payBy, 1),
            hideAfter: null,
            text: `Avbetalning ${first.number} enligt planen från ${p.agreedOn}${c.claims.length > 1 ? ` (återkrav ${p.claimId})` : ''}, förfallen ${first.dueOn}, är inte betald i sin helhet. Beloppet är det som återstår av den; allt som är obetalt enligt planen står under Avbetalningar. Kontakta personen, eller pröva en ny plan eller eftergift.`,
            amountOre: owedOre,
          },
        ];
      }),
  },
};

export const AUTOMATIC_REMINDER_KINDS = Object.keys(AUTOMATIC_REMINDERS) as AutomaticReminderKind[];

/** Each kind's name in Swedish, the investigator's own included. */
export const REMINDER_KIND_LABELS: { readonly [K in ReminderKind]: string } = {
  user: 'Egen bevakning',
  ...(Object.fromEntries(AUTOMATIC_REMINDER_KINDS.map((k) => [k, AUTOMATIC_REMINDERS[k].label])) as Record<
    AutomaticReminderKind,
    string
  >),
};

/** The service's reminders on the case, whatever day it is, less those marked done. */
export function automaticReminders(c: OpenCase, settings: ReminderSettings): CaseReminder[] {
  if (c.voided || c.culledOn) return [];
  const done = new Set(c.remindersDone);
  return AUTOMATIC_REMINDER_KINDS.flatMap((kind) => {
    const rule = AUTOMATIC_REMINDERS[kind];
    if (c.closure && !rule.closedCasesToo) return [];
    return rule.of(c, settings).map(({ subject, ...draft }) => ({
      reminderId: `${kind}:${subject}`,
      kind,
      basis: rule.basis,
      ...draft,
    }));
  }).filter((r) => !done.has(r.reminderId));
}

/** Every reminder of the case not yet done, the investigator's and the service's, whatever day it is. */
export function pendingReminders(c: OpenCase, settings: ReminderSettings): CaseReminder[] {
  if (c.voided || c.culledOn) return [];
  const own: CaseReminder[] = c.reminders
    .filter((r) => r.doneOn === null)
    .map((r) => ({
      reminderId: r.reminderId,
      kind: 'user',
      dueOn: r.dueOn,
      showFrom: null,
      hideAfter: null,
      text: r.text,
      amountOre: null,
      basis: null,
    }));
  return [...own, ...automaticReminders(c, settings)];
}

/** Whether a reminder shows on `today`. */
export const showsOn = (r: CaseReminder, today: LocalDate): boolean =>
  (r.showFrom === null || r.showFrom <= today) && (r.hideAfter === null || today <= r.hideAfter);

/** The reminders that show on `today`, the earliest due first (so the overdue come first). */
export function remindersOn(c: OpenCase, today: LocalDate, settings: ReminderSettings): CaseReminder[] {
  return pendingReminders(c, settings)
    .filter((r) => showsOn(r, today))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reminderId.localeCompare(b.reminderId));
}
