#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { ALL_CHECKS } from './all-checks.js';
import { readVerifyCommandLine, USAGE } from './config/verify-options.js';
import { formatJunit } from './report/junit.js';
import { formatTable } from './report/table.js';
import { runVerification } from './run-verification.js';

async function main(): Promise<number> {
  const commandLine = readVerifyCommandLine();
  if (commandLine.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (commandLine.kind === 'usage-error') {
    process.stderr.write(`${commandLine.problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const { junitFile, ...options } = commandLine.options;
  const report = await runVerification({ ...options, checks: ALL_CHECKS });
  if (!report.identified) {
    process.stderr.write(`not a password-reset service: ${report.reason}\n`);
    return 2;
  }
  process.stdout.write(`${formatTable(report.results)}\n`);
  if (junitFile) await writeFile(junitFile, formatJunit(report.results));
  return report.results.some((result) => result.outcome.status === 'fail') ? 1 : 0;
}

process.exitCode = await main();
