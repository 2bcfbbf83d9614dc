import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge-patch';

describe('applyMergePatch', () => {
  // The examples from RFC 7386 appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('RFC example %#', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('patches a Fleet GitRepo spec', () => {
    const gitRepo = {
      metadata: { name: 'simple', labels: { env: 'dev', team: 'a' } },
      spec: { repo: 'https://example.com/repo', branch: 'main', paths: ['a', 'b'], paused: false },
    };
    const patched = applyMergePatch(gitRepo, {
      metadata: { labels: { team: null, tier: 'web' } },
      spec: { paused: true, paths: ['c'], branch: null },
    });
    expect(patched).toEqual({
      metadata: { name: 'simple', labels: { env: 'dev', tier: 'web' } },
      spec: { repo: 'https://example.com/repo', paths: ['c'], paused: true },
    });
  });

  it('treats an undefined target as empty', () => {
    expect(applyMergePatch(undefined, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
  });

  it('keeps nulls inside arrays', () => {
    expect(applyMergePatch({}, { a: [null, { b: null }] })).toEqual({ a: [null, { b: null }] });
  });

  it('never mutates its inputs or aliases them in the result', () => {
    const target = { a: { b: 1 }, keep: { deep: [1] } };
    const patch = { a: { c: { d: 2 } }, list: [{ x: 1 }] };
    const targetCopy = structuredClone(target);
    const patchCopy = structuredClone(patch);
    const result = applyMergePatch(target, patch) as Record<string, any>;
    expect(target).toEqual(targetCopy);
    expect(patch).toEqual(patchCopy);
    result.keep.deep.push(2);
    result.a.c.d = 99;
    result.list[0].x = 5;
    expect(target).toEqual(targetCopy);
    expect(patch).toEqual(patchCopy);
  });

  it('handles a "__proto__" key as ordinary data', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const result = applyMergePatch({}, patch) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
