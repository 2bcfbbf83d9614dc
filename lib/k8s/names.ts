/**
 * Kubernetes name rules (k8s.io/apimachinery/pkg/util/validation) with the same
 * problem texts kube-apiserver reports, so clients see familiar messages.
 */
import { childPath, invalid, keyPath, required, tooLong, typeInvalid, type FieldError } from './field-errors';

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

const DNS1123_LABEL_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FORMAT = `${DNS1123_LABEL_FORMAT}(\\.${DNS1123_LABEL_FORMAT})*`;
const QUALIFIED_NAME_FORMAT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FORMAT = `(${QUALIFIED_NAME_FORMAT})?`;

const dns1123LabelPattern = new RegExp(`^${DNS1123_LABEL_FORMAT}$`);
const dns1123SubdomainPattern = new RegExp(`^${DNS1123_SUBDOMAIN_FORMAT}$`);
const qualifiedNamePattern = new RegExp(`^${QUALIFIED_NAME_FORMAT}$`);
const labelValuePattern = new RegExp(`^${LABEL_VALUE_FORMAT}$`);

const DNS1123_LABEL_ERROR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_ERROR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_ERROR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Go's len() counts UTF-8 bytes, and kube's limits are expressed in those. */
const utf8 = new TextEncoder();
export function byteLength(value: string): number {
  return utf8.encode(value).length;
}

function maxLengthError(max: number): string {
  return `must be no more than ${max} characters`;
}

/** Same wording as kube's RegexError, including its odd `'a', or 'b'` punctuation. */
function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const quoted = examples.map((example) => `'${example}', `).join('or ');
  return `${message} (e.g. ${quoted}regex used for validation is '${format}')`;
}

export function validateDns1123Label(value: string): string[] {
  const problems: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) problems.push(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelPattern.test(value)) {
    problems.push(regexError(DNS1123_LABEL_ERROR, DNS1123_LABEL_FORMAT, 'my-name', '123-abc'));
  }
  return problems;
}

export function validateDns1123Subdomain(value: string): string[] {
  const problems: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    problems.push(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!dns1123SubdomainPattern.test(value)) {
    problems.push(regexError(DNS1123_SUBDOMAIN_ERROR, DNS1123_SUBDOMAIN_FORMAT, 'example.com'));
  }
  return problems;
}

/** Label and annotation keys: `[prefix/]name`, where the prefix is a DNS subdomain. */
export function validateQualifiedName(value: string): string[] {
  const problems: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERROR, QUALIFIED_NAME_FORMAT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  const [prefix, name] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : [undefined, parts[0] ?? ''];
  if (prefix !== undefined) {
    if (prefix === '') problems.push('prefix part must be non-empty');
    else problems.push(...validateDns1123Subdomain(prefix).map((problem) => `prefix part ${problem}`));
  }
  if (name === '') problems.push('name part must be non-empty');
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
    problems.push(`name part ${maxLengthError(QUALIFIED_NAME_MAX_LENGTH)}`);
  }
  if (!qualifiedNamePattern.test(name)) {
    problems.push(`name part ${regexError(QUALIFIED_NAME_ERROR, QUALIFIED_NAME_FORMAT, 'MyName', 'my.name', '123-abc')}`);
  }
  return problems;
}

export function validateLabelValue(value: string): string[] {
  const problems: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) problems.push(maxLengthError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValuePattern.test(value)) {
    problems.push(regexError(LABEL_VALUE_ERROR, LABEL_VALUE_FORMAT, 'MyValue', 'my_value', '12345'));
  }
  return problems;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `metadata.labels` (or a selector's `matchLabels`). Bad keys are reported
 * against the map itself, as kube does; bad values against `map[key]`.
 */
export function validateLabels(labels: unknown, fieldPath: string): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (!isPlainObject(labels)) return [typeInvalid(fieldPath, 'object', labels)];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const problem of validateQualifiedName(key)) errors.push(invalid(fieldPath, key, problem));
    const valuePath = keyPath(fieldPath, key);
    if (typeof value !== 'string') {
      errors.push(typeInvalid(valuePath, 'string', value));
      continue;
    }
    for (const problem of validateLabelValue(value)) errors.push(invalid(valuePath, value, problem));
  }
  return errors;
}

