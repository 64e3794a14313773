import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const PEER_PACKAGE = '@pwreset/bench-peer-better-auth';
const root = new URL('../../../../', import.meta.url);

function manifest(path: string): { name: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(new URL(`${path}/package.json`, root), 'utf8')) as { name: string; dependencies?: Record<string, string> };
}

describe('the bench peer', () => {
  it('is no production dependency of any workspace package, nor are its own packages', () => {
    const peerDependencies = Object.keys(manifest('packages/bench-peer-better-auth').dependencies ?? {}).filter(
      // Shared with the service on purpose (one copy of zod).
      (name) => name !== 'zod',
    );
    expect(peerDependencies).toContain('better-auth');
    const others = ['apps/server', ...readdirSync(new URL('packages/', root)).map((name) => `packages/${name}`)]
      .map(manifest)
      .filter(({ name }) => name !== PEER_PACKAGE);
    expect(others.length).toBeGreaterThan(5);
    for (const { name, dependencies = {} } of others) {
      const leaked = [PEER_PACKAGE, ...peerDependencies].filter((dependency) => dependency in dependencies);
      // ioredis is the service's own too (6.x from the main catalog): only the peer's catalog version would be a leak.
      const leakedVersions = leaked.filter((dependency) => dependency !== 'ioredis' || dependencies[dependency] !== 'catalog:');
      expect(leakedVersions, name).toEqual([]);
    }
  });
});
