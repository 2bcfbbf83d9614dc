import { describe, expect, it } from 'vitest';

import { validateLabelSelector, type LabelSelector } from '@/lib/k8s/label-selector';

import {
  parseValues,
  readableProblem,
  repeatedLabelKeys,
  rowsToSelector,
  selectorFingerprint,
  selectorProblems,
  selectorToRows,
  type ExpressionRow,
  type MatchLabelRow,
  type SelectorRows,
} from './selector-rows';

const label = (id: number, key: string, value: string): MatchLabelRow => ({ id, key, value });
const expression = (id: number, key: string, operator: string, values = ''): ExpressionRow => ({ id, key, operator, values });
const rows = (labels: MatchLabelRow[], expressions: ExpressionRow[] = []): SelectorRows => ({ labels, expressions });

describe('selector rows ↔ LabelSelector', () => {
  it('round-trips matchLabels and every operator', () => {
    const selector: LabelSelector = {
      matchLabels: { env: 'prod', 'example.com/tier': 'gold' },
      matchExpressions: [
        { key: 'region', operator: 'In', values: ['eu', 'us'] },
        { key: 'team', operator: 'NotIn', values: ['legacy'] },
        { key: 'gpu', operator: 'Exists' },
        { key: 'deprecated', operator: 'DoesNotExist' },
      ],
    };
    const back = rowsToSelector(selectorToRows(selector));
    expect(back).toEqual(selector);
    expect(selectorToRows(selector).expressions[0]!.values).toBe('eu, us');
  });

  it('turns nothing and {} into no rows, and no rows into {}', () => {
    expect(selectorToRows(undefined)).toEqual({ labels: [], expressions: [] });
    expect(selectorToRows({})).toEqual({ labels: [], expressions: [] });
    expect(rowsToSelector(rows([]))).toEqual({});
  });

  it('ignores rows left empty, trims keys and values, and splits values on commas', () => {
    const selector = rowsToSelector(rows([label(1, ' env ', ' prod '), label(2, '', '')], [expression(3, '', 'In', ''), expression(4, 'region', 'In', ' eu,, us , ')]));
    expect(selector).toEqual({ matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'region', operator: 'In', values: ['eu', 'us'] }] });
    expect(parseValues('a, b ,c,')).toEqual(['a', 'b', 'c']);
  });

  it('drops the values typed for Exists and DoesNotExist instead of sending a forbidden field', () => {
    const selector = rowsToSelector(rows([], [expression(1, 'gpu', 'Exists', 'left, over'), expression(2, 'old', 'DoesNotExist', 'x')]));
    expect(selector.matchExpressions).toEqual([
      { key: 'gpu', operator: 'Exists' },
      { key: 'old', operator: 'DoesNotExist' },
    ]);
    expect(validateLabelSelector(selector, 'selector')).toEqual([]);
  });

  it('keeps a repeated matchLabels key as an expression, so both rows still have to hold', () => {
    const input = rows([label(1, 'env', 'prod'), label(2, 'env', 'dev')]);
    expect(rowsToSelector(input)).toEqual({ matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] });
    expect([...repeatedLabelKeys(input)]).toEqual([2]);
  });

  it('keeps an operator it does not know, so nothing the stored selector says is lost', () => {
    const selector = { matchExpressions: [{ key: 'size', operator: 'Gt', values: ['3'] }] };
    expect(rowsToSelector(selectorToRows(selector))).toEqual(selector);
  });

  it('compares selectors whatever the order of their keys', () => {
    expect(selectorFingerprint({ matchLabels: { a: '1', b: '2' } })).toBe(selectorFingerprint({ matchLabels: { b: '2', a: '1' } }));
    expect(selectorFingerprint({ matchLabels: { a: '1' } })).not.toBe(selectorFingerprint({ matchLabels: { a: '2' } }));
  });
});

describe('selectorProblems', () => {
  it('accepts what Kubernetes accepts', () => {
    const input = rows([label(1, 'example.com/env', 'prod'), label(2, 'empty', '')], [expression(3, 'region', 'NotIn', 'eu'), expression(4, 'gpu', 'Exists')]);
    const problems = selectorProblems(input);
    expect(problems.labels.size + problems.expressions.size).toBe(0);
    expect(validateLabelSelector(rowsToSelector(input), 'selector')).toEqual([]);
  });

  it('puts a bad key or value at its row, in plain words', () => {
    const problems = selectorProblems(rows([label(1, 'bad key', 'x'), label(2, 'env', 'not ok!'), label(3, '', 'orphan')]));
    expect(problems.labels.get(1)?.key).toMatch(/^Name part must consist of alphanumeric characters/);
    expect(problems.labels.get(1)?.key).not.toContain('regex');
    expect(problems.labels.get(1)?.value).toBeUndefined();
    expect(problems.labels.get(2)?.value).toMatch(/^A valid label must be an empty string/);
    expect(problems.labels.get(2)?.key).toBeUndefined();
    expect(problems.labels.get(3)?.key).toBe('A key is required');
  });

  it('asks for values when In or NotIn has none, and checks each value', () => {
    const problems = selectorProblems(rows([], [expression(1, 'region', 'In', ''), expression(2, 'team', 'NotIn', ' , '), expression(3, 'tier', 'In', 'gold, bad value')]));
    expect(problems.expressions.get(1)?.values).toBe('Give at least one value: "in" compares the label with a list');
    expect(problems.expressions.get(2)?.values).toMatch(/^Give at least one value: "not in"/);
    expect(problems.expressions.get(3)?.values).toMatch(/^Invalid value: "bad value": a valid label must be/);
    expect(problems.expressions.get(3)?.key).toBeUndefined();
  });

  it('flags an expression key that is missing or malformed, and an unknown operator', () => {
    const problems = selectorProblems(rows([], [expression(1, '', 'Exists'), expression(2, '-nope', 'Exists'), expression(3, 'size', 'Gt', '3')]));
    expect(problems.expressions.get(1)?.key).toBe('A key is required');
    expect(problems.expressions.get(2)?.key).toMatch(/^Name part must consist/);
    expect(problems.expressions.get(3)?.operator).toBe('Not a selector operator: "Gt": supported values: "In", "NotIn", "Exists", "DoesNotExist"');
  });

  it('finds a problem exactly when the shared validator refuses the selector', () => {
    const samples: SelectorRows[] = [
      rows([label(1, 'a/b/c', 'x')]),
      rows([label(1, 'ok', 'x'.repeat(64))]),
      rows([], [expression(1, 'k', 'In', '')]),
      rows([], [expression(1, 'k', 'In', 'v')]),
      rows([label(1, 'k', 'v')], [expression(2, 'k', 'DoesNotExist')]),
    ];
    for (const sample of samples) {
      const problems = selectorProblems(sample);
      const found = problems.labels.size + problems.expressions.size > 0;
      expect(found, JSON.stringify(sample)).toBe(validateLabelSelector(rowsToSelector(sample), 'selector').length > 0);
    }
  });

  it('strips the echoed value and the regex from Kubernetes texts', () => {
    expect(readableProblem('Invalid value: "x y": name part must be short (e.g. \'MyName\', regex used for validation is \'…\')')).toBe('Name part must be short');
  });
});
