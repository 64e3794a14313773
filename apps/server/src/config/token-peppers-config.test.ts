import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_TOKEN_PEPPER } from './config-schema.js';
import { loadConfig } from './load-config.js';

const SECRET_ONE = 'one-secret-of-at-least-32-characters-0001';
const SECRET_TWO = 'two-secret-of-at-least-32-characters-0002';

function problemsOf(environment: Record<string, string>): string[] {
  const result = loadConfig(environment);
  return result.ok ? [] : result.problems;
}

describe('TOKEN_PEPPERS', () => {
  it('builds a key ring whose first key is current and which holds every key', () => {
    const result = loadConfig({ TOKEN_PEPPERS: `k2:${SECRET_TWO}, k1:${SECRET_ONE}` });
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config.keyRing.current).toEqual({ id: 'k2', secret: SECRET_TWO });
    expect(result.config.keyRing.keys.map((key) => key.id)).toEqual(['k2', 'k1']);
    expect(result.config.usesDevelopmentPepper).toBe(false);
  });

  it('takes TOKEN_PEPPER alone as the one key `pepper`, and no pepper as the development one', () => {
    const alone = loadConfig({ TOKEN_PEPPER: SECRET_ONE });
    const none = loadConfig({});
    if (!alone.ok || !none.ok) throw new Error('expected both to load');
    expect(alone.config.keyRing.keys).toEqual([{ id: 'pepper', secret: SECRET_ONE }]);
    expect(none.config.keyRing.keys).toEqual([{ id: 'pepper', secret: DEVELOPMENT_TOKEN_PEPPER }]);
  });

  it('refuses malformed entries, ids and short secrets, naming the key and never its secret', () => {
    const problems = problemsOf({ TOKEN_PEPPERS: `k1:short,Bad-Id:${SECRET_ONE},nocolon,k1:${SECRET_TWO}` });
    expect(problems).toEqual([
      'TOKEN_PEPPERS key k1: the secret must be at least 32 characters',
      'TOKEN_PEPPERS key 2: the key id must be 1-8 of a-z, 0-9 (got "Bad-Id")',
      'TOKEN_PEPPERS key 3 must be <key id>:<secret>',
      'TOKEN_PEPPERS key id k1 is listed twice',
    ]);
    expect(problems.join('\n')).not.toContain(SECRET_ONE);
    expect(problems.join('\n')).not.toContain('short');
  });

  it('refuses a key id longer than 8 characters', () => {
    expect(problemsOf({ TOKEN_PEPPERS: `abcdefghi:${SECRET_ONE}` })).toEqual([
      'TOKEN_PEPPERS key 1: the key id must be 1-8 of a-z, 0-9 (got "abcdefghi")',
    ]);
  });

  it('refuses TOKEN_PEPPER and TOKEN_PEPPERS together', () => {
    expect(problemsOf({ TOKEN_PEPPER: SECRET_ONE, TOKEN_PEPPERS: `k2:${SECRET_TWO}` })).toEqual([
      'TOKEN_PEPPER and TOKEN_PEPPERS are both set: set one (TOKEN_PEPPER is the key `pepper` of TOKEN_PEPPERS)',
    ]);
  });

  it('satisfies production with either variable, and with neither names both', () => {
    const production = { NODE_ENV: 'production', SENDGRID_API_KEY: 'SG.x', PUBLIC_BASE_URL: 'https://r.example.com' };
    expect(problemsOf({ ...production, TOKEN_PEPPERS: `k1:${SECRET_ONE}` })).toEqual([]);
    expect(problemsOf({ ...production, TOKEN_PEPPER: SECRET_ONE })).toEqual([]);
    expect(problemsOf(production)).toEqual(['TOKEN_PEPPER is required when NODE_ENV=production (or TOKEN_PEPPERS, for several keys)']);
  });
});
