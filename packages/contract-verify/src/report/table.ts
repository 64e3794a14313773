import type { CheckResult } from '../run-verification.js';

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'skip' } as const;

/** A plain-text table a person reads in a CI log: one line per check, reasons below failures. */
export function formatTable(results: readonly CheckResult[]): string {
  const idWidth = Math.max(5, ...results.map((result) => result.check.id.length));
  const lines = [`${'check'.padEnd(idWidth)}  result  ms    title`];
  for (const { check, outcome, durationMs } of results) {
    lines.push(
      `${check.id.padEnd(idWidth)}  ${MARK[outcome.status].padEnd(6)}  ${String(Math.round(durationMs)).padStart(4)}  ${check.title}`,
    );
    if (outcome.status !== 'pass') lines.push(`${' '.repeat(idWidth)}          ↳ ${outcome.reason}`);
  }
  const count = (status: 'pass' | 'fail' | 'skip') => results.filter((result) => result.outcome.status === status).length;
  lines.push('', `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return lines.join('\n');
}
