/**
 * The figures of Stockholm's "Rapport över arbetet mot felaktiga utbetalningar
 * och bidragsbrott 2018" (socialförvaltningen, Dnr 3.1.1-23/2019), as read from
 * the OCR'd seed document. Where the scan is unreadable or the figures
 * contradict each other, the choice made is noted here and in the README.
 */
export const YEARS = [2014, 2015, 2016, 2017, 2018] as const;
export type Year = (typeof YEARS)[number];

/** District rows of the 2018 report, in its order. */
export const DISTRICTS_2018 = [
  'bromma',
  'enheten-for-hemlosa',
  'enskede-arsta-vantor',
  'farsta',
  'hagersten-liljeholmen',
  'hasselby-vallingby',
  'kungsholmen',
  'norrmalm',
  'rinkeby-kista',
  'skarpnack',
  'skarholmen',
  'spanga-tensta',
  'sodermalm',
  'alvsjo',
  'ostermalm',
] as const;
export type District2018 = (typeof DISTRICTS_2018)[number];

type PerDistrict = Record<District2018, number>;
const perDistrict = (values: number[]): PerDistrict =>
  Object.fromEntries(DISTRICTS_2018.map((d, i) => [d, values[i]])) as PerDistrict;

export const REPORT_2018 = {
  /** Inkommande information per stadsdelsnämnd (sum 636). */
  received: perDistrict([6, 19, 40, 59, 26, 64, 14, 19, 182, 65, 11, 52, 63, 0, 16]),
  /** Antal i kö at the end of 2018 (sum 351). */
  queueAtYearEnd: perDistrict([15, 9, 7, 47, 3, 13, 3, 0, 127, 70, 13, 13, 31, 0, 0]),
  /** Antal återkrav, kvinna (sum 52). */
  claimsWoman: perDistrict([2, 0, 4, 6, 3, 7, 2, 2, 5, 2, 4, 7, 5, 0, 3]),
  /** Antal återkrav, man (sum 57). */
  claimsMan: perDistrict([1, 1, 12, 5, 3, 9, 1, 5, 5, 0, 3, 4, 2, 0, 6]),
  /** Antal avslutade ärenden (sum 301). */
  closed: perDistrict([17, 19, 39, 23, 36, 12, 2, 2, 50, 5, 32, 36, 18, 0, 10]),
  /** Hässelby-Vällingby's own report: 24 investigations opened of its 64. */
  openedHasselbyVallingby: 24,
  policeReports: { woman: 10, man: 9 },
  compensationSuits: 19,
  /**
   * Avslutsorsaker. The scan shows "5]" for Eftergift - 3-årsgräns and "|6" for
   * interna fel; 151 and 16 are the readings whose sum is the 301 closed cases,
   * and they agree with "more than half" / "about 50 percent" (151 = 50.2 %).
   */
  closeReasons: {
    'repaid-claim': 75,
    'repaid-damages': 1,
    'repaid-compensation': 0,
    'no-claim': 13,
    'no-action': 37,
    'waived-other': 4,
    'waived-time-limit': 151,
    'offence-time-barred': 0,
    'offence-not-proven': 1,
    'internal-error': 16,
    deceased: 3,
  },
  ongoingClaimsAtYearEnd: 486,
  ongoingRepaymentsAtYearEnd: 230,
  /**
   * "104 investigations ongoing and 442 cases in follow-up" were measured in early
   * January 2019. Follow-up (a claim or police report, not closed) includes every
   * ongoing claim, so at year end it is at least the 486 ongoing claims; 442 is
   * the count on 7 January, after the closings of CLOSED_EARLY_JANUARY_2019.
   */
  ongoingInvestigationsAtYearEnd: 104,
  /** Cases in follow-up at the measurement in early January 2019. */
  followUpEarlyJanuary2019: 442,
  /** "1,9 miljoner kronor". */
  savedAmount: 1_900_000,
  /** Causes among the 222 opened: "drygt hälften" unreported income; the pie shows 6 % and 3 % slices. */
  causes: {
    'unreported-income': 120,
    'unreported-assets': 13,
    household: 20,
    residence: 15,
    'false-documents': 7,
    'internal-error': 20,
    other: 27,
  },
};

