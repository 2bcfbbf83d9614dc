import { describe, expect, it } from 'vitest';
import {
  NAME_SUFFIX_ALPHABET,
  generateNameSuffix,
  generateObjectName,
  validateAnnotations,
  validateDns1123Label,
  validateDns1123Subdomain,
  validateLabels,
  validateLabelValue,
  validateObjectMetaGenerateName,
  validateObjectMetaName,
  validateQualifiedName,
} from './names';

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('validateDns1123Subdomain', () => {
  it.each(['a', 'fleet-local', 'example.com', 'a.b-c.d1', '0', '1-2.3'])('accepts %j', (name) => {
    expect(validateDns1123Subdomain(name)).toEqual([]);
  });

  it.each(['', 'Foo', 'foo_', '-foo', 'foo-', 'foo..bar', '.foo', 'foo.', 'foo/bar', 'fóo'])('rejects %j', (name) => {
    expect(validateDns1123Subdomain(name)).toEqual([SUBDOMAIN_MESSAGE]);
  });

  it('enforces the 253 character limit', () => {
    const atLimit = Array.from({ length: 4 }, () => 'a'.repeat(62)).join('.') + '.a'; // 253
    expect(atLimit).toHaveLength(253);
    expect(validateDns1123Subdomain(atLimit)).toEqual([]);
    expect(validateDns1123Subdomain(`${atLimit}b`)).toEqual(['must be no more than 253 characters']);
  });

  it('reports length and format problems together', () => {
    expect(validateDns1123Subdomain('A'.repeat(254))).toEqual(['must be no more than 253 characters', SUBDOMAIN_MESSAGE]);
  });
});

