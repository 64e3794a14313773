import { describe, expect, it } from 'vitest';
import { clientSnapshots, type CurrentClient } from './client-snapshots.js';

function countingRegistry() {
  const reads: string[] = [];
  let version = 1;
  return {
    reads,
    bumpVersion: () => (version += 1),
    registry: {
      findWithCredentialsVersion: async (clientId: string): Promise<CurrentClient> => {
        reads.push(clientId);
        return clientId === 'cl_gone' ? null : ({ client: { id: clientId }, credentialsVersion: version } as unknown as CurrentClient);
      },
    },
  };
}

describe('client snapshots', () => {
  it('reads a client once while the registry revision stays, and again once it moves', async () => {
    const { registry, reads, bumpVersion } = countingRegistry();
    const snapshots = clientSnapshots({ registry });
    expect((await snapshots.current('cl_1', '7'))?.credentialsVersion).toBe(1);
    expect((await snapshots.current('cl_1', '7'))?.credentialsVersion).toBe(1);
    expect(reads).toEqual(['cl_1']);
    bumpVersion();
    expect((await snapshots.current('cl_1', '8'))?.credentialsVersion).toBe(2);
    expect(reads).toEqual(['cl_1', 'cl_1']);
  });

  it('keeps a gone client as gone too, until the revision moves', async () => {
    const { registry, reads } = countingRegistry();
    const snapshots = clientSnapshots({ registry });
    expect(await snapshots.current('cl_gone', '')).toBeNull();
    expect(await snapshots.current('cl_gone', '')).toBeNull();
    expect(await snapshots.current('cl_gone', '1')).toBeNull();
    expect(reads).toEqual(['cl_gone', 'cl_gone']);
  });

  it('reads a kept client again after maxAgeMs, whatever the revision', async () => {
    const { registry, reads } = countingRegistry();
    let clock = 0;
    const snapshots = clientSnapshots({ registry, maxAgeMs: 5000, now: () => clock });
    await snapshots.current('cl_1', '1');
    clock = 4999;
    await snapshots.current('cl_1', '1');
    clock = 5000;
    await snapshots.current('cl_1', '1');
    expect(reads).toEqual(['cl_1', 'cl_1']);
  });

  it('keeps at most maxEntries clients, dropping the one read longest ago', async () => {
    const { registry, reads } = countingRegistry();
    const snapshots = clientSnapshots({ registry, maxEntries: 2 });
    for (const clientId of ['cl_a', 'cl_b', 'cl_c', 'cl_b', 'cl_a']) await snapshots.current(clientId, '1');
    expect(reads).toEqual(['cl_a', 'cl_b', 'cl_c', 'cl_a']);
  });
});
