/**
 * The part of kubectl's JSONPath that CRD `additionalPrinterColumns` use,
 * evaluated the way kube-apiserver does for Table responses: missing keys are
 * not errors, they simply produce no values.
 */

export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

type Operand = { kind: 'path'; segments: Segment[] } | { kind: 'literal'; value: string | number | boolean | null };

type ComparisonOperator = '==' | '!=' | '<' | '>' | '<=' | '>=';

type Filter = { kind: 'exists'; operand: Operand } | { kind: 'compare'; left: Operand; operator: ComparisonOperator; right: Operand };

type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'descendants' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start: number | undefined; end: number | undefined; step: number }
  | { kind: 'filter'; filter: Filter };

// Characters that end an unquoted field name, as in kubectl's parser.
const FIELD_TERMINATORS = new Set(['.', ',', '[', ']', '$', '@', '{', '}', ' ', '\t', '\r', '\n']);

class PathParser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  private fail(problem: string): never {
    throw new JsonPathError(`invalid JSONPath ${JSON.stringify(this.source)}: ${problem}`);
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.index + offset];
  }

  atEnd(): boolean {
    return this.index >= this.text.length;
  }

  /** Segments until the end of text or until `stop` says the caller's syntax resumes. */
  parseSegments(stop: (char: string) => boolean = () => false): Segment[] {
    const segments: Segment[] = [];
    while (!this.atEnd() && !stop(this.peek() ?? '')) {
      const char = this.peek();
      if (char === '.') {
        this.index++;
        if (this.peek() === '.') {
          this.index++;
          segments.push({ kind: 'descendants' });
          if (this.peek() === '[') continue;
        }
        const name = this.readFieldName(stop);
        if (name === '*') segments.push({ kind: 'wildcard' });
        else if (name !== '') segments.push({ kind: 'field', name });
        // A lone "." (as in "{.}") refers to the current value.
      } else if (char === '[') {
        this.index++;
        segments.push(this.parseBracket());
      } else {
        this.fail(`unexpected ${JSON.stringify(char)} at offset ${this.index}`);
      }
    }
    return segments;
  }

  private readFieldName(stop: (char: string) => boolean): string {
    let name = '';
    while (!this.atEnd()) {
      const char = this.peek() ?? '';
      if (char === '\\') {
        // kubectl drops backslashes, which is how keys like `app\.kubernetes\.io/name` work.
        const escaped = this.peek(1);
        if (escaped === undefined) this.fail('dangling escape at end of path');
        name += escaped;
        this.index += 2;
        continue;
      }
      if (FIELD_TERMINATORS.has(char) || stop(char)) break;
      name += char;
      this.index++;
    }
    return name;
  }

  private parseBracket(): Segment {
    if (this.peek() === '?') return this.parseFilter();
    const close = this.findClosingBracket();
    const content = this.text.slice(this.index, close).trim();
    this.index = close + 1;
    if (content === '*') return { kind: 'wildcard' };
    const quoted = /^'([^']*)'$/.exec(content) ?? /^"([^"]*)"$/.exec(content);
    if (quoted) return { kind: 'field', name: quoted[1] ?? '' };
    if (/^-?\d+$/.test(content)) return { kind: 'index', index: Number(content) };
    const slice = /^(-?\d+)?\s*:\s*(-?\d+)?(?:\s*:\s*(-?\d+)?)?$/.exec(content);
    if (slice) {
      const step = slice[3] === undefined ? 1 : Number(slice[3]);
      if (step <= 0) this.fail(`slice step must be positive in [${content}]`);
      return {
        kind: 'slice',
        start: slice[1] === undefined ? undefined : Number(slice[1]),
        end: slice[2] === undefined ? undefined : Number(slice[2]),
        step,
      };
    }
    return this.fail(`unsupported subscript [${content}]`);
  }

  private findClosingBracket(): number {
    let quote: string | undefined;
    for (let i = this.index; i < this.text.length; i++) {
      const char = this.text[i];
      if (quote !== undefined) {
        if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === ']') {
        return i;
      }
    }
    return this.fail("missing closing ']'");
  }

  private parseFilter(): Segment {
    this.index++; // '?'
    if (this.peek() !== '(') this.fail("expected '(' after '[?'");
    this.index++;
    this.skipSpaces();
    const left = this.parseOperand();
    this.skipSpaces();
    let filter: Filter;
    if (this.peek() === ')') {
      filter = { kind: 'exists', operand: left };
    } else {
      const operator = this.parseComparisonOperator();
      this.skipSpaces();
      const right = this.parseOperand();
      this.skipSpaces();
      filter = { kind: 'compare', left, operator, right };
    }
    if (this.peek() !== ')' || this.peek(1) !== ']') this.fail("expected ')]' to close the filter");
    this.index += 2;
    return { kind: 'filter', filter };
  }

  private skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.index++;
  }

  private parseComparisonOperator(): ComparisonOperator {
    for (const operator of ['==', '!=', '<=', '>=', '<', '>'] as const) {
      if (this.text.startsWith(operator, this.index)) {
        this.index += operator.length;
        return operator;
      }
    }
    return this.fail(`expected a comparison operator at offset ${this.index}`);
  }

  private parseOperand(): Operand {
    const char = this.peek();
    if (char === '@') {
      this.index++;
      const segments = this.parseSegments((next) => next === ' ' || next === ')' || '=!<>'.includes(next));
      return { kind: 'path', segments };
    }
    if (char === '"' || char === "'") {
      const end = this.text.indexOf(char, this.index + 1);
      if (end < 0) this.fail('unterminated string in filter');
      const value = this.text.slice(this.index + 1, end);
      this.index = end + 1;
      return { kind: 'literal', value };
    }
    const word = /^[^\s)=!<>]+/.exec(this.text.slice(this.index))?.[0] ?? '';
    this.index += word.length;
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
    if (word === 'null') return { kind: 'literal', value: null };
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(word)) return { kind: 'literal', value: Number(word) };
    return this.fail(`unsupported filter operand ${JSON.stringify(word)}`);
  }
}