describe('validateDns1123Label', () => {
  it('accepts labels and rejects dots, capitals and overlong names', () => {
    expect(validateDns1123Label('fleet-default')).toEqual([]);
    expect(validateDns1123Label('a'.repeat(63))).toEqual([]);
    expect(validateDns1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(validateDns1123Label('fleet.default')).toEqual([LABEL_MESSAGE]);
    expect(validateDns1123Label('Fleet')).toEqual([LABEL_MESSAGE]);
  });
});

describe('validateQualifiedName', () => {
  it.each(['app', 'App_Name', 'app.kubernetes.io/name', 'fleet.cattle.io/repo-name', 'a/b', '1', 'x.y_z-9'])('accepts %j', (key) => {
    expect(validateQualifiedName(key)).toEqual([]);
  });

  it('rejects bad name parts with kube wording', () => {
    expect(validateQualifiedName('-app')).toEqual([
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('reports empty and overlong parts', () => {
    expect(validateQualifiedName('')[0]).toBe('name part must be non-empty');
    expect(validateQualifiedName('example.com/')[0]).toBe('name part must be non-empty');
    expect(validateQualifiedName('/name')).toEqual(['prefix part must be non-empty']);
    expect(validateQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
  });

  it('validates the prefix as a DNS subdomain', () => {
    expect(validateQualifiedName('Example.com/name')).toEqual([`prefix part ${SUBDOMAIN_MESSAGE}`]);
    expect(validateQualifiedName(`${'a'.repeat(254)}/name`)).toEqual(['prefix part must be no more than 253 characters']);
  });

  it('rejects more than one slash', () => {
    const [problem] = validateQualifiedName('a/b/c');
    expect(problem).toMatch(/^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
  });
});

describe('validateLabelValue', () => {
  it('allows empty values and the qualified-name charset', () => {
    for (const value of ['', 'v1', 'my_value', 'A.b-C', '12345']) expect(validateLabelValue(value)).toEqual([]);
  });

  it('rejects bad characters, bad edges and overlong values', () => {
    expect(validateLabelValue('a b')[0]).toMatch(/^a valid label must be an empty string or consist of/);
    expect(validateLabelValue('-a')).toHaveLength(1);
    expect(validateLabelValue('a/b')).toHaveLength(1);
    expect(validateLabelValue('a'.repeat(63))).toEqual([]);
    expect(validateLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('validateLabels', () => {
  it('accepts absent and valid labels', () => {
    expect(validateLabels(undefined, 'metadata.labels')).toEqual([]);
    expect(validateLabels({ 'app.kubernetes.io/name': 'web', env: '' }, 'metadata.labels')).toEqual([]);
  });

  it('reports bad keys on the map and bad values on the keyed path', () => {
    const errors = validateLabels({ 'bad key': 'ok', env: 'prod!' }, 'metadata.labels');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ type: 'FieldValueInvalid', field: 'metadata.labels' });
    expect(errors[0]?.message).toMatch(/^Invalid value: "bad key": name part must consist of/);
    expect(errors[1]).toMatchObject({ type: 'FieldValueInvalid', field: 'metadata.labels[env]' });
    expect(errors[1]?.message).toMatch(/^Invalid value: "prod!": a valid label must be/);
  });

  it('rejects non-string values and non-object maps', () => {
    expect(validateLabels({ replicas: 3 }, 'metadata.labels')).toEqual([
      {
        type: 'FieldValueTypeInvalid',
        field: 'metadata.labels[replicas]',
        message: 'Invalid value: "integer": metadata.labels[replicas] in body must be of type string: "integer"',
      },
    ]);
    expect(validateLabels(['a'], 'metadata.labels')[0]?.type).toBe('FieldValueTypeInvalid');
    expect(validateLabels('a=b', 'metadata.labels')[0]?.field).toBe('metadata.labels');
  });
});

describe('validateAnnotations', () => {
  it('accepts free-form values and is case-insensitive about keys', () => {
    expect(
      validateAnnotations({ 'Fleet.Cattle.IO/Commit': 'anything at all: {"json": true}\n' }, 'metadata.annotations'),
    ).toEqual([]);
  });

  it('rejects bad keys and non-string values', () => {
    const errors = validateAnnotations({ '-x': 'a', ok: 5 }, 'metadata.annotations');
    expect(errors.map((error) => [error.type, error.field])).toEqual([
      ['FieldValueInvalid', 'metadata.annotations'],
      ['FieldValueTypeInvalid', 'metadata.annotations[ok]'],
    ]);
  });

  it('caps the total size at 256 KiB of keys plus values', () => {
    const fits = { a: 'x'.repeat(256 * 1024 - 1) };
    expect(validateAnnotations(fits, 'metadata.annotations')).toEqual([]);
    const tooBig = { ab: 'x'.repeat(256 * 1024 - 1) };
    expect(validateAnnotations(tooBig, 'metadata.annotations')).toEqual([
      { type: 'FieldValueTooLong', field: 'metadata.annotations', message: 'Too long: may not be more than 262144 bytes' },
    ]);
  });

  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    const multiByte = { a: 'é'.repeat(128 * 1024) }; // 2 bytes each → 262145 bytes
    expect(validateAnnotations(multiByte, 'metadata.annotations')).toHaveLength(1);
  });
});

describe('validateObjectMetaName', () => {
  it('requires a name', () => {
    for (const missing of [undefined, null, '']) {
      expect(validateObjectMetaName(missing)).toEqual([
        { type: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' },
      ]);
    }
  });

  it('uses DNS subdomain rules for ordinary objects', () => {
    expect(validateObjectMetaName('my.repo-1')).toEqual([]);
    expect(validateObjectMetaName('Foo_')).toEqual([
      { type: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "Foo_": ${SUBDOMAIN_MESSAGE}` },
    ]);
    expect(validateObjectMetaName('a'.repeat(254))[0]?.message).toBe(
      `Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`,
    );
  });

  it('uses DNS label rules for namespaces', () => {
    expect(validateObjectMetaName('fleet-default', { namespaceName: true })).toEqual([]);
    expect(validateObjectMetaName('my.ns', { namespaceName: true })).toEqual([
      { type: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "my.ns": ${LABEL_MESSAGE}` },
    ]);
  });

  it('rejects non-string names', () => {
    expect(validateObjectMetaName(7)[0]?.type).toBe('FieldValueTypeInvalid');
  });
});

describe('validateObjectMetaGenerateName', () => {
  it('allows a trailing dash and no value at all', () => {
    expect(validateObjectMetaGenerateName('repo-')).toEqual([]);
    expect(validateObjectMetaGenerateName(undefined)).toEqual([]);
  });

  it('still rejects bad prefixes', () => {
    expect(validateObjectMetaGenerateName('Repo-')[0]).toMatchObject({ field: 'metadata.generateName' });
    expect(validateObjectMetaGenerateName('ns.', { namespaceName: true })).toHaveLength(1);
  });
});

describe('generated names', () => {
  it('draws 5 characters from kube’s alphabet', () => {
    for (let i = 0; i < 50; i++) {
      expect(generateNameSuffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
  });

  it('uses the injected random source', () => {
    const indices = [0, 1, 2, 25, 26];
    expect(generateNameSuffix(() => indices.shift() ?? 0)).toBe('bcd89');
    expect(NAME_SUFFIX_ALPHABET).toHaveLength(27);
  });

  it('trims long prefixes so the generated name stays within 63 characters', () => {
    const name = generateObjectName('x'.repeat(100), () => 0);
    expect(name).toBe(`${'x'.repeat(58)}bbbbb`);
    expect(generateObjectName('repo-', () => 3)).toBe('repo-fffff');
  });
});
