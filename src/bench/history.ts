import { randomUUID } from 'node:crypto';
import { addDays, makeDate } from '../calendar/local-date';
import { DistrictRegister, isDistrictValidOn } from '../districts/district-register';
import type { NewEvent } from '../event-store/event-store.port';
import { type CaseCommand, decide } from '../cases/steps';
import type { CaseEvent } from '../cases/steps';
import { type CaseState, initialState, outstandingOre } from '../cases/domain/case-state';
import { evolve } from '../cases/steps';
import { CAUSES, type Cause } from '../cases/domain/catalogues';
import { toNewEvents } from '../cases/application/case-stream';
import { seededRandom } from '../demo/apportion';

/** A valid 12-digit personnummer (Luhn check digit) for the n-th of the bench's people. */
export function benchPersonalNumber(n: number): string {
  const birth = addDays(makeDate(1950, 1, 1), n % 18_000).replace(/-/g, '');
  const serial = String(100 + (Math.floor(n / 18_000) % 900)).padStart(3, '0');
  const nine = `${birth.slice(2)}${serial}`;
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${birth}${serial}${(10 - (sum % 10)) % 10}`;
}

/**
 * A synthetic history for benchmarks: each case's events come from the real
 * decider (so every event is one the service could have written), with random
 * fates over 2014-2018, in the real data's shape: a person with personnummer and
 * name (from a pool of `people`, so some have several cases), known payments,
 * transfers, reopenings, several claims, and each step recorded a few days after
 * its business date.
 */
export function* syntheticHistory(
  cases: number,
  seed = 7,
  people = 2000,
): Generator<{ streamId: string; events: NewEvent[] }> {
  const random = seededRandom(seed);
  const register = DistrictRegister.default();
  const causes = Object.keys(CAUSES) as Cause[];
  const today = '2019-03-01';
  for (let i = 0; i < cases; i++) {
    // Cases come in over the years in the order they are written, as in a real log (its positions follow time).
    const receivedOn = addDays(makeDate(2014, 1, 1), Math.floor((i * 1790) / cases + random() * 3));
    const districts = register.districts.filter((d) => isDistrictValidOn(d, receivedOn));
    const district = districts[Math.floor(random() * districts.length)];
    const caseId = randomUUID();
    let state: CaseState = initialState();
    const events: CaseEvent[] = [];
    const run = (command: CaseCommand): boolean => {
      try {
        for (const e of decide(command, state)) {
          state = evolve(state, e);
          events.push(e);
        }
        return true;
      } catch {
        return false;
      }
    };
    const at = (days: number): string => {
      const d = addDays(receivedOn, days);
      return d > today ? today : d;
    };
    run({
      type: 'RegisterCase',
      today,
      data: {
        caseId,
        caseNumber: `${district.prefix}-${receivedOn.slice(0, 4)}-${String(i + 1).padStart(6, '0')}`,
        district,
        receivedOn,
        source: 'caseworker',
        subject: {
          personalIdentityNumber: benchPersonalNumber(i % people),
          name: `Bench Person ${i % people}`,
          gender: random() < 0.5 ? 'woman' : 'man',
        },
        suspectedPayments: [{ paidOn: addDays(receivedOn, -40), amountOre: 100_000 + Math.floor(random() * 900_000) }],
        summary: null,
      },
    });
    if (random() < 0.85) {
      const open = random() < 0.5;
      run({
        type: 'MakePreAssessment',
        today,
        data: {
          decidedOn: at(20),
          decision: open ? 'open-investigation' : 'no-investigation',
          reason: open ? null : 'no-grounds',
          suspectedCause: causes[Math.floor(random() * causes.length)],
        },
      });
      if (random() < 0.05) {
        const to = register.districts.filter((d) => d.code !== district.code && isDistrictValidOn(d, at(25)));
        run({
          type: 'TransferCase',
          today,
          data: { transferredOn: at(25), toDistrict: to[Math.floor(random() * to.length)] },
        });
      }
      if (open) {
        // Three investigators per district, as "Mina ärenden" reads them.
        const here = state.exists ? state.district : district.code;
        run({
          type: 'AssignInvestigator',
          today,
          data: { investigator: benchInvestigator(here, random()), investigatorDistricts: [here] },
        });
      }
      if (!open) {
        if (random() < 0.7) run({ type: 'CloseCase', today, data: { closedOn: at(30), reason: 'no-action' } });
      } else if (random() < 0.9) {
        const found = random() < 0.7;
        const amountOre = 100_000 + Math.floor(random() * 4_000_000);
        // Some investigations find two payments, claimed one by one.
        const second = found && random() < 0.2 ? 50_000 + Math.floor(random() * 500_000) : 0;
        run({
          type: 'RecordInvestigationResult',
          today,
          data: {
            completedOn: at(60),
            finding: found ? 'incorrect-payment' : 'no-incorrect-payment',
            cause: found ? causes[Math.floor(random() * causes.length)] : null,
            incorrectPayments: found
              ? [
                  { paidOn: addDays(receivedOn, -40), amountOre, grantedOn: null },
                  ...(second ? [{ paidOn: addDays(receivedOn, -10), amountOre: second, grantedOn: null }] : []),
                ]
              : [],
            intent: null,
            savedAmountOre: Math.floor(random() * 1_000_000),
          },
        });
        if (found) {
          run({
            type: 'DecideRepaymentClaim',
            today,
            data: { decidedOn: at(65), legalBasis: 'SoL 9:1', amountOre, ...(second ? { payments: [0] } : {}) },
          });
          if (second) {
            run({
              type: 'DecideRepaymentClaim',
              today,
              data: { decidedOn: at(67), legalBasis: 'SoL 9:1', amountOre: second, payments: [1] },
            });
          }
          if (random() < 0.15) run({ type: 'FilePoliceReport', today, data: { filedOn: at(66) } });
          if (random() < 0.5) {
            run({
              type: 'AgreeRepaymentPlan',
              today,
              data: { agreedOn: at(70), monthlyAmountOre: 50_000, firstDueOn: at(90) },
            });
            for (let k = 0; k < 4 && state.exists && outstandingOre(state) > 0; k++) {
              run({
                type: 'ReceiveRepayment',
                today,
                data: {
                  receivedOn: at(90 + 90 * k),
                  amountOre: Math.min(outstandingOre(state), 150_000),
                  kind: 'claim',
                },
              });
            }
          }
          if (state.exists && random() < 0.5) {
            // Eftergift needs the nämnd's waiver decision over what is outstanding.
            const outstanding = outstandingOre(state);
            if (outstanding > 0) {
              run({
                type: 'WaiveClaim',
                today,
                data: { decidedOn: at(500), reason: 'other', amountOre: outstanding },
              });
            }
            run({
              type: 'CloseCase',
              today,
              data: { closedOn: at(500), reason: outstanding === 0 ? 'repaid-claim' : 'waived-other' },
            });
          }
        } else {
          run({ type: 'CloseCase', today, data: { closedOn: at(70), reason: 'no-claim' } });
        }
      }
    }
    if (state.exists && state.closure && random() < 0.05) {
      run({ type: 'ReopenCase', today, data: { reopenedOn: at(520), reason: 'Nya uppgifter' } });
    }
    const written = toNewEvents(events, {
      actor: 'bench',
      recordedAt: `${today}T10:00:00.000Z`,
      correlationId: caseId,
      causationId: null,
    });
    // Each step recorded one to ten days after its business date, never before the step before it.
    let last = '';
    for (const e of written) {
      let day = addDays(e.metadata.occurredOn, 1 + Math.floor(random() * 10));
      if (day > today) day = today;
      if (day < last) day = last;
      last = day;
      e.metadata = { ...e.metadata, recordedAt: `${day}T09:00:00.000Z` };
    }
    yield { streamId: `case-${caseId}`, events: written };
  }
}

/** One of a district's three investigators in the synthetic history. */
export function benchInvestigator(district: string, random: number): string {
  return `fut.${district}.${1 + Math.floor(random * 3)}`;
}
