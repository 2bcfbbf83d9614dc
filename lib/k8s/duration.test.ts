import { describe, expect, it } from 'vitest';
import {
  parseGoDuration,
  parseGoDurationDetailed,
  parseGoDurationNanoseconds,
  validateFleetDuration,
} from './duration';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['+0', 0],
    ['-0', 0],
    ['15s', 15_000],
    ['1m', 60_000],
    ['1h30m', 5_400_000],
    ['2h45m10s', 9_910_000],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['1.s', 1000],
    ['300ms', 300],
    ['-1.5h', -5_400_000],
    ['+10s', 10_000],
    ['1500us', 1.5],
    ['1500µs', 1.5],
    ['1500μs', 1.5],
    ['2500ns', 0.0025],
    ['1h1h', 7_200_000],
    ['0s', 0],
    ['0.000000001s', 0.000001],
  ])('parses %j', (text, milliseconds) => {
    expect(parseGoDuration(text)).toBeCloseTo(milliseconds, 9);
  });

  it.each(['', '-', '+', '1', '10', 's', '.s', '-.s', '1d', '1w', '1 s', ' 1s', '1s ', '1S', '1H', '1m-1s', '1.2.3s', 'ms', '1e3s', 'abc'])(
    'rejects %j',
    (text) => {
      expect(parseGoDuration(text)).toBeNull();
    },
  );

  it('keeps nanosecond precision and truncates finer fractions like Go', () => {
    expect(parseGoDurationNanoseconds('1.0000000009s')).toBe(1_000_000_000n);
    expect(parseGoDurationNanoseconds('0.5ns')).toBe(0n);
    expect(parseGoDurationNanoseconds('1h0.5ns0.5ns')).toBe(3_600_000_000_000n);
  });

  it('stops at the int64 nanosecond range', () => {
    expect(parseGoDurationNanoseconds('2562047h47m16.854775807s')).toBe(2n ** 63n - 1n);
    expect(parseGoDurationNanoseconds('9223372036854775807ns')).toBe(2n ** 63n - 1n);
    expect(parseGoDurationNanoseconds('9223372036854775808ns')).toBeNull();
    expect(parseGoDurationNanoseconds('-9223372036854775808ns')).toBe(-(2n ** 63n));
    expect(parseGoDurationNanoseconds('-9223372036854775809ns')).toBeNull();
    expect(parseGoDurationNanoseconds('2562048h')).toBeNull();
    expect(parseGoDuration('2562047h')).toBe(2_562_047 * 3_600_000);
  });

  it("reports Go's error texts", () => {
    expect(parseGoDurationDetailed('1d')).toEqual({ ok: false, error: 'time: unknown unit "d" in duration "1d"' });
    expect(parseGoDurationDetailed('10')).toEqual({ ok: false, error: 'time: missing unit in duration "10"' });
    expect(parseGoDurationDetailed('x')).toEqual({ ok: false, error: 'time: invalid duration "x"' });
    expect(parseGoDurationDetailed('1h30')).toEqual({ ok: false, error: 'time: missing unit in duration "1h30"' });
  });
});

describe('validateFleetDuration', () => {
  const field = 'spec.pollingInterval';

  it.each(['15s', '1m', '1h30m', '0', '0s', '1.5h', '2562047h'])('accepts %j', (value) => {
    expect(validateFleetDuration(value, field)).toEqual([]);
  });

  it('rejects days and weeks, naming the allowed units', () => {
    const [error, ...rest] = validateFleetDuration('1d', field);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ type: 'FieldValueInvalid', field });
    expect(error?.message).toBe(
      'Invalid value: "1d": time: unknown unit "d" in duration "1d"; must be a Go duration such as "30s", "1m30s" or "1.5h" (units: ns, us (or µs), ms, s, m, h; days and weeks are not supported)',
    );
    expect(validateFleetDuration('2w', field)[0]?.message).toContain('units: ns, us (or µs), ms, s, m, h');
  });

  it('rejects unitless numbers and garbage', () => {
    expect(validateFleetDuration('30', field)[0]?.message).toContain('time: missing unit in duration "30"');
    expect(validateFleetDuration('soon', field)[0]?.type).toBe('FieldValueInvalid');
  });

  it('enforces the length bounds', () => {
    expect(validateFleetDuration('', field)).toEqual([
      { type: 'FieldValueInvalid', field, message: `Invalid value: "": ${field} in body should be at least 1 chars long` },
    ]);
    expect(validateFleetDuration('1h'.repeat(16), field)).toEqual([]);
    expect(validateFleetDuration(`${'1h'.repeat(16)}1s`, field)).toEqual([
      { type: 'FieldValueTooLong', field, message: 'Too long: may not be more than 32 bytes' },
    ]);
  });

  it('caps the magnitude at 2562047h', () => {
    expect(validateFleetDuration('2562047h1s', field)).toEqual([
      { type: 'FieldValueInvalid', field, message: 'Invalid value: "2562047h1s": must not be longer than 2562047h' },
    ]);
    expect(validateFleetDuration('2562048h', field)[0]?.message).toContain('time: invalid duration');
  });

  it('requires a string', () => {
    expect(validateFleetDuration(30, field)).toEqual([
      {
        type: 'FieldValueTypeInvalid',
        field,
        message: `Invalid value: "integer": ${field} in body must be of type string: "integer"`,
      },
    ]);
    expect(validateFleetDuration(null, field)[0]?.type).toBe('FieldValueTypeInvalid');
  });
});
