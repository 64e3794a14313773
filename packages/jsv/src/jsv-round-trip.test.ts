import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsvNumber } from './bind-jsv-scalar.js';
import { JsvSyntaxError } from './jsv-syntax-error.js';
import type { JsvValue } from './jsv-value.js';
import { parseJsv, parseJsvObject } from './parse-jsv.js';
import { stringifyJsv } from './stringify-jsv.js';

const runs = { numRuns: 300 };

// Strings dense in what JSV must escape or delimit on, including the empty string.
const specialText = fc.string({ unit: fc.constantFrom('"', ':', ',', '{', '}', '[', ']', '\n', '\r', ' ', '\t', 'a', 'Z') });
const text = fc.oneof(fc.string({ unit: 'grapheme' }), specialText);
const finiteNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));

const { value: jsvValue } = fc.letrec<{ value: JsvValue; list: JsvValue[]; object: Record<string, JsvValue> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    finiteNumber,
    fc.boolean(),
    fc.constant(null),
    tie('list'),
    tie('object'),
  ),
  list: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 5 }),
}));
const jsvObject = fc.dictionary(text, jsvValue, { maxKeys: 5 });

/** What a value reads back as: JSV is untyped text, and nulls mostly vanish. */
function expectedAfterRoundTrip(value: JsvValue): JsvValue {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (value === null || typeof value === 'string') return value;
  // `[null]` is written `[]`: an empty item and an empty list look alike, as in ServiceStack.
  if (Array.isArray(value)) return value.length === 1 && value[0] === null ? [] : value.map(expectedAfterRoundTrip);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, expectedAfterRoundTrip(item)]),
  );
}

describe('JSV round trip', () => {
  it('reads back what it wrote, as untyped text with null properties gone', () => {
    fc.assert(
      fc.property(jsvValue, (value) => {
        expect(parseJsv(stringifyJsv(value))).toEqual(expectedAfterRoundTrip(value));
      }),
      runs,
    );
  });

  it('reads back any object it wrote through parseJsvObject', () => {
    fc.assert(
      fc.property(jsvObject, (value) => {
        expect(parseJsvObject(stringifyJsv(value))).toEqual(expectedAfterRoundTrip(value));
      }),
      runs,
    );
  });

  it('reads back strings built from special characters exactly, at any depth', () => {
    fc.assert(
      fc.property(specialText, specialText, (key, item) => {
        expect(parseJsv(stringifyJsv({ [key]: [item, { [item]: key }] }))).toEqual({ [key]: [item, { [item]: key }] });
      }),
      runs,
    );
  });

  it('binds every finite number it wrote back to the same number', () => {
    fc.assert(
      fc.property(finiteNumber, (value) => {
        expect(jsvNumber(stringifyJsv(value))).toBe(value === 0 ? 0 : value);
      }),
      runs,
    );
  });

  it('never throws while writing a valid value', () => {
    fc.assert(
      fc.property(jsvValue, (value) => {
        stringifyJsv(value);
      }),
      runs,
    );
  });

  it('throws nothing but JsvSyntaxError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), specialText), (input) => {
        try {
          parseJsv(input);
        } catch (error) {
          if (!(error instanceof JsvSyntaxError)) throw error;
          expect(error.position).toBeGreaterThanOrEqual(0);
          expect(error.position).toBeLessThanOrEqual(input.length);
        }
      }),
      runs,
    );
  });
});
