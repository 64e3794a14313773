#!/usr/bin/env node
// Sums up the vitest JSON reports written by scripts/test.sh into one final line:
//
//   N passed, N failed[, N skipped]
//
// Usage: node scripts/summarize-tests.mjs REPORT_DIR [SLUG=EXIT_CODE ...]
//
// REPORT_DIR holds one `<slug>.json` per package (vitest's json reporter). Each SLUG=EXIT_CODE
// says how that package's vitest process exited; with them, a package whose vitest crashed
// before writing its report, or exited non-zero although every test passed (unhandled errors),
// still counts as a failure. Without them, every *.json in REPORT_DIR is read.
//
// Details go to stderr; stdout gets only the final line, so it is the last thing printed.
// Exits 1 when anything failed or when no test ran at all (a silently empty run is a failure).

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const [reportDir, ...packageArgs] = process.argv.slice(2);
if (!reportDir) {
  console.error('usage: summarize-tests.mjs REPORT_DIR [SLUG=EXIT_CODE ...]');
  process.exit(2);
}

/** @type {Map<string, number | undefined>} slug -> vitest exit code (undefined: not known) */
const packages = new Map();
for (const arg of packageArgs) {
  const match = /^(.+)=(\d+)$/.exec(arg);
  if (!match) {
    console.error(`summarize-tests: bad argument ${JSON.stringify(arg)} (want SLUG=EXIT_CODE)`);
    process.exit(2);
  }
  packages.set(match[1], Number(match[2]));
}
if (packages.size === 0 && existsSync(reportDir)) {
  for (const file of readdirSync(reportDir).sort()) {
    if (file.endsWith('.json')) packages.set(file.slice(0, -'.json'.length), undefined);
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

for (const [slug, exitCode] of packages) {
  const file = join(reportDir, `${slug}.json`);
  const counts = { passed: 0, failed: 0, skipped: 0 };

  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    // No usable report: vitest died before the end (bad config, crash). One failure, so the
    // line never reads "0 failed" for a run that broke.
    counts.failed += 1;
    problems.push(`${slug}: no test report (${error.code ?? error.message}); vitest exit ${exitCode ?? '?'}`);
  }

  if (report) {
    counts.passed += report.numPassedTests ?? 0;
    counts.failed += report.numFailedTests ?? 0;
    // vitest 4 counts it.skip in numPendingTests and it.todo apart in numTodoTests.
    counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

    // A test file that failed without any failed test in it: it did not load (import or
    // syntax error, throw at top level) or a beforeAll/afterAll hook threw. Its tests were
    // never run, so count the file itself as one failure.
    for (const file of report.testResults ?? []) {
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
      if (file.status === 'failed' && failedTests.length === 0) {
        counts.failed += 1;
        const where = relative(process.cwd(), file.name ?? '?');
        const why = (file.message ?? '').split('\n')[0] || 'suite failed (hook error?)';
        problems.push(`${slug}: ${where} failed to run: ${why}`);
      }
    }

    // vitest exits 1 with every test green when there were unhandled errors, and also when
    // it found no test files at all. Count that as a failure too.
    if (exitCode !== undefined && exitCode !== 0 && counts.failed === 0) {
      counts.failed += 1;
      const why =
        (report.numTotalTests ?? 0) === 0 && (report.testResults ?? []).length === 0
          ? 'no test files found'
          : 'unhandled errors, see the output above';
      problems.push(`${slug}: vitest exited ${exitCode} with no failed test (${why})`);
    }
  }

  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  const status = exitCode === undefined ? '' : ` (vitest exit ${exitCode})`;
  console.error(`[pwreset]   ${slug}: ${formatCounts(counts)}${status}`);
}

for (const problem of problems) console.error(`[pwreset] FAILED: ${problem}`);
if (total.passed + total.failed === 0) {
  console.error('[pwreset] FAILED: no test ran at all');
}

console.log(formatCounts(total));

const anyPackageFailed = [...packages.values()].some((code) => code !== undefined && code !== 0);
process.exitCode = total.failed > 0 || anyPackageFailed || total.passed + total.failed === 0 ? 1 : 0;

function formatCounts({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
}
