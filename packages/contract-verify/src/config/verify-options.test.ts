import { describe, expect, it } from 'vitest';
import { parseVerifyCommandLine } from './verify-options.js';

const BASE = ['--base-url', 'https://reset.example.com', '--client-id', 'cl_1'];

describe('parseVerifyCommandLine', () => {
  it('takes the secrets from the environment when the command line has none', () => {
    const parsed = parseVerifyCommandLine(BASE, { PWRESET_CLIENT_SECRET: 'pwcs_env', PWRESET_API_KEY: 'pwak_env' });
    expect(parsed).toEqual({
      kind: 'run',
      options: { baseUrl: 'https://reset.example.com', clientId: 'cl_1', clientSecret: 'pwcs_env', apiKey: 'pwak_env' },
    });
  });

  it('lets an option on the command line win over the environment', () => {
    const parsed = parseVerifyCommandLine([...BASE, '--client-secret', 'pwcs_flag'], { PWRESET_CLIENT_SECRET: 'pwcs_env' });
    expect(parsed).toMatchObject({ kind: 'run', options: { clientSecret: 'pwcs_flag' } });
  });

  it('treats an empty variable as unset, and lists every problem at once', () => {
    const parsed = parseVerifyCommandLine(['--base-url', 'ftp://x', '--only', 'soap'], { PWRESET_CLIENT_SECRET: '' });
    expect(parsed.kind).toBe('usage-error');
    const problems = parsed.kind === 'usage-error' ? parsed.problems.join('\n') : '';
    for (const option of ['--base-url', '--client-id', '--client-secret', '--only']) expect(problems).toContain(option);
  });

  it('answers help for --help and -h, whatever else is given', () => {
    expect(parseVerifyCommandLine(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseVerifyCommandLine([...BASE, '-h'], {})).toEqual({ kind: 'help' });
  });

  it('refuses an unknown option as a usage error', () => {
    expect(parseVerifyCommandLine([...BASE, '--client-sekret', 'x'], {}).kind).toBe('usage-error');
  });
});