/** Parses once so a column's path can be evaluated for many rows. */
export function compileJsonPath(path: string): (object: unknown) => unknown[] {
  let text = path.trim();
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw new JsonPathError(`invalid JSONPath ${JSON.stringify(path)}: unclosed '{'`);
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith('$')) text = text.slice(1);
  // CRD paths always start with '.', but a bare `status.phase` is an obvious intent.
  else if (text !== '' && !text.startsWith('.') && !text.startsWith('[')) text = `.${text}`;
  const parser = new PathParser(text, path);
  const segments = parser.parseSegments();
  return (object) => evaluateSegments([object], segments);
}

/** All values `path` selects in `object`, e.g. `.status.conditions[?(@.type=="Ready")].status`. */
export function evaluateJsonPath(object: unknown, path: string): unknown[] {
  return compileJsonPath(path)(object);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortedValues(object: Record<string, unknown>): unknown[] {
  return Object.keys(object)
    .sort()
    .map((key) => object[key]);
}

function descendants(value: unknown): unknown[] {
  const children = Array.isArray(value) ? value : isObject(value) ? sortedValues(value) : [];
  return [value, ...children.flatMap(descendants)];
}

function sliceArray(array: readonly unknown[], start: number | undefined, end: number | undefined, step: number): unknown[] {
  const clamp = (position: number) => Math.min(Math.max(position < 0 ? position + array.length : position, 0), array.length);
  const from = start === undefined ? 0 : clamp(start);
  const to = end === undefined ? array.length : clamp(end);
  const result: unknown[] = [];
  for (let i = from; i < to; i += step) result.push(array[i]);
  return result;
}

function applySegment(value: unknown, segment: Segment): unknown[] {
  switch (segment.kind) {
    case 'field':
      return isObject(value) && Object.hasOwn(value, segment.name) ? [value[segment.name]] : [];
    case 'wildcard':
      if (Array.isArray(value)) return [...value];
      return isObject(value) ? sortedValues(value) : [];
    case 'descendants':
      return descendants(value);
    case 'index': {
      if (!Array.isArray(value)) return [];
      const position = segment.index < 0 ? segment.index + value.length : segment.index;
      return position >= 0 && position < value.length ? [value[position]] : [];
    }
    case 'slice':
      return Array.isArray(value) ? sliceArray(value, segment.start, segment.end, segment.step) : [];
    case 'filter':
      return Array.isArray(value) ? value.filter((item) => passesFilter(item, segment.filter)) : [];
  }
}

function evaluateSegments(values: unknown[], segments: readonly Segment[]): unknown[] {
  return segments.reduce<unknown[]>((current, segment) => current.flatMap((value) => applySegment(value, segment)), values);
}

function operandValues(operand: Operand, item: unknown): unknown[] {
  return operand.kind === 'literal' ? [operand.value] : evaluateSegments([item], operand.segments);
}

function compare(left: unknown, operator: ComparisonOperator, right: unknown): boolean {
  // Mixed types cannot be compared (kubectl reports an error); the item just does not match.
  if (typeof left !== typeof right || (left === null) !== (right === null)) return false;
  if (operator === '==') return left === right;
  if (operator === '!=') return left !== right;
  if (typeof left !== 'number' && typeof left !== 'string') return false;
  const a = left as number | string;
  const b = right as number | string;
  switch (operator) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
}

function passesFilter(item: unknown, filter: Filter): boolean {
  if (filter.kind === 'exists') return operandValues(filter.operand, item).length > 0;
  const lefts = operandValues(filter.left, item);
  const rights = operandValues(filter.right, item);
  // Items lacking the compared field are skipped, even for '!='.
  if (lefts.length !== 1 || rights.length !== 1) return false;
  return compare(lefts[0], filter.operator, rights[0]);
}

// --- Table cells -------------------------------------------------------------

export type PrinterColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';
export type PrinterCell = string | number | boolean | null;

/**
 * A JSON number printed like Go's `%v`: integers (int64 in kube's unstructured
 * objects) in full; other values as float64 with shortest digits and Go's
 * exponent form below 1e-4 and from 1e6 up (`1.5e+06`, `1e-05`).
 */
export function formatGoNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  // JSON integers are int64 in kube's unstructured objects and print in full.
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value).toString();
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  return String(value);
}

