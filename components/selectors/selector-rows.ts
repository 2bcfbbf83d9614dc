/**
 * The label selector editor's model, without React: editable rows ↔ `LabelSelector`, and each
 * row's problems found with the shared selector rules (`validateLabelSelector`), so the browser
 * refuses exactly what the API server would refuse.
 */
import { validateLabelSelector, type LabelSelector, type LabelSelectorRequirement } from '@/lib/k8s/label-selector';

/** The operators a `metav1.LabelSelector` accepts (Gt/Lt exist only for node selectors). */
export const EXPRESSION_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

export const OPERATOR_LABELS: Record<string, string> = {
  In: 'in',
  NotIn: 'not in',
  Exists: 'exists',
  DoesNotExist: 'does not exist',
};

/** `key = value` of `matchLabels`. */
export interface MatchLabelRow {
  id: number;
  key: string;
  value: string;
}

/** One `matchExpressions` entry; `values` is the text typed, comma-separated. */
export interface ExpressionRow {
  id: number;
  key: string;
  operator: string;
  values: string;
}

export interface SelectorRows {
  labels: MatchLabelRow[];
  expressions: ExpressionRow[];
}

export interface LabelRowProblems {
  key?: string;
  value?: string;
}

export interface ExpressionRowProblems {
  key?: string;
  operator?: string;
  values?: string;
}

export interface SelectorProblems {
  labels: Map<number, LabelRowProblems>;
  expressions: Map<number, ExpressionRowProblems>;
}

let nextId = 1;
/** Row ids only tell rows apart (React keys, input ids); they never reach the selector. */
export function newRowId(): number {
  return nextId++;
}

export function emptyLabelRow(): MatchLabelRow {
  return { id: newRowId(), key: '', value: '' };
}

export function emptyExpressionRow(): ExpressionRow {
  return { id: newRowId(), key: '', operator: 'In', values: '' };
}

/** Whether an operator takes values (In, NotIn) or must have none (Exists, DoesNotExist). */
export function takesValues(operator: string): boolean {
  return operator !== 'Exists' && operator !== 'DoesNotExist';
}

/** `"prod, staging,"` → `['prod', 'staging']`: blanks around commas and empty pieces are dropped. */
export function parseValues(text: string): string[] {
  return text
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export function formatValues(values: readonly string[] | undefined): string {
  return (values ?? []).join(', ');
}

export function selectorToRows(selector: LabelSelector | null | undefined): SelectorRows {
  return {
    labels: Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => ({ id: newRowId(), key, value })),
    expressions: (selector?.matchExpressions ?? []).map((expression) => ({
      id: newRowId(),
      key: expression.key,
      operator: expression.operator,
      values: formatValues(expression.values),
    })),
  };
}

const isBlankLabel = (row: MatchLabelRow) => row.key.trim() === '' && row.value.trim() === '';
const isBlankExpression = (row: ExpressionRow) => row.key.trim() === '' && row.values.trim() === '' && row.operator === 'In';

function toRequirement(row: ExpressionRow): LabelSelectorRequirement {
  const key = row.key.trim();
  return takesValues(row.operator) ? { key, operator: row.operator, values: parseValues(row.values) } : { key, operator: row.operator };
}

/** A key that an earlier `matchLabels` row already has: `matchLabels` is a map and can hold it once. */
function repeatedLabelRows(rows: readonly MatchLabelRow[]): Set<number> {
  const seen = new Set<string>();
  const repeated = new Set<number>();
  for (const row of rows) {
    if (isBlankLabel(row)) continue;
    const key = row.key.trim();
    if (seen.has(key)) repeated.add(row.id);
    seen.add(key);
  }
  return repeated;
}

/**
 * The selector the rows stand for. Rows left completely empty are ignored (a row just added).
 * A `matchLabels` key written twice cannot live in the map, so the later row becomes the
 * equivalent expression `key In (value)`: every row still has to hold, as the rows say.
 */
export function rowsToSelector(rows: SelectorRows): LabelSelector {
  const repeated = repeatedLabelRows(rows.labels);
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const row of rows.labels) {
    if (isBlankLabel(row)) continue;
    if (repeated.has(row.id)) matchExpressions.push({ key: row.key.trim(), operator: 'In', values: [row.value.trim()] });
    else matchLabels[row.key.trim()] = row.value.trim();
  }
  for (const row of rows.expressions) {
    if (!isBlankExpression(row)) matchExpressions.push(toRequirement(row));
  }
  const selector: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) selector.matchLabels = matchLabels;
  if (matchExpressions.length > 0) selector.matchExpressions = matchExpressions;
  return selector;
}

/**
 * Kubernetes' texts name the bad value and end with the regex used; next to the input that
 * holds the value, the reason alone reads better.
 */
export function readableProblem(message: string): string {
  const text = message
    .replace(/\s*\((e\.g\.|regex used).*$/s, '')
    .replace(/^Invalid value: "(?:[^"\\]|\\.)*": /, '')
    .replace(/^Unsupported value: /, 'Not a selector operator: ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function labelRowProblems(row: MatchLabelRow): LabelRowProblems {
  const key = row.key.trim();
  const found: LabelRowProblems = {};
  if (key === '') found.key = 'A key is required';
  for (const error of validateLabelSelector({ matchLabels: { [key]: row.value.trim() } }, '')) {
    if (error.field === 'matchLabels' && key !== '') found.key ??= readableProblem(error.message);
    else if (error.field.startsWith('matchLabels[')) found.value ??= readableProblem(error.message);
  }
  return found;
}

function expressionRowProblems(row: ExpressionRow): ExpressionRowProblems {
  const found: ExpressionRowProblems = {};
  for (const error of validateLabelSelector({ matchExpressions: [toRequirement(row)] }, '')) {
    const part = error.field.replace(/^matchExpressions\[0\]\./, '');
    if (part === 'key') found.key ??= error.type === 'FieldValueRequired' ? 'A key is required' : readableProblem(error.message);
    else if (part === 'operator') found.operator ??= readableProblem(error.message);
    else if (part === 'values') {
      found.values ??= error.type === 'FieldValueRequired' ? `Give at least one value: "${OPERATOR_LABELS[row.operator] ?? row.operator}" compares the label with a list` : readableProblem(error.message);
    } else if (part.startsWith('values[')) found.values ??= error.message.replace(/\s*\((e\.g\.|regex used).*$/s, '');
  }
  return found;
}

/** Each non-empty row's problems, by row id (rows without problems are absent). */
export function selectorProblems(rows: SelectorRows): SelectorProblems {
  const labels = new Map<number, LabelRowProblems>();
  const expressions = new Map<number, ExpressionRowProblems>();
  for (const row of rows.labels) {
    if (isBlankLabel(row)) continue;
    const found = labelRowProblems(row);
    if (found.key || found.value) labels.set(row.id, found);
  }
  for (const row of rows.expressions) {
    if (isBlankExpression(row)) continue;
    const found = expressionRowProblems(row);
    if (found.key || found.operator || found.values) expressions.set(row.id, found);
  }
  return { labels, expressions };
}

/** Rows whose `matchLabels` key repeats an earlier row's (shown as a note, not an error). */
export function repeatedLabelKeys(rows: SelectorRows): Set<number> {
  return repeatedLabelRows(rows.labels);
}

/** JSON with sorted keys, to tell whether two selectors are the same whatever their key order. */
export function selectorFingerprint(selector: LabelSelector | null | undefined): string {
  return JSON.stringify(selector ?? null, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
