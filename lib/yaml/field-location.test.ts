import { describe, expect, it } from 'vitest';

import { locateField, offsetOf, parseFieldPath, replaceScalar, yamlSyntaxProblems } from './field-location';
import { objectToYaml } from './object-yaml';

const TEXT = `apiVersion: fleet.cattle.io/v1alpha1
kind: GitRepo
metadata:
  name: guestbook
  labels:
    app.kubernetes.io/name: guestbook
spec:
  repo: https://example.com/x.git
  pollingInterval: 1d
  targets:
    - clusterGroup: prod
    - clusterSelector:
        matchLabels:
          env: staging
`;

describe('parseFieldPath', () => {
  it('splits dots, indexes and map keys', () => {
    expect(parseFieldPath('spec.targets[1].clusterSelector.matchLabels[env]')).toEqual(['spec', 'targets', 1, 'clusterSelector', 'matchLabels', 'env']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });
});

describe('locateField', () => {
  it('finds a scalar field at its key', () => {
    const location = locateField(TEXT, 'spec.pollingInterval');
    expect(location).toMatchObject({ line: 9, column: 3, exact: true, found: 'spec.pollingInterval', valueSource: '1d' });
    expect(TEXT.slice(location!.from, location!.to)).toBe('pollingInterval: 1d');
  });

  it('walks into lists and maps', () => {
    expect(locateField(TEXT, 'spec.targets[1].clusterSelector.matchLabels.env')).toMatchObject({ line: 14, exact: true });
    expect(locateField(TEXT, 'spec.targets[0]')).toMatchObject({ line: 11, column: 7, exact: true });
    expect(locateField(TEXT, 'metadata.labels[app.kubernetes.io/name]')).toMatchObject({ line: 6, exact: true });
  });

  it('falls back to the deepest parent of a missing field', () => {
    expect(locateField(TEXT, 'metadata.resourceVersion')).toMatchObject({ line: 3, exact: false, found: 'metadata' });
    expect(locateField(TEXT, 'nothing.here')).toBeUndefined();
  });

  it('maps a line and column back to an offset', () => {
    expect(TEXT.slice(offsetOf(TEXT, 9, 3)).startsWith('pollingInterval')).toBe(true);
  });
});

describe('replaceScalar', () => {
  it('replaces one value and keeps the rest of the text', () => {
    const text = 'metadata:\n  name: x # the name\n  resourceVersion: "7"\nspec: {}\n';
    expect(replaceScalar(text, 'metadata.resourceVersion', '12')).toBe('metadata:\n  name: x # the name\n  resourceVersion: "12"\nspec: {}\n');
    expect(replaceScalar(text, 'metadata.uid', '1')).toBeUndefined();
  });
});

describe('yamlSyntaxProblems', () => {
  it('reports where the YAML breaks', () => {
    expect(yamlSyntaxProblems(TEXT)).toEqual([]);
    const problems = yamlSyntaxProblems('spec:\n  repo: [unclosed\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
    expect(yamlSyntaxProblems('a: 1\n---\nb: 2\n').length).toBeGreaterThan(0);
  });
});

describe('objectToYaml', () => {
  const object = {
    status: { commit: 'abc' },
    spec: { repo: 'r' },
    metadata: { resourceVersion: '7', name: 'x', managedFields: [{}], namespace: 'ws', uid: 'u' },
    kind: 'GitRepo',
    apiVersion: 'fleet.cattle.io/v1alpha1',
  };

  it('orders keys as kubectl does and never shows managedFields', () => {
    const text = objectToYaml(object);
    expect(text.indexOf('apiVersion')).toBe(0);
    expect(text).toContain('resourceVersion: "7"');
    expect(text).not.toContain('managedFields');
    expect(text.indexOf('name: x')).toBeLessThan(text.indexOf('namespace: ws'));
  });

  it('leaves status out for editing and server fields out of a clean copy', () => {
    expect(objectToYaml(object, { mode: 'edit' })).not.toContain('status');
    const clean = objectToYaml(object, { mode: 'clean' });
    expect(clean).not.toContain('resourceVersion');
    expect(clean).not.toContain('uid');
    expect(clean).toContain('name: x');
  });
});
