import type { LocalDate } from '../calendar/local-date';
import type { CaseCommandInput } from '../cases/application/case-commands.service';
import type { IncorrectPaymentCommand } from '../cases/steps/investigation-result/investigation-result.step';
import {
  lawGoverning,
  type CloseReason,
  type Gender,
  type LegalBasis,
  type RepaymentKind,
  type Source,
} from '../cases/domain/catalogues';
import { claimOutstandingOre, repaidOre, type OpenCase } from '../cases/domain/case-state';
import { parsePersonalIdentityNumber } from '../cases/domain/personal-identity-number';
import type { ProtectionBasis } from '../cases/domain/persons';
import type { District, DistrictRegister } from '../districts/district-register';
import {
  CellError,
  normalize,
  parseAmountOre,
  parseCalculation,
  parseCatalogue,
  parseDate,
  parseMonth,
  parsePaymentList,
  parseYesNo,
  text,
} from './cell-values';
import {
  ASSESSMENT_LABELS,
  CAUSE_LABELS,
  CLOSE_REASON_LABELS,
  FINDING_LABELS,
  GENDER_LABELS,
  LEGAL_BASIS_LABELS,
  NO_INVESTIGATION_LABELS,
  OFFENCE_LABELS,
  PROTECTION_LABELS,
  SOURCE_LABELS,
  type ImportField,
  type ResolvedMapping,
} from './import-mapping';
import type { CellValue, RegisterRow } from './register-file';

export type StepCommand = Exclude<CaseCommandInput, { type: 'RegisterCase' }>;

/** One problem of a row: where (row, column) and which rule it breaks, in Swedish. */
export interface RowProblem {
  row: number;
  /** The column heading, or null when the problem is the row as a whole. */
  column: string | null;
  code: string;
  message: string;
}

/** What a step of the row means for a case as recorded: already there, recorded otherwise, or a command to run. */
export type StepOutcome =
  { status: 'same' } | { status: 'differs'; field: ImportField } | { status: 'new'; command: StepCommand };

export interface PlannedStep {
  /** The field a refusal is reported on unless the decider names another. */
  field: ImportField;
  /** Decider field names → the import field they came from. */
  fields: Partial<Record<string, ImportField>>;
  against(state: OpenCase): StepOutcome;
}

export interface RowPlan {
  row: number;
  key: string;
  district: District;
  registration: {
    receivedOn: LocalDate;
    source: Source;
    subject: { personalIdentityNumber?: string; name?: string; gender: Gender; protectedIdentity?: ProtectionBasis };
    /** The person's ekonomiskt bistånd case number and who reported it, where the register keeps them. */
    assistanceCaseNumber?: string;
    reportedBy?: string;
  };
  steps: PlannedStep[];
}

export interface PlanContext {
  mapping: ResolvedMapping;
  districts: DistrictRegister;
  /** --district: the district of rows that name none, and the only one a row may name. */
  district?: District;
  today: LocalDate;
}

const same = { status: 'same' } as const;
const differs = (field: ImportField): StepOutcome => ({ status: 'differs', field });
const run = (command: StepCommand): StepOutcome => ({ status: 'new', command });

/** A once-only step: new when the case lacks it, the same when recorded on the row's date. */
const onceOnly = (
  recordedOn: LocalDate | undefined,
  on: LocalDate,
  field: ImportField,
  command: StepCommand,
): StepOutcome => (recordedOn === undefined ? run(command) : recordedOn === on ? same : differs(field));

/** A once-only step of the row, compared with the case by the date it was recorded on. */
const once = (
  field: ImportField,
  fields: PlannedStep['fields'],
  recorded: (s: OpenCase) => LocalDate | undefined,
  on: LocalDate,
  command: StepCommand,
): PlannedStep => ({ field, fields, against: (s) => onceOnly(recorded(s), on, field, command) });

/**
 * Reads one register row into the commands it stands for, in the order the
 * process takes them. Every unreadable cell is reported; the decider's rules
 * are checked later against the case as recorded.
 */
