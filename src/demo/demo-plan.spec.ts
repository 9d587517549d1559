import { buildDemoPlan } from './demo-plan';

describe('demo plan', () => {
  it('builds a deterministic history', () => {
    const a = buildDemoPlan();
    expect(a.length).toBe(817 + 697 + 579 + 542 + 636);
    expect(JSON.stringify(buildDemoPlan())).toBe(JSON.stringify(a));
  });
});