/** Go's json.Marshal: object keys sorted and <, >, & escaped. */
function goJson(value: unknown): string {
  const sortKeys = (input: unknown): unknown => {
    if (Array.isArray(input)) return input.map(sortKeys);
    if (!isObject(input)) return input;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(input).sort()) {
      Object.defineProperty(sorted, key, { value: sortKeys(input[key]), enumerable: true, writable: true, configurable: true });
    }
    return sorted;
  };
  return (JSON.stringify(sortKeys(value)) ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function formatStringCell(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatGoNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null) return goJson(value);
  return null;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Go's time.Parse(time.RFC3339, …) re-emitted the way metav1.Time marshals: UTC, whole seconds. */
export function normalizeRfc3339(text: string): string | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (match[8] !== 'Z') {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const utcYear = date.getUTCFullYear();
  if (utcYear < 0 || utcYear > 9999) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Formats the first JSONPath match as a Table cell, following
 * apiextensions-apiserver's table convertor: no match or a null value gives
 * null (kubectl shows `<none>`), a value of the wrong type gives null, and an
 * unparsable date gives "<invalid>".
 */
export function formatPrinterCell(values: readonly unknown[], type: PrinterColumnType): PrinterCell {
  if (values.length === 0) return null;
  const value = values[0];
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return formatStringCell(value);
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      // metav1.Time reads "" and "null" as the zero time, which marshals as null.
      if (value === '' || value === 'null') return null;
      return normalizeRfc3339(value) ?? '<invalid>';
  }
}
