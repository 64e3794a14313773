#!/usr/bin/env node
// Lists the workspace packages that have a `test` script, one per line:
//
//   <name> TAB <absolute dir> TAB <slug>
//
// in dependency order (a package after the workspace packages it depends on), so a broken
// foundation shows up first. <slug> is the name made safe for a file name (@a/b -> a__b).
// The root package is left out: its `test` script is turbo, which runs these same packages.
//
// Usage: node scripts/lib/test-packages.mjs  (from the repository root; uses pnpm to read
// the workspace, so the globs in pnpm-workspace.yaml are the only list of packages)

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.cwd());
const listed = JSON.parse(execFileSync('pnpm', ['-r', 'ls', '--json', '--depth', '-1'], { encoding: 'utf8' }));

const byName = new Map();
for (const { name, path } of listed) {
  if (resolve(path) === root) continue;
  const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
  const workspaceDeps = Object.keys({
    ...manifest.dependencies,
    ...manifest.devDependencies,
    ...manifest.optionalDependencies,
  });
  byName.set(name, { name, path, manifest, workspaceDeps });
}

// Depth-first topological order; names sorted first so the order is stable.
const ordered = [];
const seen = new Set();
function visit(name) {
  const pkg = byName.get(name);
  if (!pkg || seen.has(name)) return;
  seen.add(name);
  for (const dep of pkg.workspaceDeps.sort()) visit(dep);
  ordered.push(pkg);
}
for (const name of [...byName.keys()].sort()) visit(name);

for (const { name, path, manifest } of ordered) {
  if (!manifest.scripts?.test) continue;
  const slug = name.replace(/^@/, '').replace(/[^A-Za-z0-9._-]/g, '__');
  process.stdout.write(`${name}\t${path}\t${slug}\n`);
}