export function planRow(row: RegisterRow, ctx: PlanContext): { plan: RowPlan } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const columnOf = ctx.mapping.columnOf;
  const raw = (f: ImportField): CellValue => {
    const heading = columnOf[f];
    const v = heading === undefined ? null : (row.cells.get(heading) ?? null);
    return typeof v === 'string' && v.trim() === '' ? null : v;
  };
  const has = (f: ImportField): boolean => raw(f) !== null;
  const problem = (f: ImportField | null, code: string, message: string): void => {
    problems.push({ row: row.rowNumber, column: f ? (columnOf[f] ?? f) : null, code, message });
  };
  /** The cell read as `read`, or undefined (a problem noted) when it cannot be. */
  function cell<T>(f: ImportField, read: (v: CellValue) => T, required = false): T | undefined {
    const v = raw(f);
    if (v === null) {
      if (required) problem(f, 'missing-value', `${columnOf[f] ?? DEFAULT_LABEL[f]} saknas`);
      return undefined;
    }
    try {
      return read(v);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      problem(f, error.code, error.message);
      return undefined;
    }
  }
  const date = (f: ImportField, required = false) => cell(f, parseDate, required);
  const amount = (f: ImportField, required = false) => cell(f, parseAmountOre, required);
  /** A value the row needs because another column is filled in. */
  const needed = (f: ImportField, because: ImportField): void => {
    const column = columnOf[f] ?? f;
    if (!has(f) && !problems.some((p) => p.column === column && p.code === 'missing-value'))
      problem(
        f,
        'missing-value',
        `${columnOf[f] ?? DEFAULT_LABEL[f]} saknas men ${columnOf[because] ?? DEFAULT_LABEL[because]} är ifyllt`,
      );
  };

  /** A step given by a date and an amount: each needs the other (a legal basis also needs the claim's date). */
  const datedAmount = (on: ImportField, of: ImportField): { on: LocalDate; ore: number } | undefined => {
    const day = date(on);
    const ore = amount(of);
    if (has(of)) needed(on, of);
    if (day) needed(of, on);
    return day && ore !== undefined ? { on: day, ore } : undefined;
  };

  const key = text(raw('key'));
  if (!key)
    problem(
      'key',
      'missing-value',
      `${columnOf.key ?? 'Ärendenummer'} saknas: raden kan inte kännas igen vid en ny import`,
    );

  const receivedOn = date('receivedOn', true);
  const district = readDistrict(raw('district'), ctx, problem);
  const source = cell('source', (v) => parseCatalogue(v, SOURCE_LABELS, 'källa')) ?? 'caseworker';
  const subject = readSubject(
    cell('personalIdentityNumber', text),
    cell('gender', (v) => parseCatalogue(v, GENDER_LABELS, 'kön')),
    ctx.today,
    problem,
  );
  const name = cell('name', text);
  const protection = cell('protectedIdentity', (v) => parseCatalogue(v, PROTECTION_LABELS, 'skyddade personuppgifter'));
  const protectedIdentity = protection && protection !== 'none' ? protection : undefined;
  const assistanceCaseNumber = cell('assistanceCaseNumber', text);
  const reportedBy = cell('reportedBy', text);

  const steps: PlannedStep[] = [];
  // A case imported before the register marked the person: the protection is added (never lifted by a file).
  if (protectedIdentity && receivedOn)
    steps.push({
      field: 'protectedIdentity',
      fields: { basis: 'protectedIdentity', notedOn: 'protectedIdentity' },
      against: (s) =>
        s.identityProtections.some((p) => p.person === 'subject')
          ? same
          : run({ type: 'ProtectIdentity', data: { notedOn: receivedOn, basis: protectedIdentity } }),
    });
  const assessedOn = date('assessedOn');
  const decision = cell('assessment', (v) => parseCatalogue(v, ASSESSMENT_LABELS, 'förhandsbedömning'));
  const reason = cell('noInvestigationReason', (v) =>
    parseCatalogue(v, NO_INVESTIGATION_LABELS, 'skäl till ingen utredning'),
  );
  const cause = cell('cause', (v) => parseCatalogue(v, CAUSE_LABELS, 'orsak'));
  const investigatedOn = date('investigatedOn');
  if (has('assessment') || has('noInvestigationReason'))
    needed('assessedOn', has('assessment') ? 'assessment' : 'noInvestigationReason');
  if (assessedOn) {
    const d = decision ?? (reason ? 'no-investigation' : 'open-investigation');
    steps.push(
      once(
        'assessedOn',
        { decidedOn: 'assessedOn', reason: 'noInvestigationReason', decision: 'assessment' },
        (s) => s.assessment?.decidedOn,
        assessedOn,
        {
          type: 'MakePreAssessment',
          data: {
            decidedOn: assessedOn,
            decision: d,
            reason: d === 'no-investigation' ? (reason ?? null) : null,
            suspectedCause: d === 'open-investigation' ? (cause ?? null) : null,
          },
        },
      ),
    );
  }

  const finding = cell('finding', (v) => parseCatalogue(v, FINDING_LABELS, 'utredningens resultat'));
  const incorrectOre = amount('incorrectAmount');
  const paidOn = date('incorrectPaidOn');
  const grantedOn = date('grantedOn');
  const savedOre = amount('savedAmount') ?? 0;
  const listed = cell('incorrectPayments', parsePaymentList);
  // The investigation's calculation: a month an entry, or the one payment's month and amounts in columns.
  const calculation = cell('calculation', parseCalculation);
  const month = cell('incorrectMonth', parseMonth);
  const paidAmountOre = amount('paidAmount');
  const correctAmountOre = amount('correctAmount');
  const singleFields = ['incorrectMonth', 'paidAmount', 'correctAmount'] as const;
  const single = singleFields.some(has);
  // The one payment's calculation is given whole: each of its three columns needs the others.
  if (single) for (const f of singleFields) needed(f, singleFields.find(has)!);
  if (listed && incorrectOre !== undefined && listed.reduce((t, p) => t + p.ore, 0) !== incorrectOre)
    problem('incorrectAmount', 'amount-mismatch', 'Beloppet är inte summan av de felaktiga utbetalningarna');
  const calculatedOre = calculation?.reduce((t, m) => t + m.paidOre - m.correctOre, 0);
  if (calculation && listed && listed.reduce((t, p) => t + p.ore, 0) !== calculatedOre)
    problem('calculation', 'amount-mismatch', 'Beräkningen stämmer inte med de felaktiga utbetalningarna');
  else if (calculation && incorrectOre !== undefined && !listed && incorrectOre !== calculatedOre)
    problem('incorrectAmount', 'amount-mismatch', 'Beloppet är inte summan av beräkningens månader');
  const paymentsField: ImportField = calculation ? 'calculation' : listed ? 'incorrectPayments' : 'incorrectAmount';
  if (has('incorrectAmount') || has('incorrectPayments') || has('calculation') || has('finding'))
    needed('investigatedOn', has('finding') ? 'finding' : paymentsField);
  if (investigatedOn) {
    const found =
      finding ??
      (incorrectOre || listed?.length || calculation?.length || paidAmountOre
        ? 'incorrect-payment'
        : 'no-incorrect-payment');
    // Registers seldom keep each payment's date; without one the payment is dated by the incoming information.
    const on = paidOn ?? receivedOn ?? investigatedOn;
    const withCalculation =
      paidAmountOre !== undefined && correctAmountOre !== undefined && month !== undefined
        ? { month, paidAmountOre, correctAmountOre }
        : {};
    const one = incorrectOre || single ? [{ paidOn: on, amountOre: incorrectOre ?? null, ...withCalculation }] : [];
    const payments: IncorrectPaymentCommand[] =
      found !== 'incorrect-payment'
        ? []
        : calculation
          ? calculation.map((m) => ({
              paidOn: m.on,
              amountOre: null,
              month: m.month,
              paidAmountOre: m.paidOre,
              correctAmountOre: m.correctOre,
              grantedOn: grantedOn ?? null,
            }))
          : listed
            ? listed.map((p) => ({ paidOn: p.on, amountOre: p.ore, grantedOn: grantedOn ?? null }))
            : one.map((p) => ({ ...p, grantedOn: grantedOn ?? null }));
    steps.push(
      once(
        'investigatedOn',
        {
          completedOn: 'investigatedOn',
          cause: 'cause',
          incorrectPayments: paymentsField,
          'incorrectPayments[0].paidOn': calculation ? 'calculation' : listed ? 'incorrectPayments' : 'incorrectPaidOn',
          'incorrectPayments[0].grantedOn': 'grantedOn',
          'incorrectPayments[0].amount': calculation ? 'calculation' : listed ? 'incorrectPayments' : 'incorrectAmount',
          'incorrectPayments[0].month': calculation ? 'calculation' : 'incorrectMonth',
          'incorrectPayments[0].paidAmount': calculation ? 'calculation' : 'paidAmount',
          'incorrectPayments[0].correctAmount': calculation ? 'calculation' : 'correctAmount',
          errorType: 'finding',
        },
        (s) => s.investigation?.completedOn,
        investigatedOn,
        {
          type: 'RecordInvestigationResult',
          data: {
            completedOn: investigatedOn,
            finding: found,
            cause: found === 'incorrect-payment' ? (cause ?? null) : null,
            incorrectPayments: payments,
            intent: null,
            savedAmountOre: savedOre,
            errorType: null,
          },
        },
      ),
    );
  }

  const basis = cell('legalBasis', (v) => parseCatalogue(v, LEGAL_BASIS_LABELS, 'lagrum'));
  if (has('legalBasis')) needed('claimedOn', 'legalBasis');
  const claim = datedAmount('claimedOn', 'claimAmount');
  if (claim) {
    const legalBasis: LegalBasis =
      basis ?? (lawGoverning(grantedOn ?? paidOn ?? claim.on) === 'SoL 2001:453' ? 'SoL 9:1' : 'SoL 33:1');
    steps.push({
      field: 'claimedOn',
      fields: { decidedOn: 'claimedOn', amount: 'claimAmount', legalBasis: 'legalBasis' },
      against: (s) => {
        const first = s.claims[0];
        if (!first)
          return run({
            type: 'DecideRepaymentClaim',
            data: { decidedOn: claim.on, legalBasis, amountOre: claim.ore },
          });
        if (first.decidedOn !== claim.on) return differs('claimedOn');
        return first.amountOre === claim.ore ? same : differs('claimAmount');
      },
    });
  }

  const plan = datedAmount('planAgreedOn', 'planMonthlyAmount');
  const firstDueOn = date('planFirstDueOn');
  if (plan)
    steps.push(
      once(
        'planAgreedOn',
        { agreedOn: 'planAgreedOn', firstDueOn: 'planFirstDueOn', claimId: 'claimedOn' },
        (s) => s.plans[0]?.agreedOn,
        plan.on,
        {
          type: 'AgreeRepaymentPlan',
          data: { agreedOn: plan.on, monthlyAmountOre: plan.ore, firstDueOn: firstDueOn ?? plan.on },
        },
      ),
    );

  const policeOn = date('policeReportOn');
  const offence = cell('offence', (v) => parseCatalogue(v, OFFENCE_LABELS, 'brott'));
  if (has('offence')) needed('policeReportOn', 'offence');
  if (policeOn)
    steps.push(
      once('policeReportOn', { filedOn: 'policeReportOn' }, (s) => s.policeReports[0]?.filedOn, policeOn, {
        type: 'FilePoliceReport',
        data: { filedOn: policeOn, ...(offence ? { offence } : {}) },
      }),
    );

  const abilityOn = date('abilityAssessedOn');
  const able = cell('ableToPay', (v) => parseYesNo(v, 'betalningsförmåga'));
  if (has('ableToPay')) needed('abilityAssessedOn', 'ableToPay');
  if (abilityOn)
    steps.push(
      once('abilityAssessedOn', { assessedOn: 'abilityAssessedOn' }, (s) => s.abilityToPay?.assessedOn, abilityOn, {
        type: 'AssessAbilityToPay',
        data: { assessedOn: abilityOn, able: able ?? true },
      }),
    );

  const suitDecidedOn = date('suitDecidedOn');
  if (suitDecidedOn)
    steps.push(
      once(
        'suitDecidedOn',
        { decidedOn: 'suitDecidedOn', claimId: 'claimedOn' },
        (s) => s.suitDecisions[0]?.decidedOn,
        suitDecidedOn,
        {
          type: 'DecideCompensationSuit',
          data: { decidedOn: suitDecidedOn },
        },
      ),
    );
  const suit = datedAmount('suitFiledOn', 'suitAmount');
  if (suit)
    steps.push(
      once(
        'suitFiledOn',
        { filedOn: 'suitFiledOn', amount: 'suitAmount', claimId: 'claimedOn' },
        (s) => s.suits[0]?.filedOn,
        suit.on,
        {
          type: 'FileCompensationSuit',
          data: { filedOn: suit.on, amountOre: suit.ore },
        },
      ),
    );

  const closedOn = date('closedOn');
  const closeReason = cell('closeReason', (v) => parseCatalogue(v, CLOSE_REASON_LABELS, 'avslutsorsak'));
  const repaidTotal = amount('repaidAmount');
  const repaidOn = date('repaidOn');
  const repaymentKind: RepaymentKind =
    closeReason === 'repaid-damages' ? 'damages' : closeReason === 'repaid-compensation' ? 'compensation' : 'claim';
  const repaymentList = cell('repayments', parsePaymentList);
  if (repaymentList && repaidTotal !== undefined && repaymentList.reduce((t, r) => t + r.ore, 0) !== repaidTotal)
    problem('repaidAmount', 'amount-mismatch', 'Beloppet är inte summan av återbetalningarna');
  if (repaidTotal && !repaymentList) {
    needed('repaidOn', 'repaidAmount');
    const kind = repaymentKind;
    // The register keeps a running total: what it adds to the recorded repayments is one repayment on its date.
    if (repaidOn)
      steps.push({
        field: 'repaidAmount',
        fields: { receivedOn: 'repaidOn', amount: 'repaidAmount', claimId: 'claimedOn' },
        against: (s) => {
          const recorded = repaidOre(s);
          if (recorded === repaidTotal) return same;
          if (recorded > repaidTotal) return differs('repaidAmount');
          return run({
            type: 'ReceiveRepayment',
            data: { receivedOn: repaidOn, amountOre: repaidTotal - recorded, kind },
          });
        },
      });
  }

  if (repaymentList) {
    // Each listed repayment is one step: it is new while the case holds fewer of that day and amount.
    repaymentList.forEach((r, k) => {
      const wanted = repaymentList.slice(0, k + 1).filter((x) => x.on === r.on && x.ore === r.ore).length;
      steps.push({
        field: 'repayments',
        fields: { receivedOn: 'repayments', amount: 'repayments', claimId: 'claimedOn' },
        against: (s) =>
          s.repayments.filter((x) => x.receivedOn === r.on && x.amountOre === r.ore).length >= wanted
            ? same
            : run({ type: 'ReceiveRepayment', data: { receivedOn: r.on, amountOre: r.ore, kind: repaymentKind } }),
      });
    });
  }

  if (has('closeReason')) needed('closedOn', 'closeReason');
  if (closedOn) {
    needed('closeReason', 'closedOn');
    if (closeReason) {
      const waiver = WAIVED[closeReason];
      // An "Eftergift" closing in the register stands for the nämnd's waiver of what was still owed.
      if (waiver)
        steps.push({
          field: 'closeReason',
          fields: { decidedOn: 'closedOn', amount: 'closeReason', claimId: 'claimedOn' },
          against: (s) => {
            if (s.closure) return same;
            const claim = s.claims[0];
            const outstanding = claim ? claimOutstandingOre(s, claim) : 0;
            if (!claim || outstanding === 0) return same;
            return run({ type: 'WaiveClaim', data: { decidedOn: closedOn, reason: waiver, amountOre: outstanding } });
          },
        });
      steps.push({
        field: 'closedOn',
        fields: { closedOn: 'closedOn', reason: 'closeReason' },
        against: (s) => {
          if (!s.closure) return run({ type: 'CloseCase', data: { closedOn, reason: closeReason } });
          if (s.closure.closedOn !== closedOn) return differs('closedOn');
          return s.closure.reason === closeReason ? same : differs('closeReason');
        },
      });
    }
  }

  if (problems.length > 0 || !receivedOn || !district || !subject || !key) return { problems };
  return {
    plan: {
      row: row.rowNumber,
      key,
      district,
      registration: {
        receivedOn,
        source,
        subject: { ...subject, ...(name ? { name } : {}), ...(protectedIdentity ? { protectedIdentity } : {}) },
        ...(assistanceCaseNumber ? { assistanceCaseNumber } : {}),
        ...(reportedBy ? { reportedBy } : {}),
      },
      steps,
    },
  };
}

