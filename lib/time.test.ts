import { describe, expect, it } from 'vitest';

import { formatRelative } from './time';

const now = new Date('2026-01-10T12:00:00Z');

describe('formatRelative', () => {
  it('returns undefined for missing or bad input', () => {
    expect(formatRelative(undefined, now)).toBeUndefined();
    expect(formatRelative('not a date', now)).toBeUndefined();
  });

  it('says "just now" for the last few seconds', () => {
    expect(formatRelative('2026-01-10T11:59:30Z', now)).toBe('just now');
  });

  it('picks the largest whole unit', () => {
    expect(formatRelative('2026-01-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-01-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2026-01-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative('2025-12-20T12:00:00Z', now)).toBe('3 weeks ago');
  });

  it('handles future times', () => {
    expect(formatRelative('2026-01-10T14:00:00Z', now)).toBe('in 2 hours');
  });
});
