import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { CommonPasswordList } from '@pwreset/contract';

/** A common-password list that also tells how many passwords it holds. */
export interface SizedCommonPasswordList extends CommonPasswordList {
  /** The number of distinct passwords on the list. */
  readonly size: number;
}

// `data/` sits beside both `src/` and `dist/`, so the same relative URL works from either.
const LIST_FILE = new URL('../data/common-passwords.txt.gz', import.meta.url);

let loadedList: SizedCommonPasswordList | undefined;

/**
 * Returns the list of over 100,000 commonly used passwords (NIST SP 800-63B §5.1.1.2), normalised
 * with NFKC and lower-cased. The first call reads and unpacks the file synchronously (about a
 * tenth of a second); every later call in the process returns the same instance.
 */
export function loadCommonPasswordList(): SizedCommonPasswordList {
  loadedList ??= readCommonPasswordList();
  return loadedList;
}

function readCommonPasswordList(): SizedCommonPasswordList {
  const lines = gunzipSync(readFileSync(LIST_FILE)).toString('utf8').split('\n');
  // A Set keeps each look-up O(1) however long the list grows.
  const passwords = new Set(lines.filter((line) => line.length > 0));
  return Object.freeze({
    size: passwords.size,
    has: (normalizedLowerCasePassword: string) => passwords.has(normalizedLowerCasePassword),
  });
}
