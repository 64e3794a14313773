import { describe, expect, it } from 'vitest';
import { countInRangeBody } from './range-body.js';

const SUFFIX = '1E4C9B93F3F0682250B6CF8331B7EE68FD8';

describe('countInRangeBody', () => {
  it('finds the count of the suffix, whatever the case and line endings', () => {
    expect(countInRangeBody(`0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n${SUFFIX.toLowerCase()}:3730\r\n`, SUFFIX)).toBe(3730);
  });

  it('answers 0 when the suffix is absent, or only a padding line (count 0)', () => {
    expect(countInRangeBody('0018A45C4D1DEF81644B54AB7F969B88D65:1', SUFFIX)).toBe(0);
    expect(countInRangeBody(`${SUFFIX}:0\n0018A45C4D1DEF81644B54AB7F969B88D65:0`, SUFFIX)).toBe(0);
    expect(countInRangeBody('', SUFFIX)).toBe(0);
  });

  it('answers null for a body that is not a range answer', () => {
    expect(countInRangeBody('<html><body>Bad gateway</body></html>', SUFFIX)).toBeNull();
    expect(countInRangeBody(`${SUFFIX}:12\n0018A45C4D1DEF81644B5`, SUFFIX)).toBeNull();
    expect(countInRangeBody(`${SUFFIX}:-1`, SUFFIX)).toBeNull();
  });
});
