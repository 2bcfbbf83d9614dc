import { describe, expect, it } from 'vitest';
import {
  childPath,
  duplicate,
  forbidden,
  formatBadValue,
  formatFieldError,
  indexPath,
  invalid,
  invalidObjectMessage,
  jsonTypeName,
  keyPath,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
} from './field-errors';

describe('field paths', () => {
  it('builds Kubernetes field-path notation', () => {
    const expression = indexPath(childPath(indexPath(childPath('spec', 'targets'), 0), 'clusterSelector', 'matchExpressions'), 1);
    expect(childPath(expression, 'operator')).toBe('spec.targets[0].clusterSelector.matchExpressions[1].operator');
    expect(keyPath('metadata.labels', 'app.kubernetes.io/name')).toBe('metadata.labels[app.kubernetes.io/name]');
    expect(childPath('', 'key')).toBe('key');
  });
});

describe('bad value rendering', () => {
  it('quotes strings and leaves numbers and booleans bare, like Go', () => {
    expect(formatBadValue('Foo_')).toBe('"Foo_"');
    expect(formatBadValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(formatBadValue(42)).toBe('42');
    expect(formatBadValue(false)).toBe('false');
  });

  it('renders nil as the quoted string "null" (Go quirk) and composites as JSON', () => {
    expect(formatBadValue(null)).toBe('"null"');
    expect(formatBadValue(['a', 'b'])).toBe('["a","b"]');
    expect(formatBadValue({ a: 1 })).toBe('{"a":1}');
  });

  it('names JSON schema types', () => {
    expect([1, 1.5, 'x', true, null, [], {}].map(jsonTypeName)).toEqual([
      'integer',
      'number',
      'string',
      'boolean',
      'null',
      'array',
      'object',
    ]);
  });
});

describe('constructors', () => {
  it('produce kube-apiserver shaped messages', () => {
    expect(required('spec.repo')).toEqual({ type: 'FieldValueRequired', field: 'spec.repo', message: 'Required value' });
    expect(required('metadata.name', 'name or generateName is required').message).toBe(
      'Required value: name or generateName is required',
    );
    expect(invalid('metadata.name', 'Foo_', 'must be lowercase')).toEqual({
      type: 'FieldValueInvalid',
      field: 'metadata.name',
      message: 'Invalid value: "Foo_": must be lowercase',
    });
    expect(invalid('spec.replicas', -1).message).toBe('Invalid value: -1');
    expect(notSupported('spec.x.operator', 'Maybe', ['In', 'NotIn'])).toEqual({
      type: 'FieldValueNotSupported',
      field: 'spec.x.operator',
      message: 'Unsupported value: "Maybe": supported values: "In", "NotIn"',
    });
    expect(notSupported('f', 'x', []).message).toBe('Unsupported value: "x"');
    expect(tooLong('metadata.annotations', 262144).message).toBe('Too long: may not be more than 262144 bytes');
    expect(tooLong('f', 1).message).toBe('Too long: may not be more than 1 byte');
    expect(tooMany('spec.targets', 12, 10).message).toBe('Too many: 12: must have at most 10 items');
    expect(duplicate('spec.targets[2].name', 'prod').message).toBe('Duplicate value: "prod"');
    expect(forbidden('spec.values', 'may not be set').message).toBe('Forbidden: may not be set');
  });

  it('words type errors like the CRD schema validator', () => {
    expect(typeInvalid('spec.paused', 'boolean', 'yes')).toEqual({
      type: 'FieldValueTypeInvalid',
      field: 'spec.paused',
      message: 'Invalid value: "string": spec.paused in body must be of type boolean: "string"',
    });
    expect(typeInvalid('spec.paused', 'boolean', null).message).toContain('"null"');
    expect(typeInvalid('spec.paused', 'boolean').message).toBe('Invalid value: spec.paused in body must be of type boolean');
  });
});

describe('whole-error rendering', () => {
  it('prefixes the field path', () => {
    expect(formatFieldError(required('spec.repo'))).toBe('spec.repo: Required value');
    expect(formatFieldError(required(''))).toBe('Required value');
  });

  it('builds the 422 Status message like kube', () => {
    expect(invalidObjectMessage('GitRepo', 'fleet.cattle.io', 'demo', [required('spec.repo')])).toBe(
      'GitRepo.fleet.cattle.io "demo" is invalid: spec.repo: Required value',
    );
    expect(
      invalidObjectMessage('Namespace', '', 'Bad', [
        invalid('metadata.name', 'Bad', 'x'),
        required('spec.repo'),
        required('spec.repo'),
      ]),
    ).toBe('Namespace "Bad" is invalid: [metadata.name: Invalid value: "Bad": x, spec.repo: Required value]');
    expect(invalidObjectMessage('GitRepo', 'fleet.cattle.io', 'demo', [])).toBe('GitRepo.fleet.cattle.io "demo" is invalid');
  });
});
