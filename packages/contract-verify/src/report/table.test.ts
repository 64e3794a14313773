import { describe, expect, it } from 'vitest';
import type { Check } from '../check.js';
import type { CheckResult } from '../run-verification.js';
import { formatJunit } from './junit.js';
import { formatTable } from './table.js';

const check = (id: string): Check => ({
  contract: 'trpc',
  id,
  title: `the <${id}> check`,
  mutates: false,
  run: async () => ({ status: 'pass' }),
});
const results: CheckResult[] = [
  { check: check('a.pass'), outcome: { status: 'pass' }, durationMs: 12 },
  { check: check('b.fail'), outcome: { status: 'fail', reason: 'status: expected 400, got 500 & "more"' }, durationMs: 7 },
  { check: check('c.skip'), outcome: { status: 'skip', reason: 'needs --email' }, durationMs: 0 },
];

describe('the reports', () => {
  it('the table names each check, its result and why it failed', () => {
    const table = formatTable(results);
    expect(table).toMatch(/a\.pass\s+PASS/);
    expect(table).toMatch(/b\.fail\s+FAIL/);
    expect(table).toContain('↳ status: expected 400, got 500');
    expect(table).toContain('1 passed, 1 failed, 1 skipped');
  });

  it('JUnit XML escapes text and counts failures and skips', () => {
    const xml = formatJunit(results);
    expect(xml).toContain('tests="3" failures="1" skipped="1"');
    expect(xml).toContain('name="b.fail: the &lt;b.fail&gt; check"');
    expect(xml).toContain('<failure message="status: expected 400, got 500 &amp; &quot;more&quot;"/>');
    expect(xml).toContain('<skipped message="needs --email"/>');
  });
});