/**
 * Chosen, not published: police reports before 2018. The report says the most
 * were 97 in 2010, that the number "har minskat sett över tid, men en ökning
 * syns från 2017 till 2018" and that it has "sjunkit drastiskt".
 */
export const POLICE_REPORTS: Record<Year, number> = { 2014: 64, 2015: 48, 2016: 33, 2017: 11, 2018: 19 };

/**
 * Chosen: incoming information by source in 2018. Caseworkers find most
 * ("Det är oftast den som handlägger ansökan ... som upptäcker felaktiga
 * utbetalningar"); the post-checks passed 39 cases on to the FUT
 * investigators; earlier years have the same shares.
 */
export const SOURCES_2018 = { caseworker: 467, 'post-check': 39, 'other-authority': 62, public: 41, applicant: 27 };

/** Chosen: which authority passed the information on (lag 2008:206), as shares of "Annan myndighet". */
export const NOTIFYING_AUTHORITIES = {
  forsakringskassan: 45,
  'unemployment-fund': 15,
  csn: 15,
  migrationsverket: 10,
  arbetsformedlingen: 10,
  pensionsmyndigheten: 5,
} as const;

/**
 * "Resultat av efterkontroller" 2018 (inkomståret 2017): 856 persons checked,
 * 533 of them with a taxed income, 39 cases passed on for FUT investigation.
 */
export const POST_CHECKS_2018 = { checked: 856, withTaxedIncome: 533, passedOn: 39 };

/**
 * "Vid en mätning i början av januari 2019 pågick 104 utredningar i staden och
 * 442 ärenden var under uppföljning", beside 486 ongoing claims at year end:
 * the demo closes 44 claims in the first days of 2019 (a year-start review of
 * claims, as chosen), so the count on 7 January is 442.
 */
export const CLOSED_EARLY_JANUARY_2019 = 44;

/** The report's five-year series (city totals). */
export const SERIES: Record<
  | 'received'
  | 'queueAtYearEnd'
  | 'investigationsOpened'
  | 'claims'
  | 'claimedAmount'
  | 'repaidAmount'
  | 'compensationSuits'
  | 'savedAmount',
  Record<Year, number>
> = {
  received: { 2014: 817, 2015: 697, 2016: 579, 2017: 542, 2018: 636 },
  queueAtYearEnd: { 2014: 233, 2015: 200, 2016: 143, 2017: 276, 2018: 351 },
  investigationsOpened: { 2014: 513, 2015: 393, 2016: 289, 2017: 215, 2018: 222 },
  /**
   * The bar chart "Antal återkrav" is legible only for 239, 121 and 109 (2016-2018);
   * the 2014 and 2015 bars are unreadable. 295 and 245 are chosen from the claimed
   * amounts at the 2016-2018 average of about 22 000 kr per claim.
   */
  claims: { 2014: 295, 2015: 245, 2016: 239, 2017: 121, 2018: 109 },
  /** "ks 101 174" for 2015 is read as 5 101 174 (the 2016 bar reads k5 097 111). */
  claimedAmount: { 2014: 6_465_566, 2015: 5_101_174, 2016: 5_097_111, 2017: 3_084_403, 2018: 2_436_042 },
  repaidAmount: { 2014: 1_362_388, 2015: 1_597_469, 2016: 1_587_578, 2017: 2_258_198, 2018: 1_855_209 },
  /** Only 2017 (17) and 2018 (19) are given; the demo has no suits before 2017. */
  compensationSuits: { 2014: 0, 2015: 0, 2016: 0, 2017: 17, 2018: 19 },
  /** Given for 2016 (2,4 miljoner) and 2018 (1,9 miljoner); 2014, 2015 and 2017 are chosen. */
  savedAmount: { 2014: 3_000_000, 2015: 2_700_000, 2016: 2_400_000, 2017: 2_100_000, 2018: 1_900_000 },
};
