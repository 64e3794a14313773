import fc from 'fast-check';

/** A well-formed ASCII address of exactly `length` characters (at least 14). */
export function addressOfLength(length: number, domain = 'example.com'): string {
  return `${'a'.repeat(length - domain.length - 1)}@${domain}`;
}

/** 32 characters as sent, 372 once NFKC has expanded each U+FDFA (one character) into 18. */
export const NFKC_LENGTHENED_ADDRESS = `${'\uFDFA'.repeat(20)}@example.com`;

/** The boundaries of the longest address an account can have (254), each route is tested at. */
export const BOUNDARY_ADDRESSES = {
  'of 254 characters': addressOfLength(254),
  'of 255 characters': addressOfLength(255),
  'of 1,000 characters': addressOfLength(1000),
  'that NFKC lengthens from 32 to 372 characters': NFKC_LENGTHENED_ADDRESS,
} as const;

/** Characters that NFKC (or lower-casing) turns into several: ﷺ (18), ﷻ (8), ㍻ (2), ﬃ (3), İ (2 when lower-cased). */
const LENGTHENING_CHARACTERS = ['\uFDFA', '\uFDFB', '\u337B', '\uFB03', '\u0130'] as const;

/**
 * Addresses that are long, or that normalisation makes long: always some of these in a property
 * test's input, so that a limit the route and the engine disagree on cannot hide behind a seed.
 */
export const longOrLengthenedAddress: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...Object.values(BOUNDARY_ADDRESSES)),
  fc.integer({ min: 250, max: 4000 }).map((length) => addressOfLength(length)),
  fc
    .tuple(
      fc.array(fc.constantFrom(...LENGTHENING_CHARACTERS, 'a', '.'), { minLength: 14, maxLength: 200 }),
      fc.constantFrom('example.com', 'x.example'),
    )
    .map(([local, domain]) => `${local.join('')}@${domain}`),
);
