import { describe, expect, it } from 'vitest';
import { JsonPathError, compileJsonPath, evaluateJsonPath, formatGoNumber, formatPrinterCell, normalizeRfc3339 } from './jsonpath';

const gitRepo = {
  apiVersion: 'fleet.cattle.io/v1alpha1',
  kind: 'GitRepo',
  metadata: {
    name: 'simple',
    namespace: 'fleet-local',
    labels: { 'app.kubernetes.io/name': 'simple', env: 'dev' },
    creationTimestamp: '2024-05-01T10:00:00Z',
  },
  spec: { repo: 'https://github.com/rancher/fleet-examples', paths: ['simple', 'multi'], paused: false },
  status: {
    commit: 'abc123',
    readyClusters: 2,
    desiredReadyClusters: 3,
    display: { readyBundleDeployments: '2/3' },
    conditions: [
      { type: 'Ready', status: 'False', message: 'NotReady(1) [Cluster fleet-local/local]' },
      { type: 'Accepted', status: 'True', message: '' },
      { type: 'Stalled', status: 'False' },
    ],
    summary: { ready: 2, desiredReady: 3, nonReadyResources: [{ name: 'a' }, { name: 'b' }] },
    weight: 1.5,
    nothing: null,
  },
};

describe('evaluateJsonPath', () => {
  it('follows dotted fields', () => {
    expect(evaluateJsonPath(gitRepo, '.spec.repo')).toEqual(['https://github.com/rancher/fleet-examples']);
    expect(evaluateJsonPath(gitRepo, '.status.display.readyBundleDeployments')).toEqual(['2/3']);
    expect(evaluateJsonPath(gitRepo, '.status.readyClusters')).toEqual([2]);
  });

  it('accepts braces, a $ root and a missing leading dot', () => {
    expect(evaluateJsonPath(gitRepo, '{.status.commit}')).toEqual(['abc123']);
    expect(evaluateJsonPath(gitRepo, ' { .status.commit } ')).toEqual(['abc123']);
    expect(evaluateJsonPath(gitRepo, '$.status.commit')).toEqual(['abc123']);
    expect(evaluateJsonPath(gitRepo, 'status.commit')).toEqual(['abc123']);
    expect(evaluateJsonPath(gitRepo, '{.}')).toEqual([gitRepo]);
  });

  it('returns nothing for missing keys instead of failing', () => {
    expect(evaluateJsonPath(gitRepo, '.status.missing')).toEqual([]);
    expect(evaluateJsonPath(gitRepo, '.status.missing.deeper[0].x')).toEqual([]);
    expect(evaluateJsonPath(gitRepo, '.spec.repo.length')).toEqual([]);
    expect(evaluateJsonPath(undefined, '.a')).toEqual([]);
  });

  it('keeps explicit nulls', () => {
    expect(evaluateJsonPath(gitRepo, '.status.nothing')).toEqual([null]);
  });

  it('indexes arrays, including negative indices and slices', () => {
    expect(evaluateJsonPath(gitRepo, '.spec.paths[0]')).toEqual(['simple']);
    expect(evaluateJsonPath(gitRepo, '.spec.paths[-1]')).toEqual(['multi']);
    expect(evaluateJsonPath(gitRepo, '.spec.paths[5]')).toEqual([]);
    expect(evaluateJsonPath(gitRepo, '.status.conditions[0:2].type')).toEqual(['Ready', 'Accepted']);
    expect(evaluateJsonPath(gitRepo, '.status.conditions[1:].type')).toEqual(['Accepted', 'Stalled']);
    expect(evaluateJsonPath(gitRepo, '.status.conditions[::2].type')).toEqual(['Ready', 'Stalled']);
    expect(evaluateJsonPath(gitRepo, '.status.conditions[0]')).toEqual([gitRepo.status.conditions[0]]);
  });

  it('expands wildcards', () => {
    expect(evaluateJsonPath(gitRepo, '.status.conditions[*].type')).toEqual(['Ready', 'Accepted', 'Stalled']);
    expect(evaluateJsonPath(gitRepo, '.status.conditions[*].message')).toEqual(['NotReady(1) [Cluster fleet-local/local]', '']);
    expect(evaluateJsonPath(gitRepo, '.status.summary.nonReadyResources[*].name')).toEqual(['a', 'b']);
    expect(evaluateJsonPath(gitRepo, '.metadata.labels.*')).toEqual(['simple', 'dev']);
  });

  it('filters arrays', () => {
    expect(evaluateJsonPath(gitRepo, '.status.conditions[?(@.type=="Ready")].message')).toEqual([
      'NotReady(1) [Cluster fleet-local/local]',
    ]);
    expect(evaluateJsonPath(gitRepo, ".status.conditions[?(@.type == 'Accepted')].status")).toEqual(['True']);
    expect(evaluateJsonPath(gitRepo, '.status.conditions[?(@.status!="False")].type')).toEqual(['Accepted']);
    expect(evaluateJsonPath(gitRepo, '.status.conditions[?(@.message)].type')).toEqual(['Ready', 'Accepted']);
    expect(evaluateJsonPath(gitRepo, '.status.conditions[?(@.type=="Missing")].message')).toEqual([]);
    expect(evaluateJsonPath(gitRepo, '{.status.conditions[?(@.type=="Ready")].status}')).toEqual(['False']);
  });

  it('skips filter candidates that lack the compared field, even for !=', () => {
    expect(evaluateJsonPath(gitRepo, '.status.conditions[?(@.message!="")].type')).toEqual(['Ready']);
  });

  it('compares numbers and booleans in filters', () => {
    const doc = { items: [{ n: 1, on: true }, { n: 5, on: false }, { n: 10, on: true }, { n: 'x' }] };
    expect(evaluateJsonPath(doc, '.items[?(@.n > 2)].n')).toEqual([5, 10]);
    expect(evaluateJsonPath(doc, '.items[?(@.n<=5)].n')).toEqual([1, 5]);
    expect(evaluateJsonPath(doc, '.items[?(@.n==10)].n')).toEqual([10]);
    expect(evaluateJsonPath(doc, '.items[?(@.on==true)].n')).toEqual([1, 10]);
    expect(evaluateJsonPath({ tags: ['a', 'b'] }, '.tags[?(@=="b")]')).toEqual(['b']);
  });

  it('handles keys with dots and slashes', () => {
    expect(evaluateJsonPath(gitRepo, '.metadata.labels.app\\.kubernetes\\.io/name')).toEqual(['simple']);
    expect(evaluateJsonPath(gitRepo, ".metadata.labels['app.kubernetes.io/name']")).toEqual(['simple']);
    expect(evaluateJsonPath(gitRepo, '.metadata.labels["env"]')).toEqual(['dev']);
  });

  it('supports recursive descent', () => {
    expect(evaluateJsonPath(gitRepo, '..readyBundleDeployments')).toEqual(['2/3']);
    expect(evaluateJsonPath(gitRepo.status.summary, '..name')).toEqual(['a', 'b']);
  });

  it('does not see inherited properties', () => {
    expect(evaluateJsonPath({}, '.constructor')).toEqual([]);
    expect(evaluateJsonPath({ a: [] }, '.a.length')).toEqual([]);
  });

  it('rejects malformed paths', () => {
    expect(() => evaluateJsonPath(gitRepo, '.spec.paths[0')).toThrow(JsonPathError);
    expect(() => evaluateJsonPath(gitRepo, '{.spec')).toThrow("unclosed '{'");
    expect(() => evaluateJsonPath(gitRepo, '.a[?(@.b=="c"]')).toThrow(JsonPathError);
    expect(() => evaluateJsonPath(gitRepo, '.a[?(@.b=="c)]')).toThrow('unterminated string');
    expect(() => evaluateJsonPath(gitRepo, '.a[foo]')).toThrow('unsupported subscript [foo]');
    expect(() => evaluateJsonPath(gitRepo, '.a[::0]')).toThrow('slice step must be positive');
    expect(() => evaluateJsonPath(gitRepo, '.a[?(@.b=~"c")]')).toThrow(JsonPathError);
  });

  it('compiles once for many objects', () => {
    const readyMessage = compileJsonPath('.status.conditions[?(@.type=="Ready")].message');
    expect(readyMessage(gitRepo)).toEqual(['NotReady(1) [Cluster fleet-local/local]']);
    expect(readyMessage({ status: { conditions: [{ type: 'Ready', message: 'ok' }] } })).toEqual(['ok']);
  });
});

