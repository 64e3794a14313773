import { describe, expect, it } from 'vitest';
import { stringifyJsv } from './stringify-jsv.js';

describe('stringifyJsv', () => {
  it('writes objects and lists without white space', () => {
    expect(stringifyJsv({ A: 1, B: [1, 2], C: { D: 'x' } })).toBe('{A:1,B:[1,2],C:{D:x}}');
    expect(stringifyJsv({})).toBe('{}');
    expect(stringifyJsv([])).toBe('[]');
  });

  it('writes booleans as .NET does', () => {
    expect(stringifyJsv([true, false])).toBe('[True,False]');
  });

  it('writes numbers in invariant culture, integers never in exponent form', () => {
    expect(stringifyJsv([0, -0, 42, -7, 1.5, -0.25])).toBe('[0,0,42,-7,1.5,-0.25]');
    expect(stringifyJsv(1e21)).toBe('1000000000000000000000');
    expect(stringifyJsv(Number.MAX_SAFE_INTEGER + 2)).toBe('9007199254740992');
    expect(stringifyJsv(1.5e-7)).toBe('1.5e-7');
  });

  it('refuses NaN and Infinity', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => stringifyJsv({ A: value })).toThrow(RangeError);
    }
  });

  it('omits null properties and writes null list items as empty items', () => {
    expect(stringifyJsv({ A: null, B: 'b', C: null })).toBe('{B:b}');
    expect(stringifyJsv(['a', null, 'b', null])).toBe('[a,,b,]');
    expect(stringifyJsv(null)).toBe('');
  });

  it('writes strings bare unless ServiceStack would quote them', () => {
    expect(stringifyJsv('Hello World!')).toBe('Hello World!');
    expect(stringifyJsv(" 'x' is fine. ")).toBe(" 'x' is fine. ");
    for (const special of ['"', ':', ',', '{', '}', '[', ']', '\n', '\r']) {
      expect(stringifyJsv(`a${special}b`)).toBe(`"a${special === '"' ? '""' : special}b"`);
    }
  });

  it('quotes the empty string and doubles inner quotes', () => {
    expect(stringifyJsv('')).toBe('""');
    expect(stringifyJsv({ Size: '2" x 1"' })).toBe('{Size:"2"" x 1"""}');
    expect(stringifyJsv({ Name: 'Me, Junior' })).toBe('{Name:"Me, Junior"}');
  });

  it('escapes keys like strings and also quotes keys with edge white space', () => {
    expect(stringifyJsv({ 'a:b': 1, '': 2, ' c': 3, 'd\t': 4, 'e f': 5 })).toBe('{"a:b":1,"":2," c":3,"d\t":4,e f:5}');
  });

  it('writes a __proto__ own property like any other key', () => {
    const value = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    expect(stringifyJsv(value)).toBe('{__proto__:x}');
  });

  it('refuses values that are not JSV values', () => {
    expect(() => stringifyJsv(new Date(0) as never)).toThrow(/Date/);
    expect(() => stringifyJsv((() => 1) as never)).toThrow(TypeError);
    expect(() => stringifyJsv(1n as never)).toThrow(TypeError);
  });
});