const WAIVED: Partial<Record<CloseReason, 'time-limit' | 'other'>> = {
  'waived-time-limit': 'time-limit',
  'waived-other': 'other',
};

/** How a field is named in a message when the file has no column for it. */
const DEFAULT_LABEL: Record<ImportField, string> = {
  key: 'Ärendenummer',
  receivedOn: 'Inkommen',
  district: 'Stadsdelsnämnd',
  personalIdentityNumber: 'Personnummer',
  gender: 'Kön',
  name: 'Namn',
  protectedIdentity: 'Skyddade personuppgifter',
  source: 'Källa',
  assistanceCaseNumber: 'Ärendenummer ekonomiskt bistånd',
  reportedBy: 'Anmält av',
  assessedOn: 'Förhandsbedömning datum',
  assessment: 'Förhandsbedömning',
  noInvestigationReason: 'Skäl till ingen utredning',
  investigatedOn: 'Utredning klar',
  finding: 'Utredningens resultat',
  cause: 'Orsak',
  incorrectPaidOn: 'Felaktigt utbetalt datum',
  incorrectAmount: 'Felaktigt utbetalt belopp',
  incorrectPayments: 'Felaktiga utbetalningar',
  grantedOn: 'Beviljat datum',
  incorrectMonth: 'Avser månad',
  paidAmount: 'Utbetalt belopp',
  correctAmount: 'Rätt belopp',
  calculation: 'Beräkning',
  savedAmount: 'Inbesparat belopp',
  claimedOn: 'Återkrav datum',
  legalBasis: 'Lagrum',
  claimAmount: 'Återkrävt belopp',
  planAgreedOn: 'Avbetalningsplan datum',
  planMonthlyAmount: 'Månadsbelopp',
  planFirstDueOn: 'Första förfallodag',
  repaidOn: 'Återbetalt datum',
  repaidAmount: 'Återbetalt belopp',
  repayments: 'Återbetalningar',
  policeReportOn: 'Polisanmälan datum',
  offence: 'Brott',
  abilityAssessedOn: 'Betalningsförmåga datum',
  ableToPay: 'Betalningsförmåga',
  suitDecidedOn: 'Ersättningstalan beslut',
  suitFiledOn: 'Ersättningstalan ingiven',
  suitAmount: 'Ersättningstalan belopp',
  closedOn: 'Avslutat datum',
  closeReason: 'Avslutsorsak',
};

