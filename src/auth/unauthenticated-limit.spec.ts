import { UnauthenticatedLimit } from './unauthenticated-limit';

describe('the limit on requests without a valid session or token', () => {
  it('lets an address make perMinute requests a minute, then names the seconds until its window ends', () => {
    let now = 0;
    const limit = new UnauthenticatedLimit(3, () => now);
    expect([limit.take('10.0.0.1'), limit.take('10.0.0.1'), limit.take('10.0.0.1')]).toEqual([0, 0, 0]);
    now = 20_500;
    expect(limit.take('10.0.0.1')).toBe(40);
    expect(limit.take('10.0.0.2')).toBe(0);
    now = 60_000;
    expect(limit.take('10.0.0.1')).toBe(0);
  });

  it('counts an IPv4 address the same however it arrives, and IPv6 per /64', () => {
    const limit = new UnauthenticatedLimit(1, () => 0);
    expect(limit.take('::ffff:10.0.0.1')).toBe(0);
    expect(limit.take('10.0.0.1')).toBeGreaterThan(0);
    expect(limit.take('2001:db8:1:2::1')).toBe(0);
    expect(limit.take('2001:db8:1:2:ffff::9')).toBeGreaterThan(0);
    expect(limit.take('2001:db8:1:3::1')).toBe(0);
  });
});
