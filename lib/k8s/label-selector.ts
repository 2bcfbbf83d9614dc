/**
 * Kubernetes label selectors: the `?labelSelector=` string syntax, the
 * structured `LabelSelector` used in specs, and matching against labels.
 *
 * The string parser mirrors k8s.io/apimachinery/pkg/labels (its lexer rules,
 * its error texts and its canonical ordering) so that selectors accepted or
 * rejected by a real API server are accepted or rejected here too.
 */
import {
  childPath,
  formatFieldError,
  indexPath,
  invalid,
  forbidden,
  keyPath,
  notSupported,
  required,
  typeInvalid,
  type FieldError,
} from './field-errors';
import { validateLabels, validateLabelValue, validateQualifiedName } from './names';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export type Labels = Readonly<Record<string, string>>;

export class SelectorParseError extends Error {
  /** Offset in the selector text where the problem was found, when known. */
  readonly position: number | undefined;

  constructor(message: string, position?: number) {
    super(message);
    this.name = 'SelectorParseError';
    this.position = position;
  }
}

// --- lexer -------------------------------------------------------------------

type TokenKind =
  | 'identifier'
  | 'end'
  | 'openParen'
  | 'closeParen'
  | 'comma'
  | 'not'
  | 'equals'
  | 'doubleEquals'
  | 'notEquals'
  | 'greaterThan'
  | 'lessThan'
  | 'in'
  | 'notin';

interface Token {
  kind: TokenKind;
  text: string;
  position: number;
}

const SYMBOL_TOKENS = {
  '(': 'openParen',
  ')': 'closeParen',
  ',': 'comma',
  '!': 'not',
  '=': 'equals',
  '==': 'doubleEquals',
  '!=': 'notEquals',
  '>': 'greaterThan',
  '<': 'lessThan',
} as const satisfies Record<string, TokenKind>;

type OperatorSymbol = keyof typeof SYMBOL_TOKENS;

function isOperatorSymbol(text: string): text is OperatorSymbol {
  return Object.hasOwn(SYMBOL_TOKENS, text);
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  for (;;) {
    while (index < text.length && WHITESPACE.has(text[index] ?? '')) index++;
    const start = index;
    if (index >= text.length) {
      tokens.push({ kind: 'end', text: '', position: start });
      return tokens;
    }
    const char = text[index] ?? '';
    if (isOperatorSymbol(char)) {
      // Every symbol is a token on its own; "!=" and "==" win over their first character.
      const pair = text.slice(index, index + 2);
      const symbol: OperatorSymbol = pair === '!=' || pair === '==' ? pair : char;
      tokens.push({ kind: SYMBOL_TOKENS[symbol], text: symbol, position: start });
      index += symbol.length;
      continue;
    }
    while (index < text.length && !isOperatorSymbol(text[index] ?? '') && !WHITESPACE.has(text[index] ?? '')) {
      index++;
    }
    const word = text.slice(start, index);
    const kind: TokenKind = word === 'in' || word === 'notin' ? word : 'identifier';
    tokens.push({ kind, text: word, position: start });
  }
}

// --- parser ------------------------------------------------------------------

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

type ParsedOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

