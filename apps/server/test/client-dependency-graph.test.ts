import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installedDependencyClosure, modulesResolvedByImporting, packageOfModuleUrl } from './support/dependency-graph.js';

// What a frontend bundling @pwreset/client must never receive: the server's HTTP stack.
const SERVER_ONLY_PACKAGES = ['express', '@pwreset/rest-compat', '@types/express', 'ioredis', 'bullmq'];

const packageDir = (name: string) => fileURLToPath(new URL(`../../../packages/${name}/`, import.meta.url));
const exportedEntries = (name: string) => {
  const manifest = JSON.parse(readFileSync(`${packageDir(name)}package.json`, 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  return (
    Object.keys(manifest.exports)
      // A JSON document (an OpenAPI description) is data, not a module: it imports nothing.
      .filter((subpath) => !subpath.includes('*') && !subpath.endsWith('.json'))
      .map((subpath) => `${manifest.name}${subpath === '.' ? '' : subpath.slice(1)}`)
  );
};

/** The packages, other than itself, that importing every entry of a workspace package loads. */
async function packagesImportedBy(name: string): Promise<Set<string>> {
  const urls = await modulesResolvedByImporting(packageDir(name), exportedEntries(name));
  const packages = new Set(urls.map(packageOfModuleUrl).filter((found) => found !== null));
  packages.delete(`@pwreset/${name}`);
  return packages;
}

describe('what @pwreset/client brings into a frontend', () => {
  it('installs nothing of the server: no express, Redis or legacy routers among its dependencies, however deep', () => {
    const closure = installedDependencyClosure(packageDir('client'));
    expect(closure).toContain('@pwreset/legacy-openapi');
    expect(closure).toContain('openapi-fetch');
    expect(SERVER_ONLY_PACKAGES.filter((name) => closure.has(name))).toEqual([]);
  });

  it('imports nothing of the server from any of its entries', async () => {
    const imported = await packagesImportedBy('client');
    expect(imported).toContain('openapi-fetch');
    expect(SERVER_ONLY_PACKAGES.filter((name) => imported.has(name))).toEqual([]);
    expect(exportedEntries('client')).toContain('@pwreset/client/legacy');
  });

  it('@pwreset/legacy-openapi, where the clients’ legacy types come from, has no runtime dependency at all', async () => {
    expect(installedDependencyClosure(packageDir('legacy-openapi')).size).toBe(0);
    expect(await packagesImportedBy('legacy-openapi')).toEqual(new Set());
  });

  // The checks above would pass on nothing if the graph walks saw nothing: they see express where it is.
  it('finds express in the legacy routers’ graphs, so an empty finding above means something', async () => {
    expect(installedDependencyClosure(packageDir('rest-compat'))).toContain('express');
    expect(await packagesImportedBy('rest-compat')).toContain('express');
  });
});
