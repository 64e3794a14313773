import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The packages another repository installs: the clients, the verification kit, and what they need. */
const PUBLISHED = ['client', 'contract-verify', 'contract', 'legacy-openapi', 'rest-compat', 'jsv'] as const;

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  files?: string[];
  bin?: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
}

const packageDir = (name: string) => new URL(`../../../packages/${name}/`, import.meta.url);
const readPackage = (name: string) => JSON.parse(readFileSync(new URL('package.json', packageDir(name)), 'utf8')) as PackageJson;

describe('the packages meant to be installed elsewhere', () => {
  for (const name of PUBLISHED) {
    const manifest = readPackage(name);

    it(`@pwreset/${name} is a publishable ES module package with dist in its files`, () => {
      expect(manifest.private).toBeUndefined();
      expect(manifest.type).toBe('module');
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(manifest.files).toContain('dist');
    });

    it(`@pwreset/${name}: every export points at a built file with its type declarations, and imports`, async () => {
      for (const [subpath, target] of Object.entries(manifest.exports)) {
        if (typeof target === 'string' || subpath.includes('*')) continue;
        expect(existsSync(new URL(target.default, packageDir(name))), `${subpath} → ${target.default}`).toBe(true);
        expect(existsSync(new URL(target.types, packageDir(name))), `${subpath} → ${target.types}`).toBe(true);
        const specifier = `${manifest.name}${subpath === '.' ? '' : subpath.slice(1)}`;
        // Importing by the package's own name goes through its exports map, as an installer's would.
        await expect(import(specifier)).resolves.toBeDefined();
      }
      for (const binary of Object.values(manifest.bin ?? {})) {
        expect(readFileSync(new URL(binary, packageDir(name)), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
      }
    });
  }
});