class SelectorParser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  /**
   * Where a value or key is expected, `in` and `notin` are plain words — that
   * is how kube lets `in` be used as a label key.
   */
  private peek(): Token {
    const token = this.tokens[this.position] ?? this.tokens[this.tokens.length - 1]!;
    return token.kind === 'in' || token.kind === 'notin' ? { ...token, kind: 'identifier' } : token;
  }

  private next(asOperator = false): Token {
    const token = this.tokens[this.position] ?? this.tokens[this.tokens.length - 1]!;
    if (this.position < this.tokens.length - 1) this.position++;
    if (!asOperator && (token.kind === 'in' || token.kind === 'notin')) return { ...token, kind: 'identifier' };
    return token;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') return requirements;
      if (token.kind !== 'identifier' && token.kind !== 'not') {
        throw new SelectorParseError(`found '${token.text}', expected: !, identifier, or 'end of string'`, token.position);
      }
      requirements.push(this.parseRequirementWithContext());
      const separator = this.next();
      if (separator.kind === 'end') return requirements;
      if (separator.kind !== 'comma') {
        throw new SelectorParseError(`found '${separator.text}', expected: ',' or 'end of string'`, separator.position);
      }
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== 'not') {
        throw new SelectorParseError(`found '${following.text}', expected: identifier after ','`, following.position);
      }
    }
  }

  private parseRequirementWithContext(): Requirement {
    try {
      return this.parseRequirement();
    } catch (error) {
      if (error instanceof SelectorParseError) {
        throw new SelectorParseError(`unable to parse requirement: ${error.message}`, error.position);
      }
      throw error;
    }
  }

  private parseRequirement(): Requirement {
    const start = this.peek().position;
    let operator: ParsedOperator | undefined;
    let keyToken = this.next();
    if (keyToken.kind === 'not') {
      operator = '!';
      keyToken = this.next();
    }
    if (keyToken.kind !== 'identifier') {
      throw new SelectorParseError(`found '${keyToken.text}', expected: identifier`, keyToken.position);
    }
    const key = keyToken.text;
    const keyProblems = validateQualifiedName(key);
    if (keyProblems.length > 0) {
      throw new SelectorParseError(formatFieldError(invalid('key', key, keyProblems.join('; '))), keyToken.position);
    }
    const after = this.peek();
    if (operator === '!' || after.kind === 'end' || after.kind === 'comma') {
      return buildRequirement(key, operator ?? 'exists', [], start);
    }
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValueList() : this.parseExactValue();
    return buildRequirement(key, op, values, start);
  }

  private parseOperator(): ParsedOperator {
    const token = this.next(true);
    switch (token.kind) {
      case 'in':
        return 'in';
      case 'notin':
        return 'notin';
      case 'equals':
        return '=';
      case 'doubleEquals':
        return '==';
      case 'notEquals':
        return '!=';
      case 'greaterThan':
        return 'gt';
      case 'lessThan':
        return 'lt';
      default:
        throw new SelectorParseError(`found '${token.text}', expected: ${BINARY_OPERATORS}`, token.position);
    }
  }

  private parseValueList(): string[] {
    const open = this.next();
    if (open.kind !== 'openParen') {
      throw new SelectorParseError(`found '${open.text}' expected: '('`, open.position);
    }
    const first = this.peek();
    if (first.kind === 'closeParen') {
      // kube reads "()" as the set holding only the empty value.
      this.next();
      return [''];
    }
    if (first.kind !== 'identifier' && first.kind !== 'comma') {
      throw new SelectorParseError(`found '${first.text}', expected: ',', ')' or identifier`, first.position);
    }
    const values = this.parseIdentifierList();
    const close = this.next();
    if (close.kind !== 'closeParen') {
      throw new SelectorParseError(`found '${close.text}', expected: ')'`, close.position);
    }
    return values;
  }

  /** Empty slots (`(,a)`, `(a,,b)`, `(a,)`) stand for the empty value, as in kube. */
  private parseIdentifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === 'identifier') {
        values.push(token.text);
        const following = this.peek();
        if (following.kind === 'comma') continue;
        if (following.kind === 'closeParen') return values;
        throw new SelectorParseError(`found '${following.text}', expected: ',' or ')'`, following.position);
      }
      if (token.kind === 'comma') {
        if (values.length === 0) values.push('');
        const following = this.peek();
        if (following.kind === 'closeParen') {
          values.push('');
          return values;
        }
        if (following.kind === 'comma') {
          this.next();
          values.push('');
        }
        continue;
      }
      throw new SelectorParseError(`found '${token.text}', expected: ',', or identifier`, token.position);
    }
  }

  private parseExactValue(): string[] {
    const following = this.peek();
    // `a=` is a legal way to ask for the empty value.
    if (following.kind === 'end' || following.kind === 'comma') return [''];
    const token = this.next();
    if (token.kind === 'identifier') return [token.text];
    throw new SelectorParseError(`found '${token.text}', expected: identifier`, token.position);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(value, 10, 64). */
function parseInt64(value: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed < INT64_MIN || parsed > INT64_MAX ? undefined : parsed;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareStrings);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Mirrors labels.NewRequirement: checks the values and folds `=`/`!=` into In/NotIn. */
function buildRequirement(key: string, op: ParsedOperator, rawValues: string[], position: number): Requirement {
  const values = sortedUnique(rawValues);
  const errors: FieldError[] = [];
  if (op === 'gt' || op === 'lt') {
    values.forEach((value, index) => {
      if (parseInt64(value) === undefined) {
        errors.push(invalid(indexPath('values', index), value, "for 'Gt', 'Lt' operators, the value must be an integer"));
      }
    });
  }
  values.forEach((value, index) => {
    const problems = validateLabelValue(value);
    if (problems.length > 0) errors.push(invalid(keyPath(indexPath('values', index), key), value, problems.join('; ')));
  });
  if (errors.length > 0) {
    const lines = errors.map(formatFieldError);
    throw new SelectorParseError(lines.length === 1 ? lines[0]! : `[${lines.join(', ')}]`, position);
  }
  return { key, operator: toSelectorOperator(op), values };
}

function toSelectorOperator(op: ParsedOperator): SelectorOperator {
  switch (op) {
    case 'in':
    case '=':
    case '==':
      return 'In';
    case 'notin':
    case '!=':
      return 'NotIn';
    case 'exists':
      return 'Exists';
    case '!':
      return 'DoesNotExist';
    case 'gt':
      return 'Gt';
    case 'lt':
      return 'Lt';
  }
}

function sortByKey(requirements: Requirement[]): Requirement[] {
  // Stable, so requirements on the same key keep the order they were written in.
  return requirements
    .map((requirement, index) => ({ requirement, index }))
    .sort((a, b) => compareStrings(a.requirement.key, b.requirement.key) || a.index - b.index)
    .map(({ requirement }) => requirement);
}

/**
 * Parses `?labelSelector=` syntax. Requirements come back sorted by key (as
 * kube sorts them) with their values sorted and de-duplicated. An empty or
 * blank string selects everything.
 */
export function parseSelector(text: string): Requirement[] {
  return sortByKey(new SelectorParser(tokenize(text)).parse());
}

// --- formatting --------------------------------------------------------------

function formatRequirement({ key, operator, values }: Requirement): string {
  const sorted = [...values].sort(compareStrings);
  switch (operator) {
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    case 'Gt':
      return `${key}>${sorted[0] ?? ''}`;
    case 'Lt':
      return `${key}<${sorted[0] ?? ''}`;
    case 'In':
      return sorted.length === 1 ? `${key}=${sorted[0]}` : `${key} in (${sorted.join(',')})`;
    case 'NotIn':
      return sorted.length === 1 ? `${key}!=${sorted[0]}` : `${key} notin (${sorted.join(',')})`;
  }
}

/**
 * Canonical string form, e.g. `env in (dev,prod),!legacy,tier=web`.
 * Single-valued In/NotIn use `=`/`!=`; values are printed sorted.
 */
export function formatRequirements(requirements: readonly Requirement[]): string {
  return requirements.map(formatRequirement).join(',');
}

// --- structured LabelSelector -------------------------------------------------

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
type LabelSelectorOperator = (typeof SELECTOR_OPERATORS)[number];

function isLabelSelectorOperator(value: unknown): value is LabelSelectorOperator {
  return (SELECTOR_OPERATORS as readonly unknown[]).includes(value);
}

/**
 * Converts a structured selector into requirements, like kube's
 * LabelSelectorAsSelector. Throws SelectorParseError for an unknown operator.
 * A selector with neither field yields no requirements (matches everything);
 * callers decide what a missing selector means.
 */
export function labelSelectorToRequirements(selector: LabelSelector): Requirement[] {
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: 'In', values: [value] });
  }
  for (const expression of selector.matchExpressions ?? []) {
    if (!isLabelSelectorOperator(expression.operator)) {
      throw new SelectorParseError(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
    }
    requirements.push({ key: expression.key, operator: expression.operator, values: sortedUnique(expression.values ?? []) });
  }
  return sortByKey(requirements);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateSelectorRequirement(expression: unknown, fieldPath: string): FieldError[] {
  if (!isPlainObject(expression)) return [typeInvalid(fieldPath, 'object', expression)];
  const errors: FieldError[] = [];
  const { key, operator, values } = expression;
  const operatorPath = childPath(fieldPath, 'operator');
  const valuesPath = childPath(fieldPath, 'values');

  const valueList: unknown[] = [];
  if (values !== undefined && values !== null) {
    if (Array.isArray(values)) valueList.push(...values);
    else errors.push(typeInvalid(valuesPath, 'array', values));
  }

  if (operator === undefined || operator === null || operator === '') {
    errors.push(required(operatorPath));
  } else if (typeof operator !== 'string') {
    errors.push(typeInvalid(operatorPath, 'string', operator));
  } else if (operator === 'In' || operator === 'NotIn') {
    if (valueList.length === 0) {
      errors.push(required(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'"));
    }
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (valueList.length > 0) {
      errors.push(forbidden(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
  } else {
    errors.push(notSupported(operatorPath, operator, SELECTOR_OPERATORS));
  }

  const keyPathName = childPath(fieldPath, 'key');
  if (key === undefined || key === null || key === '') {
    errors.push(required(keyPathName));
  } else if (typeof key !== 'string') {
    errors.push(typeInvalid(keyPathName, 'string', key));
  } else {
    for (const problem of validateQualifiedName(key)) errors.push(invalid(keyPathName, key, problem));
  }

  valueList.forEach((value, index) => {
    const valuePath = indexPath(valuesPath, index);
    if (typeof value !== 'string') {
      errors.push(typeInvalid(valuePath, 'string', value));
      return;
    }
    for (const problem of validateLabelValue(value)) errors.push(invalid(valuePath, value, problem));
  });
  return errors;
}

/** Validates a `metav1.LabelSelector` found at `fieldPath` (null/undefined is valid). */
export function validateLabelSelector(selector: unknown, fieldPath: string): FieldError[] {
  if (selector === undefined || selector === null) return [];
  if (!isPlainObject(selector)) return [typeInvalid(fieldPath, 'object', selector)];
  const errors = validateLabels(selector.matchLabels, childPath(fieldPath, 'matchLabels'));
  const expressions = selector.matchExpressions;
  const expressionsPath = childPath(fieldPath, 'matchExpressions');
  if (expressions === undefined || expressions === null) return errors;
  if (!Array.isArray(expressions)) return [...errors, typeInvalid(expressionsPath, 'array', expressions)];
  expressions.forEach((expression, index) => {
    errors.push(...validateSelectorRequirement(expression, indexPath(expressionsPath, index)));
  });
  return errors;
}

// --- matching ------------------------------------------------------------------

function hasLabel(labels: Labels | undefined, key: string): labels is Labels {
  return labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
}

function matchesRequirement({ key, operator, values }: Requirement, labels: Labels | undefined): boolean {
  switch (operator) {
    case 'In':
      return hasLabel(labels, key) && values.includes(labels[key] ?? '');
    case 'NotIn':
      // Objects without the key match: "not in (x)" is about the value, not presence.
      return !hasLabel(labels, key) || !values.includes(labels[key] ?? '');
    case 'Exists':
      return hasLabel(labels, key);
    case 'DoesNotExist':
      return !hasLabel(labels, key);
    case 'Gt':
    case 'Lt': {
      if (!hasLabel(labels, key) || values.length !== 1) return false;
      const actual = parseInt64(labels[key] ?? '');
      const bound = parseInt64(values[0] ?? '');
      if (actual === undefined || bound === undefined) return false;
      return operator === 'Gt' ? actual > bound : actual < bound;
    }
  }
}

/** True when every requirement holds (an empty list matches everything). */
export function matchesSelector(requirements: readonly Requirement[], labels: Labels | undefined): boolean {
  return requirements.every((requirement) => matchesRequirement(requirement, labels));
}

export interface NilSelectorPolicy {
  /**
   * What a missing selector selects. Fleet's ClusterGroup treats a nil
   * selector as matching nothing; most kube workloads treat it as everything.
   */
  nilMatches: 'nothing' | 'everything';
}

/**
 * Matches a structured selector. `{}` matches everything; a selector that
 * cannot be converted (unknown operator) matches nothing, as kube callers do
 * when LabelSelectorAsSelector fails.
 */
export function matchesLabelSelector(
  selector: LabelSelector | null | undefined,
  labels: Labels | undefined,
  { nilMatches }: NilSelectorPolicy,
): boolean {
  if (selector === null || selector === undefined) return nilMatches === 'everything';
  let requirements: Requirement[];
  try {
    requirements = labelSelectorToRequirements(selector);
  } catch {
    return false;
  }
  return matchesSelector(requirements, labels);
}

// --- field selectors -------------------------------------------------------------

export interface FieldSelectorTerm {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** Splits on commas that are not escaped with a backslash (escapes are kept for unescaping later). */
function splitFieldSelectorTerms(text: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (escaped) escaped = false;
    else if (char === '\\') escaped = true;
    else if (char === ',') {
      terms.push(text.slice(start, index));
      start = index + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** Values may contain `\,`, `\=` and `\\`; a bare `,` or `=` is an error (kube's UnescapeValue). */
function unescapeFieldSelectorValue(raw: string, position: number): string {
  let value = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index] ?? '';
    if (char === '\\') {
      const escapedChar = raw[index + 1];
      if (escapedChar === '\\' || escapedChar === ',' || escapedChar === '=') {
        value += escapedChar;
        index++;
        continue;
      }
      throw new SelectorParseError(
        `invalid field selector: invalid escape sequence: \\${escapedChar ?? ''}`,
        position + index,
      );
    }
    if (char === ',' || char === '=') {
      throw new SelectorParseError(
        `invalid field selector: unescaped character in value: '${char}'`,
        position + index,
      );
    }
    value += char;
  }
  return value;
}

/** `==` is tried before `=` so that `a==b` does not leave `=b` as the value. */
const FIELD_SELECTOR_OPERATORS = ['!=', '==', '='] as const;

/**
 * Parses `?fieldSelector=` syntax: comma-separated `field=value`,
 * `field==value` and `field!=value` terms. Which fields are supported is up
 * to the caller (kube only allows a few per resource).
 */
export function parseFieldSelector(text: string): FieldSelectorTerm[] {
  const terms: FieldSelectorTerm[] = [];
  let offset = 0;
  for (const term of splitFieldSelectorTerms(text)) {
    const termStart = offset;
    offset += term.length + 1;
    if (term.trim() === '') continue;
    let split: { index: number; operator: (typeof FIELD_SELECTOR_OPERATORS)[number] } | undefined;
    for (let index = 0; index < term.length && split === undefined; index++) {
      const operator = FIELD_SELECTOR_OPERATORS.find((op) => term.startsWith(op, index));
      if (operator !== undefined) split = { index, operator };
    }
    if (split === undefined) {
      throw new SelectorParseError(
        `invalid selector: '${text}'; can't understand '${term}' (expected field=value, field==value or field!=value)`,
        termStart,
      );
    }
    const field = term.slice(0, split.index).trim();
    if (field === '') {
      throw new SelectorParseError(`invalid selector: '${text}'; can't understand '${term}' (missing field name)`, termStart);
    }
    const valueStart = split.index + split.operator.length;
    const value = unescapeFieldSelectorValue(term.slice(valueStart), termStart + valueStart);
    terms.push({ field, operator: split.operator === '!=' ? '!=' : '=', value });
  }
  return terms;
}

/**
 * Matches parsed field selector terms; `fieldValue` returns the object's value
 * for a field (e.g. `metadata.name`). Like kube, an absent field counts as "".
 */
export function matchesFieldSelector(
  terms: readonly FieldSelectorTerm[],
  fieldValue: (field: string) => string | undefined,
): boolean {
  return terms.every(({ field, operator, value }) => {
    const actual = fieldValue(field) ?? '';
    return operator === '=' ? actual === value : actual !== value;
  });
}

/** Escapes a value for use in a field selector string. */
export function escapeFieldSelectorValue(value: string): string {
  return value.replace(/[\\,=]/g, (char) => `\\${char}`);
}
