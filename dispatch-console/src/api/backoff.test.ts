import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay } from './backoff';

describe('reconnect back-off', () => {
  it('starts at 0.5 s and doubles up to 10 s (without jitter at the midpoint)', () => {
    const schedule = Array.from({ length: 8 }, (_, attempt) => backoffDelay(attempt, 0.5));
    expect(schedule).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });

  it('spreads each delay by ±20 % and never waits more than 10 s', () => {
    expect(backoffDelay(0, 0)).toBe(400);
    expect(backoffDelay(0, 0.999999)).toBe(600);
    expect(backoffDelay(3, 0)).toBe(3200);
    expect(backoffDelay(4, 0.999999)).toBe(9600);
    expect(backoffDelay(5, 0.999999)).toBe(BACKOFF_MAX_MS);
    for (let attempt = 0; attempt < 50; attempt++) {
      for (const random of [0, 0.3, 0.7, 0.999]) {
        const delay = backoffDelay(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(400);
        expect(delay).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      }
    }
  });

  it('handles absurd attempt numbers', () => {
    expect(backoffDelay(10_000, 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(-3, 0.5)).toBe(500);
  });
});
