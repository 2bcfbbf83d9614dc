import { describe, expect, it } from 'vitest';
import { JsonPatchError, applyJsonPatch, formatJsonPointer, parseJsonPointer, validateJsonPatch } from './json-patch';

function patchError(document: unknown, operations: unknown): JsonPatchError {
  try {
    applyJsonPatch(document, operations);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonPatchError);
    return error as JsonPatchError;
  }
  throw new Error('expected the patch to fail');
}

describe('JSON pointers', () => {
  it('parses and escapes tokens per RFC 6901', () => {
    expect(parseJsonPointer('')).toEqual([]);
    expect(parseJsonPointer('/')).toEqual(['']);
    expect(parseJsonPointer('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    expect(parseJsonPointer('/metadata/labels/app.kubernetes.io~1name')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(parseJsonPointer('a/b')).toBeUndefined();
    expect(parseJsonPointer('/a~2')).toBeUndefined();
    expect(parseJsonPointer('/a~')).toBeUndefined();
    expect(formatJsonPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
  });
});

describe('applyJsonPatch', () => {
  const doc = {
    metadata: { name: 'simple', labels: { env: 'dev', 'app.kubernetes.io/name': 'simple' } },
    spec: { paths: ['a', 'b'], paused: false, targets: [{ name: 't1' }] },
  };

  describe('add', () => {
    it('adds object members and replaces existing ones', () => {
      expect(applyJsonPatch({ a: 1 }, [{ op: 'add', path: '/b', value: 2 }])).toEqual({ a: 1, b: 2 });
      expect(applyJsonPatch({ a: 1 }, [{ op: 'add', path: '/a', value: [1] }])).toEqual({ a: [1] });
      expect(applyJsonPatch({ a: 1 }, [{ op: 'add', path: '/b', value: null }])).toEqual({ a: 1, b: null });
    });

    it('inserts into arrays and appends with -', () => {
      expect(applyJsonPatch(doc, [{ op: 'add', path: '/spec/paths/1', value: 'x' }])).toMatchObject({
        spec: { paths: ['a', 'x', 'b'] },
      });
      expect(applyJsonPatch(doc, [{ op: 'add', path: '/spec/paths/2', value: 'x' }])).toMatchObject({
        spec: { paths: ['a', 'b', 'x'] },
      });
      expect(applyJsonPatch(doc, [{ op: 'add', path: '/spec/paths/-', value: 'c' }])).toMatchObject({
        spec: { paths: ['a', 'b', 'c'] },
      });
    });

    it('replaces the whole document at the root', () => {
      expect(applyJsonPatch(doc, [{ op: 'add', path: '', value: { fresh: true } }])).toEqual({ fresh: true });
    });

    it('handles escaped keys', () => {
      const result = applyJsonPatch(doc, [{ op: 'add', path: '/metadata/labels/fleet.cattle.io~1repo', value: 'r' }]);
      expect(result).toMatchObject({ metadata: { labels: { 'fleet.cattle.io/repo': 'r' } } });
      expect(applyJsonPatch({}, [{ op: 'add', path: '/a~0b', value: 1 }])).toEqual({ 'a~b': 1 });
    });

    it('fails on missing parents and bad indices', () => {
      expect(patchError(doc, [{ op: 'add', path: '/status/phase', value: 'x' }]).message).toBe(
        'operation 0 (add "/status/phase"): /status does not exist',
      );
      expect(patchError(doc, [{ op: 'add', path: '/spec/paths/3', value: 'x' }]).message).toBe(
        'operation 0 (add "/spec/paths/3"): index 3 is out of bounds (array length 2)',
      );
      expect(patchError(doc, [{ op: 'add', path: '/spec/paths/01', value: 'x' }]).message).toContain('"01" is not a valid array index');
      expect(patchError(doc, [{ op: 'add', path: '/spec/paths/-1', value: 'x' }]).message).toContain('not a valid array index');
      expect(patchError(doc, [{ op: 'add', path: '/spec/paused/x', value: 1 }]).message).toContain('not an object or array');
    });
  });

  describe('remove', () => {
    it('removes members and array elements', () => {
      expect(applyJsonPatch(doc, [{ op: 'remove', path: '/metadata/labels/env' }])).toMatchObject({
        metadata: { labels: { 'app.kubernetes.io/name': 'simple' } },
      });
      expect((applyJsonPatch(doc, [{ op: 'remove', path: '/spec/paths/0' }]) as typeof doc).spec.paths).toEqual(['b']);
      expect(
        (applyJsonPatch(doc, [{ op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' }]) as typeof doc).metadata.labels,
      ).toEqual({ env: 'dev' });
    });

    it('fails when the target is missing', () => {
      const error = patchError(doc, [
        { op: 'test', path: '/spec/paused', value: false },
        { op: 'remove', path: '/spec/branch' },
      ]);
      expect(error.message).toBe('operation 1 (remove "/spec/branch"): /spec/branch does not exist');
      expect(error.operationIndex).toBe(1);
      expect(error.path).toBe('/spec/branch');
      expect(patchError(doc, [{ op: 'remove', path: '/spec/paths/2' }]).message).toContain('/spec/paths/2 does not exist');
      expect(patchError(doc, [{ op: 'remove', path: '/spec/paths/-' }]).message).toContain('does not exist');
      expect(patchError(doc, [{ op: 'remove', path: '' }]).message).toContain('the document root cannot be removed');
    });
  });

  describe('replace', () => {
    it('replaces existing values only', () => {
      expect(applyJsonPatch(doc, [{ op: 'replace', path: '/spec/paused', value: true }])).toMatchObject({ spec: { paused: true } });
      expect(applyJsonPatch(doc, [{ op: 'replace', path: '/spec/paths/1', value: 'z' }])).toMatchObject({
        spec: { paths: ['a', 'z'] },
      });
      expect(applyJsonPatch(doc, [{ op: 'replace', path: '', value: 3 }])).toBe(3);
      expect(patchError(doc, [{ op: 'replace', path: '/spec/branch', value: 'main' }]).message).toBe(
        'operation 0 (replace "/spec/branch"): /spec/branch does not exist',
      );
    });
  });

  describe('move and copy', () => {
    it('moves values', () => {
      expect(applyJsonPatch({ a: { b: 1 }, c: {} }, [{ op: 'move', from: '/a/b', path: '/c/d' }])).toEqual({ a: {}, c: { d: 1 } });
      expect(applyJsonPatch({ list: [1, 2, 3] }, [{ op: 'move', from: '/list/0', path: '/list/-' }])).toEqual({ list: [2, 3, 1] });
      expect(applyJsonPatch({ a: 1 }, [{ op: 'move', from: '/a', path: '/a' }])).toEqual({ a: 1 });
    });

    it('refuses to move a value into itself or from nowhere', () => {
      expect(patchError({ a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]).message).toBe(
        'operation 0 (move "/a/b/c"): cannot move /a into one of its own children',
      );
      expect(patchError({}, [{ op: 'move', from: '/x', path: '/y' }]).message).toContain('/x does not exist');
      expect(applyJsonPatch({ a: 1 }, [{ op: 'move', from: '/a', path: '/ab' }])).toEqual({ ab: 1 });
    });

    it('copies values deeply', () => {
      const result = applyJsonPatch({ a: { b: [1] } }, [
        { op: 'copy', from: '/a', path: '/c' },
        { op: 'add', path: '/c/b/-', value: 2 },
      ]);
      expect(result).toEqual({ a: { b: [1] }, c: { b: [1, 2] } });
      expect(patchError({}, [{ op: 'copy', from: '/x', path: '/y' }]).message).toContain('/x does not exist');
    });
  });

  describe('test', () => {
    it('compares structurally, ignoring key order', () => {
      expect(
        applyJsonPatch(doc, [{ op: 'test', path: '/metadata/labels', value: { 'app.kubernetes.io/name': 'simple', env: 'dev' } }]),
      ).toEqual(doc);
      expect(applyJsonPatch({ n: 1 }, [{ op: 'test', path: '/n', value: 1.0 }])).toEqual({ n: 1 });
      expect(applyJsonPatch({ v: null }, [{ op: 'test', path: '/v', value: null }])).toEqual({ v: null });
    });

    it('fails on mismatch with both values in the message', () => {
      expect(patchError(doc, [{ op: 'test', path: '/spec/paused', value: true }]).message).toBe(
        'operation 0 (test "/spec/paused"): test failed: value is false, expected true',
      );
      expect(patchError({ a: [1, 2] }, [{ op: 'test', path: '/a', value: [2, 1] }]).message).toContain('test failed');
      expect(patchError({ a: 1 }, [{ op: 'test', path: '/a', value: '1' }]).message).toContain('test failed');
      expect(patchError({}, [{ op: 'test', path: '/missing', value: null }]).message).toContain('/missing does not exist');
    });
  });

  it('applies operations in sequence and atomically', () => {
    const input = structuredClone(doc);
    const result = applyJsonPatch(input, [
      { op: 'add', path: '/spec/targets/-', value: { name: 't2' } },
      { op: 'replace', path: '/spec/targets/0/name', value: 'first' },
      { op: 'remove', path: '/spec/paths' },
    ]);
    expect(result).toMatchObject({ spec: { targets: [{ name: 'first' }, { name: 't2' }], paused: false } });
    expect(input).toEqual(doc);

    patchError(input, [
      { op: 'add', path: '/spec/new', value: 1 },
      { op: 'remove', path: '/nope' },
    ]);
    expect(input).toEqual(doc);
  });

  it('never shares values with the input or the patch', () => {
    const value = { nested: [1] };
    const input = { a: { b: 1 } };
    const result = applyJsonPatch(input, [{ op: 'add', path: '/v', value }]) as Record<string, any>;
    result.v.nested.push(2);
    result.a.b = 2;
    expect(value).toEqual({ nested: [1] });
    expect(input).toEqual({ a: { b: 1 } });
  });

  it('returns an unchanged copy for an empty patch', () => {
    const result = applyJsonPatch(doc, []);
    expect(result).toEqual(doc);
    expect(result).not.toBe(doc);
  });

  it('keeps "__proto__" as data', () => {
    const result = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as object;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__']);
  });
});

describe('patch document validation', () => {
  it.each([
    [{ op: 'add' }, 'a JSON patch must be an array of operations'],
    ['[]', 'a JSON patch must be an array of operations'],
    [[42], 'operation 0 is not an object'],
    [[{ path: '/a' }], 'operation 0 is missing "op"'],
    [[{ op: 'merge', path: '/a' }], 'operation 0 has unsupported op "merge" (expected one of add, remove, replace, move, copy, test)'],
    [[{ op: 'add', value: 1 }], 'operation 0 (add "?"): missing "path"'],
    [[{ op: 'add', path: 'a', value: 1 }], 'operation 0 (add "a"): "path" is not a valid JSON pointer'],
    [[{ op: 'add', path: '/a' }], 'operation 0 (add "/a"): missing "value"'],
    [[{ op: 'replace', path: '/a' }], 'operation 0 (replace "/a"): missing "value"'],
    [[{ op: 'test', path: '/a' }], 'operation 0 (test "/a"): missing "value"'],
    [[{ op: 'move', path: '/a' }], 'operation 0 (move "/a"): missing "from"'],
    [[{ op: 'copy', path: '/a', from: 'x' }], 'operation 0 (copy "/a"): "from" is not a valid JSON pointer'],
  ])('rejects %j', (operations, message) => {
    expect(patchError({ a: 1 }, operations).message).toBe(message);
  });

  it('records which operation was malformed', () => {
    const error = patchError({}, [{ op: 'add', path: '/a', value: 1 }, { op: 'add', path: '/b' }]);
    expect(error.operationIndex).toBe(1);
    expect(error.path).toBe('/b');
    expect(patchError({}, 'nope').operationIndex).toBeUndefined();
  });

  it('validates every operation before applying any', () => {
    const input = { a: 1 };
    expect(() =>
      applyJsonPatch(input, [
        { op: 'remove', path: '/a' },
        { op: 'bogus', path: '/a' },
      ]),
    ).toThrow('operation 1 has unsupported op "bogus"');
    expect(input).toEqual({ a: 1 });
  });

  it('returns typed operations', () => {
    expect(validateJsonPatch([{ op: 'move', from: '/a', path: '/b', extra: true }])).toEqual([{ op: 'move', from: '/a', path: '/b' }]);
    expect(validateJsonPatch([{ op: 'add', path: '/b', value: null }])).toEqual([{ op: 'add', path: '/b', value: null }]);
  });
});
