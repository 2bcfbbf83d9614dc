/**
 * Go `time.ParseDuration` semantics, which is what Fleet (and every
 * metav1.Duration field) uses for strings such as `15s`, `1h30m` or `1.5h`.
 */
import { invalid, tooLong, typeInvalid, type FieldError } from './field-errors';

const NANOS_PER_UNIT: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['µs', 1_000n], // U+00B5 micro sign
  ['μs', 1_000n], // U+03BC Greek small letter mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

/** Go's time.Duration is an int64 count of nanoseconds. */
const MAX_DURATION_NANOS = 2n ** 63n - 1n;
const MIN_DURATION_MAGNITUDE = 2n ** 63n;

export const ALLOWED_DURATION_UNITS = 'ns, us (or µs), ms, s, m, h';

export type GoDurationResult = { ok: true; nanoseconds: bigint } | { ok: false; error: string };

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/**
 * Parses like Go and reports Go's own error text on failure
 * (`time: unknown unit "d" in duration "1d"`).
 */
export function parseGoDurationDetailed(text: string): GoDurationResult {
  const quoted = JSON.stringify(text);
  const invalidDuration: GoDurationResult = { ok: false, error: `time: invalid duration ${quoted}` };
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  // A bare zero is the only number allowed without a unit.
  if (rest === '0') return { ok: true, nanoseconds: 0n };
  if (rest === '') return invalidDuration;

  let total = 0n;
  while (rest !== '') {
    if (!(rest[0] === '.' || isDigit(rest[0]))) return invalidDuration;

    let cursor = 0;
    while (isDigit(rest[cursor])) cursor++;
    const wholeDigits = rest.slice(0, cursor);
    let fractionDigits = '';
    if (rest[cursor] === '.') {
      cursor++;
      const fractionStart = cursor;
      while (isDigit(rest[cursor])) cursor++;
      fractionDigits = rest.slice(fractionStart, cursor);
    }
    if (wholeDigits === '' && fractionDigits === '') return invalidDuration; // e.g. ".s"

    const unitStart = cursor;
    while (cursor < rest.length && rest[cursor] !== '.' && !isDigit(rest[cursor])) cursor++;
    const unit = rest.slice(unitStart, cursor);
    if (unit === '') return { ok: false, error: `time: missing unit in duration ${quoted}` };
    const unitNanos = NANOS_PER_UNIT.get(unit);
    if (unitNanos === undefined) {
      return { ok: false, error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    }
    rest = rest.slice(cursor);

    const whole = wholeDigits === '' ? 0n : BigInt(wholeDigits);
    // Go truncates the fractional part to whole nanoseconds.
    const fraction =
      fractionDigits === '' ? 0n : (BigInt(fractionDigits) * unitNanos) / 10n ** BigInt(fractionDigits.length);
    total += whole * unitNanos + fraction;
    if (total > MIN_DURATION_MAGNITUDE) return invalidDuration;
  }
  if (negative) return { ok: true, nanoseconds: -total };
  if (total > MAX_DURATION_NANOS) return invalidDuration;
  return { ok: true, nanoseconds: total };
}

/** Nanoseconds, exactly, or null when Go would reject the text. */
export function parseGoDurationNanoseconds(text: string): bigint | null {
  const result = parseGoDurationDetailed(text);
  return result.ok ? result.nanoseconds : null;
}

/** Milliseconds (possibly fractional, e.g. `1500ns` → 0.0015) or null when invalid. */
export function parseGoDuration(text: string): number | null {
  const nanoseconds = parseGoDurationNanoseconds(text);
  if (nanoseconds === null) return null;
  // Split before converting so whole milliseconds stay exact even for huge values.
  const wholeMillis = nanoseconds / 1_000_000n;
  const remainderNanos = nanoseconds % 1_000_000n;
  return Number(wholeMillis) + Number(remainderNanos) / 1_000_000;
}

export const FLEET_DURATION_MAX_LENGTH = 32;
/** Fleet caps durations at 2562047h, just below Go's int64 limit of 2562047h47m16.854775807s. */
export const FLEET_DURATION_MAX_NANOS = 2_562_047n * 3_600_000_000_000n;

/**
 * Validates a Fleet duration field (e.g. GitRepo `spec.pollingInterval`):
 * a 1–32 character Go duration string no larger than 2562047h.
 */
export function validateFleetDuration(value: unknown, fieldPath: string): FieldError[] {
  if (typeof value !== 'string') return [typeInvalid(fieldPath, 'string', value)];
  if (value === '') return [invalid(fieldPath, value, `${fieldPath} in body should be at least 1 chars long`)];
  if (value.length > FLEET_DURATION_MAX_LENGTH) return [tooLong(fieldPath, FLEET_DURATION_MAX_LENGTH)];
  const parsed = parseGoDurationDetailed(value);
  if (!parsed.ok) {
    return [
      invalid(
        fieldPath,
        value,
        `${parsed.error}; must be a Go duration such as "30s", "1m30s" or "1.5h" (units: ${ALLOWED_DURATION_UNITS}; days and weeks are not supported)`,
      ),
    ];
  }
  const magnitude = parsed.nanoseconds < 0n ? -parsed.nanoseconds : parsed.nanoseconds;
  if (magnitude > FLEET_DURATION_MAX_NANOS) return [invalid(fieldPath, value, 'must not be longer than 2562047h')];
  return [];
}
