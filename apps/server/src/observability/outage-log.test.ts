import { Writable } from 'node:stream';
import { DependencyUnavailableError } from '@pwreset/contract';
import { TRPCError } from '@trpc/server';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DirectoryUnavailableError } from '../directories/directory-unavailable-error.js';
import { createOutageLog, isExpectedOutage } from './outage-log.js';

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  return { logger, lines };
}

describe('the outage log', () => {
  it('keeps one outage per dependency, each with its own count and duration, and starts afresh after one ends', () => {
    const { logger, lines } = capturedLogger();
    let now = 1_000;
    const outages = createOutageLog(logger, () => now);
    outages.answered('redis'); // no outage open: nothing to say
    outages.refused('redis');
    outages.refused('user directory "staff"');
    outages.refused('redis');
    now += 2_500;
    outages.refused('redis');
    outages.answered('redis');
    outages.answered('redis');
    now += 500;
    outages.answered('user directory "staff"');
    outages.refused('redis');

    expect(lines.map(({ dependency, outage, refusedCalls, seconds, msg }) => ({ dependency, outage, refusedCalls, seconds, msg }))).toEqual(
      [
        { dependency: 'redis', outage: 'started', refusedCalls: undefined, seconds: undefined, msg: 'redis unavailable: answering 503' },
        {
          dependency: 'user directory "staff"',
          outage: 'started',
          refusedCalls: undefined,
          seconds: undefined,
          msg: 'user directory "staff" unavailable: answering 503',
        },
        {
          dependency: 'redis',
          outage: 'ended',
          refusedCalls: 3,
          seconds: 2.5,
          msg: 'redis available again after 3 refused calls over 2.5 s',
        },
        {
          dependency: 'user directory "staff"',
          outage: 'ended',
          refusedCalls: 1,
          seconds: 3,
          msg: 'user directory "staff" available again after 1 refused calls over 3 s',
        },
        { dependency: 'redis', outage: 'started', refusedCalls: undefined, seconds: undefined, msg: 'redis unavailable: answering 503' },
      ],
    );
    expect(lines.every((line) => line.level === 40)).toBe(true);
  });

  it('tells an outage (also inside a tRPC error) from an unexpected error', () => {
    expect(isExpectedOutage(new DependencyUnavailableError('redis'))).toBe(true);
    expect(isExpectedOutage(new DirectoryUnavailableError('staff', 'unreachable', 'ECONNREFUSED'))).toBe(true);
    expect(isExpectedOutage(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new DependencyUnavailableError('redis') }))).toBe(true);
    expect(isExpectedOutage(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('a bug') }))).toBe(false);
    expect(isExpectedOutage(new Error('a bug'))).toBe(false);
  });
});
