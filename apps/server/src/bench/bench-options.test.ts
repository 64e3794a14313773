import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from './bench-options.js';

describe('parseBenchOptions --peer', () => {
  it('starts no peer unless asked', () => {
    expect(parseBenchOptions([]).peer).toBeNull();
  });

  it('accepts better-auth', () => {
    expect(parseBenchOptions(['--peer', 'better-auth', '--duration', '2']).peer).toBe('better-auth');
  });

  it.each(['lucia', 'Better-Auth', ''])('refuses %j with a message that names the peers it knows', (name) => {
    expect(() => parseBenchOptions(['--peer', name])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--peer', name])).toThrow(/--peer must name one of: better-auth; got/);
  });

  it('refuses --peer without a name', () => {
    expect(() => parseBenchOptions(['--peer'])).toThrow(BenchUsageError);
  });
});
