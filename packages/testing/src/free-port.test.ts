import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findFreePort, TEST_PORT_RANGE } from './free-port.js';

describe('findFreePort', () => {
  it('never hands one port out twice, even to calls at the same moment', async () => {
    const ports = await Promise.all(Array.from({ length: 200 }, () => findFreePort()));
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('chooses below the kernel’s ephemeral range, where no outgoing connection can take the port first', async () => {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const port = await findFreePort();
    expect(port).toBeGreaterThanOrEqual(TEST_PORT_RANGE.low);
    expect(port).toBeLessThan(ephemeralLow ?? 0);
  });
});
