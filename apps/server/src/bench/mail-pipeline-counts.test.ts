import { describe, expect, it } from 'vitest';
import { redisKeys } from '../redis/redis-keys.js';
import { commandOwner } from './mail-pipeline-counts.js';

const keys = redisKeys('pwreset');
const queuePrefix = keys.queuePrefix();

describe('commandOwner (the mail pipeline split of the bench)', () => {
  it('gives BullMQ the commands on its queue keys, a script by its first key', () => {
    expect(commandOwner(['evalsha', 'abc123', '2', `${queuePrefix}:mail:wait`, `${queuePrefix}:mail:active`], queuePrefix)).toBe('bullmq');
    expect(commandOwner(['hgetall', `${queuePrefix}:mail:42`], queuePrefix)).toBe('bullmq');
  });

  it('gives us the commands on the service’s own keys, scripts included', () => {
    expect(commandOwner(['hgetall', keys.client('cl_1')], queuePrefix)).toBe('ours');
    expect(commandOwner(['evalsha', 'def456', '1', keys.delivery('job-1')], queuePrefix)).toBe('ours');
    expect(commandOwner(['xadd', keys.auditStream(), '*', 'action', 'request'], queuePrefix)).toBe('ours');
  });

  it('counts commands that name no key apart', () => {
    expect(commandOwner(['client', 'setname', 'pwreset-worker'], queuePrefix)).toBe('keyless');
    expect(commandOwner(['evalsha', 'abc123', '0'], queuePrefix)).toBe('keyless');
    expect(commandOwner(['PING'], queuePrefix)).toBe('keyless');
  });
});
