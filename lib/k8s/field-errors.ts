/**
 * Field-level validation errors shaped like kube-apiserver's `field.Error`.
 *
 * `type` doubles as the StatusCause `reason`, `field` is the Kubernetes field
 * path and `message` is what kube calls the error *body* (the text without the
 * field path), which is exactly what goes into `status.details.causes[].message`.
 */

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  message: string;
}

// --- field paths -----------------------------------------------------------

/** `spec` + `targets` → `spec.targets`; an empty base yields just the child. */
export function childPath(base: string, ...names: string[]): string {
  return names.reduce((path, name) => (path === '' ? name : `${path}.${name}`), base);
}

/** `spec.targets` + 0 → `spec.targets[0]` */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** `metadata.labels` + `app` → `metadata.labels[app]` (kube does not quote map keys). */
export function keyPath(base: string, key: string): string {
  return `${base}[${key}]`;
}

// --- value rendering -------------------------------------------------------

/**
 * Renders a bad value the way Go's field.Error does: strings are quoted (%q),
 * numbers and booleans are bare (%v). Go prints a nil value as the *string*
 * "null", so it comes out quoted too. Composite values use JSON because Go's
 * %#v syntax would mean nothing to API clients here.
 */
export function formatBadValue(value: unknown): string {
  if (value === null || value === undefined) return JSON.stringify('null');
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The JSON Schema type name of a value, as kube-openapi reports it in type errors. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function withDetail(body: string, detail: string | undefined): string {
  return detail ? `${body}: ${detail}` : body;
}

// --- constructors ----------------------------------------------------------

/** `Required value` (with an optional explanation). */
export function required(field: string, detail?: string): FieldError {
  return { type: 'FieldValueRequired', field, message: withDetail('Required value', detail) };
}

/** `Invalid value: "Foo_": <detail>` */
export function invalid(field: string, value: unknown, detail?: string): FieldError {
  return {
    type: 'FieldValueInvalid',
    field,
    message: withDetail(`Invalid value: ${formatBadValue(value)}`, detail),
  };
}

/** `Unsupported value: "Foo": supported values: "In", "NotIn"` */
export function notSupported(field: string, value: unknown, allowed: readonly string[]): FieldError {
  const detail =
    allowed.length > 0 ? `supported values: ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : undefined;
  return {
    type: 'FieldValueNotSupported',
    field,
    message: withDetail(`Unsupported value: ${formatBadValue(value)}`, detail),
  };
}

/** `Too long: may not be more than 63 bytes` — kube never echoes the (long) value back. */
export function tooLong(field: string, maxLength: number): FieldError {
  const unit = maxLength === 1 ? 'byte' : 'bytes';
  return { type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${maxLength} ${unit}` };
}

/** `Too many: 12: must have at most 10 items` */
export function tooMany(field: string, actual: number, maxItems: number): FieldError {
  const unit = maxItems === 1 ? 'item' : 'items';
  return {
    type: 'FieldValueTooMany',
    field,
    message: `Too many: ${actual}: must have at most ${maxItems} ${unit}`,
  };
}

/** `Duplicate value: "x"` */
export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${formatBadValue(value)}` };
}

/** `Forbidden: <detail>` */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, message: withDetail('Forbidden', detail) };
}

/**
 * A JSON type mismatch, worded like the CRD schema validator:
 * `Invalid value: "integer": spec.paused in body must be of type boolean: "integer"`.
 * Pass `actual` so the message can name the type that was received.
 */
export function typeInvalid(field: string, expected: string, ...actual: [unknown?]): FieldError {
  const expectation = `${field} in body must be of type ${expected}`;
  if (actual.length === 0) {
    return { type: 'FieldValueTypeInvalid', field, message: `Invalid value: ${expectation}` };
  }
  const actualType = JSON.stringify(jsonTypeName(actual[0]));
  return {
    type: 'FieldValueTypeInvalid',
    field,
    message: `Invalid value: ${actualType}: ${expectation}: ${actualType}`,
  };
}

// --- rendering whole errors --------------------------------------------------

/** `metadata.name: Invalid value: "Foo_": ...` — the one-line form used in Status messages. */
export function formatFieldError(error: FieldError): string {
  return error.field === '' ? error.message : `${error.field}: ${error.message}`;
}

/**
 * The `message` of a 422 Invalid Status, e.g.
 * `GitRepo.fleet.cattle.io "demo" is invalid: spec.repo: Required value`.
 * Like kube's aggregate error, identical lines are reported once and several
 * errors are wrapped in brackets.
 */
export function invalidObjectMessage(
  kind: string,
  group: string,
  name: string,
  errors: readonly FieldError[],
): string {
  const qualifiedKind = group === '' ? kind : `${kind}.${group}`;
  const head = `${qualifiedKind} ${JSON.stringify(name)} is invalid`;
  const lines = [...new Set(errors.map(formatFieldError))];
  if (lines.length === 0) return head;
  const body = lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`;
  return `${head}: ${body}`;
}
