/**
 * A small emulation of Go's `encoding/json` encoder, so hashes Fleet takes over JSON-encoded Go
 * structs (deployment IDs, manifest IDs) come out the same from TypeScript objects.
 *
 * What Go does and this module reproduces:
 * - struct fields are written in declaration order, fields unknown to the struct are dropped;
 * - `omitempty` drops "", 0, false, nil pointers and empty slices/maps, but never a struct value;
 * - map keys (and `interface{}` maps) are sorted;
 * - strings escape `<`, `>`, `&`, U+2028 and U+2029 (`json.Encoder` escapes HTML by default) and
 *   replace invalid UTF-16 (lone surrogates) with U+FFFD;
 * - numbers print like Go's float64 encoder (which matches JavaScript's shortest form);
 * - `json.Encoder.Encode` appends a newline (see {@link encodeGoJsonLine}).
 */

/** A Go type as far as JSON encoding is concerned. */
export type GoType =
  | 'string'
  | 'int'
  | 'bool'
  /** `interface{}` / free JSON (e.g. Helm values): objects encode with sorted keys. */
  | 'any'
  | { readonly ptr: GoType }
  | { readonly slice: GoType }
  | { readonly map: GoType }
  | { readonly struct: readonly GoField[] };

export interface GoField {
  /** JSON name of the field. */
  readonly key: string;
  readonly type: GoType;
  /** Whether the tag carries `omitempty`. */
  readonly omitempty: boolean;
}

/** `field('name', 'string')` is a field tagged `json:"name,omitempty"`; pass `false` for no omitempty. */
export function field(key: string, type: GoType, omitempty = true): GoField {
  return { key, type, omitempty };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const GO_EXTRA_ESCAPES = /[<>&\u2028\u2029]/g;

/** A JSON string literal exactly as Go's `json.Encoder` (HTML escaping on) writes it. */
export function goJsonString(value: string): string {
  return JSON.stringify(value.replace(LONE_SURROGATE, '\ufffd')).replace(
    GO_EXTRA_ESCAPES,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Code-point order, which is the byte order Go's `sort.Strings` uses on UTF-8. */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function encodeNumber(value: number): string {
  return Number.isFinite(value) ? JSON.stringify(value) : '0';
}

/** Encodes an untyped JSON value the way Go encodes `interface{}`. */
function encodeAny(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return encodeNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((item) => encodeAny(item)).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compareCodePoints);
    return `{${keys.map((key) => `${goJsonString(key)}:${encodeAny(value[key])}`).join(',')}}`;
  }
  return 'null';
}

/** Whether a value is Go's nil for pointers, slices and maps. */
function isNil(type: GoType, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof type === 'object' && 'slice' in type) return !Array.isArray(value);
  if (typeof type === 'object' && 'map' in type) return !isPlainObject(value);
  return false;
}

function isEmpty(type: GoType, value: unknown): boolean {
  if (type === 'string') return typeof value !== 'string' || value === '';
  if (type === 'int') return typeof value !== 'number' || value === 0;
  if (type === 'bool') return value !== true;
  if (type === 'any') return value === null || value === undefined;
  if ('ptr' in type) return value === null || value === undefined;
  if ('slice' in type) return !Array.isArray(value) || value.length === 0;
  if ('map' in type) return !isPlainObject(value) || Object.keys(value).length === 0;
  return false; // a struct value is never empty for omitempty
}

/** Encodes `value` as a Go value of type `type` (mismatching JS values encode as Go's zero value). */
export function encodeGoJson(type: GoType, value: unknown): string {
  if (type === 'string') return goJsonString(typeof value === 'string' ? value : '');
  if (type === 'int') return typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : '0';
  if (type === 'bool') return value === true ? 'true' : 'false';
  if (type === 'any') return encodeAny(value);
  if ('ptr' in type) return value === null || value === undefined ? 'null' : encodeGoJson(type.ptr, value);
  if ('slice' in type) {
    if (isNil(type, value) || !Array.isArray(value)) return 'null';
    return `[${value.map((item: unknown) => encodeGoJson(type.slice, item)).join(',')}]`;
  }
  if ('map' in type) {
    if (!isPlainObject(value)) return 'null';
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compareCodePoints);
    return `{${keys.map((key) => `${goJsonString(key)}:${encodeGoJson(type.map, value[key])}`).join(',')}}`;
  }
  const object = isPlainObject(value) ? value : {};
  const parts: string[] = [];
  for (const { key, type: fieldType, omitempty } of type.struct) {
    const fieldValue = object[key];
    if (omitempty && isEmpty(fieldType, fieldValue)) continue;
    parts.push(`${goJsonString(key)}:${encodeGoJson(fieldType, fieldValue)}`);
  }
  return `{${parts.join(',')}}`;
}

/** What `json.NewEncoder(w).Encode(v)` writes: the encoding plus a trailing newline. */
export function encodeGoJsonLine(type: GoType, value: unknown): string {
  return `${encodeGoJson(type, value)}\n`;
}
