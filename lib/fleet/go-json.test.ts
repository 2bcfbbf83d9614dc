import { describe, expect, it } from 'vitest';
import { compareCodePoints, encodeGoJson, encodeGoJsonLine, field, goJsonString, type GoType } from './go-json';

describe('goJsonString', () => {
  it('escapes like Go json.Encoder with HTML escaping', () => {
    expect(goJsonString('a<b>&c')).toBe('"a\\u003cb\\u003e\\u0026c"');
    expect(goJsonString('line\u2028sep\u2029')).toBe('"line\\u2028sep\\u2029"');
    expect(goJsonString('tab\tnl\ncr\r"q"\\')).toBe('"tab\\tnl\\ncr\\r\\"q\\"\\\\"');
    expect(goJsonString('\b\f\u0001')).toBe('"\\b\\f\\u0001"');
    expect(goJsonString('☃')).toBe('"☃"');
  });

  it('replaces lone surrogates with U+FFFD', () => {
    expect(goJsonString('a\ud800b')).toBe('"a\ufffdb"');
    expect(goJsonString('\udc00')).toBe('"\ufffd"');
    expect(goJsonString('𝄞')).toBe('"𝄞"');
  });
});

describe('encodeGoJson', () => {
  const struct: GoType = {
    struct: [
      field('name', 'string'),
      field('count', 'int'),
      field('on', 'bool'),
      field('required', 'string', false),
      field('ptr', { ptr: { struct: [field('x', 'string')] } }),
      field('list', { slice: 'string' }),
      field('labels', { map: 'string' }),
      field('nested', { struct: [field('y', 'int')] }),
      field('free', 'any'),
    ],
  };

  it('writes fields in declaration order and drops unknown fields', () => {
    expect(encodeGoJson(struct, { free: 1, unknown: 'x', name: 'n', count: 2, on: true })).toBe(
      '{"name":"n","count":2,"on":true,"required":"","nested":{},"free":1}',
    );
  });

  it('applies omitempty like Go', () => {
    expect(encodeGoJson(struct, { name: '', count: 0, on: false, list: [], labels: {} })).toBe('{"required":"","nested":{}}');
    // A non-nil pointer to an empty struct survives omitempty.
    expect(encodeGoJson(struct, { ptr: {} })).toBe('{"required":"","ptr":{},"nested":{}}');
  });

  it('sorts map and interface{} keys', () => {
    expect(encodeGoJson({ map: 'string' }, { b: '1', a: '2', B: '3' })).toBe('{"B":"3","a":"2","b":"1"}');
    expect(encodeGoJson('any', { z: [1, { b: true, a: null }], a: 1.5 })).toBe('{"a":1.5,"z":[1,{"a":null,"b":true}]}');
  });

  it('encodes nil slices and maps as null without omitempty', () => {
    const t: GoType = { struct: [field('s', { slice: 'int' }, false), field('m', { map: 'int' }, false)] };
    expect(encodeGoJson(t, {})).toBe('{"s":null,"m":null}');
  });

  it('formats numbers like Go float64', () => {
    expect(encodeGoJson('any', [1e21, 1e-7, 0.000001, 123456789012, -0.5])).toBe('[1e+21,1e-7,0.000001,123456789012,-0.5]');
  });

  it('appends a newline like json.Encoder.Encode', () => {
    expect(encodeGoJsonLine('any', { a: 1 })).toBe('{"a":1}\n');
  });
});

describe('compareCodePoints', () => {
  it('orders by code point (UTF-8 byte order)', () => {
    expect(['b', 'B', 'a', '\uffff', '𝄞'].sort(compareCodePoints)).toEqual(['B', 'a', 'b', '\uffff', '𝄞']);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'a')).toBe(0);
  });
});
