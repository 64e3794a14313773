import { describe, expect, it } from 'vitest';
import { JsvSyntaxError } from './jsv-syntax-error.js';
import { parseJsv, parseJsvObject } from './parse-jsv.js';

describe('parseJsv', () => {
  it("reads the examples from ServiceStack's JSV format page as untyped text", () => {
    expect(parseJsv('[1,2,3,4,5]')).toEqual(['1', '2', '3', '4', '5']);
    expect(parseJsv('{A:1,B:2,C:3,D:4}')).toEqual({ A: '1', B: '2', C: '3', D: '4' });
    expect(parseJsv('{Foo:Bar,Greet:Hello World!}')).toEqual({ Foo: 'Bar', Greet: 'Hello World!' });
    expect(parseJsv('{Name:"Me, Junior"}')).toEqual({ Name: 'Me, Junior' });
    expect(parseJsv('{Size:"2"" x 1"""}')).toEqual({ Size: '2" x 1"' });
  });

  it('reads a comma inside a quoted value as part of the value', () => {
    expect(parseJsv('{Id:1,Name:"Hello, World"}')).toEqual({ Id: '1', Name: 'Hello, World' });
  });

  it('reads quoted strings holding every special character', () => {
    expect(parseJsv('"a""b:c,d{e}f[g]h\ni\rj k"')).toBe('a"b:c,d{e}f[g]h\ni\rj k');
    expect(parseJsv('{"{k:1}":"[,]"}')).toEqual({ '{k:1}': '[,]' });
  });

  it('reads "" as the empty string and an empty bare value as null', () => {
    expect(parseJsv('""')).toBe('');
    expect(parseJsv('')).toBeNull();
    expect(parseJsv('[a,,""]')).toEqual(['a', null, '']);
    expect(parseJsv('[a,]')).toEqual(['a', null]);
    expect(parseJsv('[,]')).toEqual([null, null]);
    expect(parseJsv('{A:,B:""}')).toEqual({ A: null, B: '' });
  });

  it('reads empty and nested objects and lists', () => {
    expect(parseJsv('{}')).toEqual({});
    expect(parseJsv('[]')).toEqual([]);
    expect(parseJsv('{A:{B:[1,{C:[]}],D:{}},E:[[x],[]]}')).toEqual({
      A: { B: ['1', { C: [] }], D: {} },
      E: [['x'], []],
    });
  });

  it('keeps colons, quotes and opening brackets inside a bare value', () => {
    expect(parseJsv('{Url:http://example.com/a?b=c,Say:he said "hi",Math:f{x}')).toEqual({
      Url: 'http://example.com/a?b=c',
      Say: 'he said "hi"',
      Math: 'f{x',
    });
  });

  it('keeps white space in values but trims it around keys, as ServiceStack does', () => {
    expect(parseJsv('{ A: 1 ,\n  B :two words\n}')).toEqual({ A: ' 1 ', B: 'two words\n' });
    expect(parseJsv('[ a , b ]')).toEqual([' a ', ' b ']);
    expect(parseJsv('{ }')).toEqual({});
    expect(parseJsv('  bare  ')).toBe('  bare  ');
  });

  it('skips white space around a whole object, list or quoted document', () => {
    expect(parseJsv('\r\n {A:1}\n')).toEqual({ A: '1' });
    expect(parseJsv(' [a] ')).toEqual(['a']);
    expect(parseJsv(' "q" ')).toBe('q');
  });

  it('keeps the last value of a repeated key', () => {
    expect(parseJsv('{A:1,A:2}')).toEqual({ A: '2' });
  });

  it('reads a __proto__ key as data without touching the prototype', () => {
    const value = parseJsv('{__proto__:{polluted:yes}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parseJsv on malformed text', () => {
  const malformed: [string, string, number][] = [
    ['an unterminated quote', '{A:"abc}', 3],
    ['an unterminated quoted key', '{"A:1}', 1],
    ['a missing colon', '{A,B:1}', 2],
    ['a key with no colon before the end', '{A}', 2],
    ['trailing garbage after an object', '{A:1}x', 5],
    ['trailing garbage after a quoted string', '"a"b', 3],
    ['a quoted value followed by text', '{A:"a"b}', 6],
    ['an unclosed object', '{A:1', 4],
    ['an unclosed list', '[a,b', 4],
    ['an extra closing brace', '{A:1}}', 5],
    ['a mismatched closer', '{A:[1}', 5],
    ['a list closed by a brace', '[a}', 2],
    ['a trailing comma in an object', '{A:1,}', 5],
    ['a missing key', '{:1}', 1],
    ['an object as a key', '{{A:1}:2}', 1],
    ['white space before a nested object', '{A: {B:1}}', 9],
    ['a bare top-level value with a comma', 'a,b', 1],
  ];

  it.each(malformed)('throws JsvSyntaxError with a position for %s', (_name, text, position) => {
    const error = catchError(() => parseJsv(text));
    expect(error).toBeInstanceOf(JsvSyntaxError);
    expect(error).toBeInstanceOf(SyntaxError);
    expect((error as JsvSyntaxError).position).toBe(position);
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    expect(() => parseJsv('['.repeat(100_000))).toThrow(/Nesting deeper than 64 levels/);
    expect(parseJsv('[[[x]]]', { maxDepth: 3 })).toEqual([[['x']]]);
    expect(() => parseJsv('[[[[x]]]]', { maxDepth: 3 })).toThrow(JsvSyntaxError);
  });

  it('takes linear time on a long key full of spaces', () => {
    const started = performance.now();
    expect(() => parseJsv(`{a${' '.repeat(200_000)}b}`)).toThrow(JsvSyntaxError);
    expect(parseJsv(`{a${' '.repeat(200_000)}b:1}`)).toEqual({ [`a${' '.repeat(200_000)}b`]: '1' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('never quotes more than one character of the input in its message', () => {
    const secret = 'hunter2-correct-horse-battery';
    for (const text of [`{Password:"${secret}`, `{Password:"${secret}"x}`, `{${secret}}`, `[${secret}}`]) {
      const error = catchError(() => parseJsv(text)) as Error;
      expect(error.message).not.toContain('hunter');
      expect(error.message.length).toBeLessThan(80);
    }
  });
});

describe('parseJsvObject', () => {
  it('returns the object of a request body', () => {
    expect(parseJsvObject('{EmailAddress:a@b.c}\n')).toEqual({ EmailAddress: 'a@b.c' });
  });

  it('rejects a body that is not an object', () => {
    for (const text of ['[a]', 'a', '""', '', '  [a]']) {
      expect(() => parseJsvObject(text)).toThrow(JsvSyntaxError);
    }
    expect((catchError(() => parseJsvObject('  [a]')) as JsvSyntaxError).position).toBe(2);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
