import type { DemoCase } from './demo-plan';
import { recordingTimes } from './recording-times';
import { seededRandom } from './apportion';

const demoCase: DemoCase = {
  district: 'farsta',
  receivedOn: '2018-12-28',
  gender: 'woman',
  source: 'caseworker',
  steps: [
    {
      type: 'MakePreAssessment',
      data: { decidedOn: '2018-12-28', decision: 'open-investigation', reason: null, suspectedCause: null },
    },
    { type: 'AssignInvestigator', data: { investigator: 'fut.farsta.1' } },
    { type: 'FilePoliceReport', data: { filedOn: '2018-12-20' } },
  ],
};

describe('recording times of the sample history', () => {
  const times = recordingTimes(demoCase, seededRandom(1));
  const day = (iso: string): string =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(iso));

  it('records each step one to six days after its business date, in office hours', () => {
    const registered = day(times.registration);
    expect(registered > '2018-12-28' && registered <= '2019-01-03').toBe(true);
    const hour = Number(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit' }).format(
        new Date(times.registration),
      ),
    );
    expect(hour).toBeGreaterThanOrEqual(8);
    expect(hour).toBeLessThan(17);
  });

  it('never records a step before the one it follows', () => {
    const all = [times.registration, ...times.steps];
    expect([...all].sort()).toEqual(all);
    expect(times.steps).toHaveLength(3);
  });

  it('is the same every time for the same seed', () =>
    expect(recordingTimes(demoCase, seededRandom(1))).toEqual(times));
});
