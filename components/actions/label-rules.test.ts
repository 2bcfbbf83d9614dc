import { describe, expect, it } from 'vitest';

import { labelPatch, placeServerError, validateLabelRows, type LabelRow } from './label-rules';

const rows = (...pairs: [string, string][]): LabelRow[] => pairs.map(([key, value], index) => ({ id: index + 1, key, value }));

describe('validateLabelRows', () => {
  it('accepts what Kubernetes accepts, including prefixed keys and empty values', () => {
    expect(validateLabelRows(rows(['env', 'prod'], ['example.com/tier', 'gold'], ['empty', ''], ['', ''])).size).toBe(0);
  });

  it('reports bad keys and values in plain words, per row', () => {
    const problems = validateLabelRows(rows(['bad key', 'x'], ['env', 'not ok!'], ['a/b/c', 'x'], ['', 'orphan']));
    expect(problems.get(1)?.key).toMatch(/^name part must consist of alphanumeric characters/);
    expect(problems.get(1)?.key).not.toContain('regex');
    expect(problems.get(2)?.value).toMatch(/^a valid label must be an empty string/);
    expect(problems.get(3)?.key).toContain('qualified name');
    expect(problems.get(4)?.key).toBe('a key is required');
  });

  it("refuses Fleet's and Rancher's keys and duplicates", () => {
    const problems = validateLabelRows(rows(['fleet.cattle.io/cluster', 'x'], ['management.cattle.io/cluster-name', 'y'], ['env', 'a'], ['env', 'b']));
    expect(problems.get(1)?.key).toContain('belong to Fleet and Rancher');
    expect(problems.get(2)?.key).toContain('belong to Fleet and Rancher');
    expect(problems.has(3)).toBe(false);
    expect(problems.get(4)?.key).toBe('this key is already in the list');
  });

  it('checks the 63-character limits', () => {
    const problems = validateLabelRows(rows(['k'.repeat(64), 'v'], ['ok', 'v'.repeat(64)]));
    expect(problems.get(1)?.key).toContain('63');
    expect(problems.get(2)?.value).toContain('63');
  });
});

describe('labelPatch', () => {
  const original = { env: 'dev', region: 'eu', 'fleet.cattle.io/cluster': 'c1' };

  it('sends only what changed, and removes what went, never touching reserved keys', () => {
    expect(labelPatch(original, rows(['env', 'prod'], ['tier', 'gold']))).toEqual({ set: { env: 'prod', tier: 'gold' }, remove: ['region'] });
  });

  it('is empty when nothing changed (blank rows do not count)', () => {
    expect(labelPatch(original, rows(['region', 'eu'], ['env', 'dev'], ['', '']))).toEqual({ set: {}, remove: [] });
  });

  it('treats a renamed key as a removal plus an addition', () => {
    expect(labelPatch({ env: 'dev' }, rows(['environment', 'dev']))).toEqual({ set: { environment: 'dev' }, remove: ['env'] });
  });
});

describe('placeServerError', () => {
  const current = rows(['env', 'prod'], ['bad key', 'x']);
  const patch = { set: { env: 'prod' }, remove: ['region', 'zone'] };

  it('puts set[key] at that row\'s value, without the field prefix', () => {
    expect(placeServerError('set[env]', 'set[env]: Invalid value: "prod": reserved', current, patch)).toEqual({ rowId: 1, part: 'value', message: 'Invalid value: "prod": reserved' });
  });

  it('puts a reserved key at the key', () => {
    expect(placeServerError('set[fleet.cattle.io/x]', 'set[fleet.cattle.io/x]: Invalid value', rows(['fleet.cattle.io/x', '1']), patch)).toMatchObject({ rowId: 1, part: 'key' });
  });

  it('finds the key a map-level error names', () => {
    expect(placeServerError('set', 'set: Invalid value: "bad key": name part must consist of …', current, patch)).toMatchObject({ rowId: 2, part: 'key' });
  });

  it('names the removed key for remove[i], at the form', () => {
    expect(placeServerError('remove[1]', 'remove[1]: Invalid value', current, patch)).toEqual({ part: 'key', message: 'Removing "zone": Invalid value' });
  });

  it('leaves anything else at the form', () => {
    expect(placeServerError(undefined, 'Cluster changed since you loaded it', current, patch)).toEqual({ part: 'key', message: 'Cluster changed since you loaded it' });
  });
});