/**
 * `metadata.annotations`: keys are qualified names (case-insensitively, like
 * kube) and all keys plus values together must fit in 256 KiB.
 */
export function validateAnnotations(annotations: unknown, fieldPath: string): FieldError[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isPlainObject(annotations)) return [typeInvalid(fieldPath, 'object', annotations)];
  const errors: FieldError[] = [];
  let totalBytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    for (const problem of validateQualifiedName(key.toLowerCase())) errors.push(invalid(fieldPath, key, problem));
    totalBytes += byteLength(key);
    if (typeof value !== 'string') {
      errors.push(typeInvalid(keyPath(fieldPath, key), 'string', value));
      continue;
    }
    totalBytes += byteLength(value);
  }
  if (totalBytes > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
    errors.push(tooLong(fieldPath, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  }
  return errors;
}

export interface ObjectNameOptions {
  /** Namespaces are DNS-1123 labels; every other object name is a DNS-1123 subdomain. */
  namespaceName?: boolean;
}

function nameProblems(name: string, options: ObjectNameOptions): string[] {
  return options.namespaceName ? validateDns1123Label(name) : validateDns1123Subdomain(name);
}

/** Validates `metadata.name` of an object that is being created or updated. */
export function validateObjectMetaName(name: unknown, options: ObjectNameOptions = {}): FieldError[] {
  const field = childPath('metadata', 'name');
  if (name === undefined || name === null || name === '') {
    return [required(field, 'name or generateName is required')];
  }
  if (typeof name !== 'string') return [typeInvalid(field, 'string', name)];
  return nameProblems(name, options).map((problem) => invalid(field, name, problem));
}

/**
 * Validates `metadata.generateName`. A random suffix will follow it, so a
 * trailing '-' is fine (kube masks it before checking) and the length limit
 * applies to the prefix alone.
 */
export function validateObjectMetaGenerateName(generateName: unknown, options: ObjectNameOptions = {}): FieldError[] {
  const field = childPath('metadata', 'generateName');
  if (generateName === undefined || generateName === null || generateName === '') return [];
  if (typeof generateName !== 'string') return [typeInvalid(field, 'string', generateName)];
  const masked = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
  return nameProblems(masked, options).map((problem) => invalid(field, generateName, problem));
}

/** Kube's random-string alphabet: no vowels (no accidental words) and no look-alikes (0/o, 1/l, 3/e). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export const NAME_SUFFIX_LENGTH = 5;

/** Returns a uniformly random integer in [0, bound). */
export type RandomIndex = (bound: number) => number;

function cryptoRandomIndex(bound: number): number {
  // Rejection sampling keeps the distribution uniform for any bound.
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  const buffer = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buffer);
    const sample = buffer[0] ?? 0;
    if (sample < limit) return sample % bound;
  }
}

/** The 5-character suffix appended to `generateName`, e.g. `x7k2q`. */
export function generateNameSuffix(randomIndex: RandomIndex = cryptoRandomIndex): string {
  let suffix = '';
  for (let i = 0; i < NAME_SUFFIX_LENGTH; i++) {
    suffix += NAME_SUFFIX_ALPHABET[randomIndex(NAME_SUFFIX_ALPHABET.length)] ?? '';
  }
  return suffix;
}

/**
 * The name kube would generate: the prefix is trimmed so prefix + suffix still
 * fits in 63 characters (kube's generator caps at that, not at 253).
 */
export function generateObjectName(generateName: string, randomIndex?: RandomIndex): string {
  const maxPrefix = DNS1123_LABEL_MAX_LENGTH - NAME_SUFFIX_LENGTH;
  const prefix = generateName.length > maxPrefix ? generateName.slice(0, maxPrefix) : generateName;
  return prefix + generateNameSuffix(randomIndex);
}
