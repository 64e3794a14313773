import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The built modules are what browsers load, as they are (no bundler): each import must be a
// relative file of dist/. A bare specifier would not even load, and would mean the page pulled a
// package's code (the contract's, zod) in where the source meant to import only its types.
const distDir = new URL('../dist/', import.meta.url);
const modules = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));

/** The specifiers of every static import and export-from, and of every literal dynamic import. */
function importedSpecifiers(source: string): string[] {
  const statics = [...source.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)];
  const dynamics = [...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...statics.map((match) => match[1] ?? match[2] ?? ''), ...dynamics.map((match) => match[1] ?? '')];
}

describe('the built reset page modules', () => {
  it('are there to check (run the build first)', () => {
    expect(modules).toContain('mount-reset-page.js');
    expect(modules).toContain('reset-api.js');
  });

  it('import only one another, never a package', () => {
    const bare = modules.flatMap((file) =>
      importedSpecifiers(readFileSync(new URL(file, distDir), 'utf8'))
        .filter((specifier) => !specifier.startsWith('./') && !specifier.startsWith('../'))
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(bare).toEqual([]);
  });

  it('see the imports they have, so an empty finding means something', () => {
    expect(importedSpecifiers(readFileSync(new URL('mount-reset-page.js', distDir), 'utf8'))).toContain('./reset-api.js');
    expect(importedSpecifiers(readFileSync(new URL('messages/load-messages.js', distDir), 'utf8'))).toContain('./fr.js');
    expect(importedSpecifiers("import { z } from 'zod';\nexport * from '@pwreset/contract';")).toEqual(['zod', '@pwreset/contract']);
  });
});
