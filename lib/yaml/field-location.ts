import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';

/**
 * Where a Kubernetes field path (`spec.targets[0].clusterSelector`, `metadata.labels[app]`) sits
 * in a YAML text, so that an API server error can be shown at its line. Uses the `yaml`
 * package's parse ranges; pure, shared by the BFF (which adds the line to its error answer) and
 * the editor (which underlines it).
 */

export type FieldSegment = string | number;

/** `spec.targets[0].clusterSelector.matchLabels[env]` → `['spec','targets',0,'clusterSelector','matchLabels','env']`. */
export function parseFieldPath(field: string): FieldSegment[] {
  const segments: FieldSegment[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g;
  for (const match of field.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(match[3]);
  }
  return segments;
}

export interface FieldLocation {
  /** 1-based line and column of the field's key (or list item). */
  line: number;
  column: number;
  /** Offsets in the text: the key up to the end of its line (never past the field's value). */
  from: number;
  to: number;
  /** The field itself was found; false when only a parent of it was (the field is missing). */
  exact: boolean;
  /** The field's path as far as it was found, in the `spec.targets[0]` form. */
  found: string;
  /** The YAML source of the field's value as written, to notice later whether it was changed. */
  valueSource: string;
  /** Offsets of the value in the text (equal to `from`/`to` when it has none). */
  valueFrom: number;
  valueTo: number;
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** The location of `field` in `text`, the deepest parent found when the field is absent, or undefined. */
export function locateField(text: string, field: string): FieldLocation | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  const segments = parseFieldPath(field);
  let node: unknown = doc.contents;
  let start: number | undefined;
  let valueRange: [number, number] | undefined;
  let found = '';
  let matched = 0;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item) === String(segment));
      if (!pair) break;
      start = rangeOf(pair.key)?.[0];
      valueRange = rangeOf(pair.value) ?? rangeOf(pair.key);
      node = pair.value;
      found = found === '' ? String(segment) : `${found}.${String(segment)}`;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      start = rangeOf(item)?.[0];
      valueRange = rangeOf(item);
      node = item;
      found = `${found}[${segment}]`;
    } else {
      break;
    }
    matched++;
  }
  if (start === undefined || matched === 0) return undefined;
  const lineEnd = text.indexOf('\n', start);
  const end = Math.min(lineEnd === -1 ? text.length : lineEnd, Math.max(valueRange?.[1] ?? start, start + 1));
  const { line, col } = lineCounter.linePos(start);
  return {
    line,
    column: col,
    from: start,
    to: Math.max(end, start + 1),
    exact: matched === segments.length,
    found,
    valueSource: valueRange ? text.slice(valueRange[0], valueRange[1]) : '',
    valueFrom: valueRange?.[0] ?? start,
    valueTo: valueRange?.[1] ?? start,
  };
}

/**
 * The text with a scalar field's value replaced (the rest of the text, comments included, stays
 * as it is), or undefined when the field is not in the text.
 */
export function replaceScalar(text: string, field: string, value: string): string | undefined {
  const location = locateField(text, field);
  if (!location?.exact || location.valueFrom === location.from) return undefined;
  return `${text.slice(0, location.valueFrom)}${JSON.stringify(value)}${text.slice(location.valueTo)}`;
}

/** The offset of a 1-based line and column in `text` (clamped to the text). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const limit = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + Math.max(column - 1, 0), limit);
}

export interface YamlSyntaxProblem {
  message: string;
  line: number;
  column: number;
  from: number;
  to: number;
}

/**
 * Syntax errors of a YAML text (first line of each message; positions 1-based), and whether the
 * text holds more than one document.
 */
export function yamlSyntaxProblems(text: string): YamlSyntaxProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return doc.errors.map((error) => {
    const [from, to] = error.pos;
    const { line, col } = lineCounter.linePos(from);
    return { message: error.message.split('\n')[0] ?? error.message, line, column: col, from, to: Math.max(to, from + 1) };
  });
}