describe('formatPrinterCell', () => {
  const cell = (path: string, type: Parameters<typeof formatPrinterCell>[1]) =>
    formatPrinterCell(evaluateJsonPath(gitRepo, path), type);

  it('returns null for missing or null values', () => {
    expect(cell('.status.missing', 'string')).toBeNull();
    expect(cell('.status.nothing', 'string')).toBeNull();
    expect(cell('.status.nothing', 'integer')).toBeNull();
    expect(formatPrinterCell([], 'date')).toBeNull();
  });

  it('uses the first match only', () => {
    expect(cell('.status.conditions[*].type', 'string')).toBe('Ready');
  });

  it('renders string columns like kubectl JSONPath printing', () => {
    expect(cell('.status.commit', 'string')).toBe('abc123');
    expect(cell('.status.readyClusters', 'string')).toBe('2');
    expect(cell('.status.weight', 'string')).toBe('1.5');
    expect(cell('.spec.paused', 'string')).toBe('false');
    expect(cell('.spec.paths', 'string')).toBe('["simple","multi"]');
    expect(cell('.status.display', 'string')).toBe('{"readyBundleDeployments":"2/3"}');
    expect(formatPrinterCell([{ b: 1, a: '<&>' }], 'string')).toBe('{"a":"\\u003c\\u0026\\u003e","b":1}');
  });

  it('types integer, number and boolean columns, nulling mismatches', () => {
    expect(cell('.status.readyClusters', 'integer')).toBe(2);
    expect(cell('.status.weight', 'integer')).toBe(1);
    expect(formatPrinterCell([-2.7], 'integer')).toBe(-2);
    expect(cell('.status.commit', 'integer')).toBeNull();
    expect(cell('.status.weight', 'number')).toBe(1.5);
    expect(cell('.status.readyClusters', 'number')).toBe(2);
    expect(cell('.status.commit', 'number')).toBeNull();
    expect(cell('.spec.paused', 'boolean')).toBe(false);
    expect(cell('.status.commit', 'boolean')).toBeNull();
  });

  it('normalizes date columns and flags bad dates', () => {
    expect(cell('.metadata.creationTimestamp', 'date')).toBe('2024-05-01T10:00:00Z');
    expect(formatPrinterCell(['2024-05-01T12:30:00.123456+02:00'], 'date')).toBe('2024-05-01T10:30:00Z');
    expect(formatPrinterCell(['yesterday'], 'date')).toBe('<invalid>');
    expect(formatPrinterCell([''], 'date')).toBeNull();
    expect(formatPrinterCell([12], 'date')).toBeNull();
  });
});

describe('formatGoNumber', () => {
  it.each([
    [0, '0'],
    [42, '42'],
    [-7, '-7'],
    [1e21, '1e+21'],
    [2 ** 53, '9007199254740992'],
    [1.5, '1.5'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [2 ** 64, '1.8446744073709552e+19'],
  ])('formats %d as %s', (value, text) => {
    expect(formatGoNumber(value)).toBe(text);
  });
});

describe('normalizeRfc3339', () => {
  it('accepts valid timestamps and converts to UTC', () => {
    expect(normalizeRfc3339('2024-02-29T23:59:59-00:30')).toBe('2024-03-01T00:29:59Z');
    expect(normalizeRfc3339('0099-01-01T00:00:00Z')).toBe('0099-01-01T00:00:00Z');
  });

  it('rejects impossible dates and other layouts', () => {
    for (const text of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00', '2024-01-01']) {
      expect(normalizeRfc3339(text)).toBeNull();
    }
  });
});
