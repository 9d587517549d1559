/**
 * The laws a year's report cites, as they stood that year. The report's
 * wording follows them, so a report for 2018 never says what only a later
 * law says (../shared/docs/fut-domain.md, "Which law").
 */

/**
 * Socialtjänstlagen (2025:400) replaced socialtjänstlagen (2001:453) on
 * 2025-07-01 (SFS 2025:400). Claims on assistance granted before that day stay
 * under the old law (transitional provision 5).
 */
export const SOL_2025_FROM = '2025-07-01';

/**
 * Lag (2008:206) om underrättelseskyldighet vid felaktiga utbetalningar från
 * välfärdssystemen covered the state's benefit authorities and the
 * unemployment funds; municipalities were added from 2020-01-01 (SFS 2019:653,
 * prop. 2018/19:132). Before that a municipality received notifications but
 * was not obliged to send any.
 */
export const NOTIFICATION_DUTY_FROM_YEAR = 2020;
export const NOTIFICATION_ACT =
  'lagen (2008:206) om underrättelseskyldighet vid felaktiga utbetalningar från välfärdssystemen';

/** The paragraphs of one socialtjänstlag that the report cites. */
export interface SocialServicesAct {
  /** "socialtjänstlagen (2001:453)" */
  name: string;
  /** The duty to investigate (utredning). */
  investigation: string;
  /** Repayment claim: obtained through false information or omission. */
  claim: string;
  /** Repayment claim: advance on a benefit and the like. */
  otherClaim: string;
  /** Court suit for compensation, the three-year limit and the ability to pay. */
  suit: string;
  /** Waiver (eftergift). */
  waiver: string;
}

const SOL_2001: SocialServicesAct = {
  name: 'socialtjänstlagen (2001:453)',
  investigation: '11 kap. 1 §',
  claim: '9 kap. 1 §',
  otherClaim: '9 kap. 2 §',
  suit: '9 kap. 3 §',
  waiver: '9 kap. 4 §',
};

const SOL_2025: SocialServicesAct = {
  name: 'socialtjänstlagen (2025:400)',
  investigation: '14 kap. 2 §',
  claim: '33 kap. 1 §',
  otherClaim: '33 kap. 2–3 §§',
  suit: '33 kap. 4–5 §§',
  waiver: '33 kap. 6 §',
};

/** The socialtjänstlag in force on a day. */
export const socialServicesActOn = (date: string): SocialServicesAct => (date < SOL_2025_FROM ? SOL_2001 : SOL_2025);

/** What held in a year: the act at its start and at its end (different only in 2025), and the notification duty. */
export interface LawsOfYear {
  atStart: SocialServicesAct;
  atEnd: SocialServicesAct;
  /** The municipality had to notify other authorities (lag 2008:206) during the year. */
  municipalityNotifies: boolean;
}

export function lawsOfYear(year: number): LawsOfYear {
  return {
    atStart: socialServicesActOn(`${year}-01-01`),
    atEnd: socialServicesActOn(`${year}-12-31`),
    municipalityNotifies: year >= NOTIFICATION_DUTY_FROM_YEAR,
  };
}
