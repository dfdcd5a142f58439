import { describe, expect, it } from 'vitest';
import { formatClockTime, parseClockTime } from '../../../src/sim/clock/clockTime.ts';

describe('clockTime', () => {
  it('should parse HH:MM into minutes since midnight', () => {
    expect(parseClockTime('17:00')).toBe(1020);
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('23:59')).toBe(1439);
  });
  it('should reject malformed times with NaN', () => {
    for (const bad of ['24:00', '7:00', '17:60', '', '17-00']) expect(parseClockTime(bad)).toBeNaN();
  });
  it('should format and wrap past midnight', () => {
    expect(formatClockTime(1030)).toBe('17:10');
    expect(formatClockTime(1440 + 10)).toBe('00:10');
  });
  it('should round-trip every minute of the day', () => {
    for (let m = 0; m < 1440; m += 7) expect(parseClockTime(formatClockTime(m))).toBe(m);
  });
});