function readDistrict(
  value: CellValue,
  ctx: PlanContext,
  problem: (f: ImportField, code: string, message: string) => void,
): District | undefined {
  if (value === null) {
    if (ctx.district) return ctx.district;
    problem('district', 'missing-value', 'Stadsdelsnämnd saknas (ange kolumnen eller --district)');
    return undefined;
  }
  const wanted = normalize(text(value));
  const found = ctx.districts
    .all()
    .find((d) => normalize(d.code) === wanted || normalize(d.name) === wanted || normalize(d.prefix) === wanted);
  if (!found) {
    problem('district', 'unknown-district', 'Värdet är ingen känd stadsdelsnämnd (se GET /api/districts)');
    return undefined;
  }
  if (ctx.district && found.code !== ctx.district.code) {
    problem(
      'district',
      'district-not-permitted',
      `Raden gäller ${found.name}, men importen gäller ${ctx.district.name}`,
    );
    return undefined;
  }
  return found;
}

/** The person: a valid personnummer decides the gender; without one the gender column must say it. */
function readSubject(
  pin: string | undefined,
  gender: Gender | undefined,
  today: LocalDate,
  problem: (f: ImportField, code: string, message: string) => void,
): { personalIdentityNumber?: string; gender: Gender } | undefined {
  if (pin) {
    const parsed = parsePersonalIdentityNumber(pin, today);
    // The reason names no digits: the report may be read by others than the investigator.
    if (!parsed.ok) {
      problem(
        'personalIdentityNumber',
        'invalid-personal-identity-number',
        'Personnumret är inte giltigt (kontrollsiffra eller datum)',
      );
      return undefined;
    }
    if (gender && gender !== 'unknown' && gender !== parsed.pin.gender) {
      problem('gender', 'gender-mismatch', 'Kön stämmer inte med personnumret');
      return undefined;
    }
    return { personalIdentityNumber: parsed.pin.value, gender: parsed.pin.gender };
  }
  if (!gender) {
    problem('gender', 'missing-value', 'Kön saknas (krävs utan personnummer)');
    return undefined;
  }
  return { gender };
}
