import type { CheckResult } from '../run-verification.js';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** JUnit XML, one test suite per contract, so CI systems show each check as a test. */
export function formatJunit(results: readonly CheckResult[]): string {
  const contracts = [...new Set(results.map((result) => result.check.contract))];
  const suites = contracts.map((contract) => {
    const own = results.filter((result) => result.check.contract === contract);
    const failures = own.filter((result) => result.outcome.status === 'fail').length;
    const skipped = own.filter((result) => result.outcome.status === 'skip').length;
    const seconds = own.reduce((sum, result) => sum + result.durationMs, 0) / 1000;
    const cases = own.map(({ check, outcome, durationMs }) => {
      const open = `    <testcase classname="pwreset.${escapeXml(contract)}" name="${escapeXml(check.id)}: ${escapeXml(check.title)}" time="${(durationMs / 1000).toFixed(3)}"`;
      if (outcome.status === 'pass') return `${open}/>`;
      const inner =
        outcome.status === 'fail'
          ? `<failure message="${escapeXml(outcome.reason)}"/>`
          : `<skipped message="${escapeXml(outcome.reason)}"/>`;
      return `${open}>${inner}</testcase>`;
    });
    return `  <testsuite name="pwreset ${escapeXml(contract)}" tests="${own.length}" failures="${failures}" skipped="${skipped}" time="${seconds.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pwreset contract verification">\n${suites.join('\n')}\n</testsuites>\n`;
}
