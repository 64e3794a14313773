import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readManifest = (packageDir: string) => JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;

/** Where Node finds `name` from `fromDir`: the first `node_modules/<name>` up the tree, symlinks followed (pnpm). */
function installedPackageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed where ${fromDir} would find it`);
  }
}

/**
 * The names of every package an installer brings in with the package at `packageDir`: its
 * dependencies and required peers, transitively, each found where Node would find it (so workspace
 * packages are followed into their own dependencies). Optional peers are the installer's choice.
 */
export function installedDependencyClosure(packageDir: string): Set<string> {
  const seen = new Set<string>();
  const pending = [realpathSync(packageDir)];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const manifest = readManifest(dir);
    const requiredPeers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (peer) => manifest.peerDependenciesMeta?.[peer]?.optional !== true,
    );
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...requiredPeers]) {
      if (seen.has(name)) continue;
      seen.add(name);
      pending.push(installedPackageDir(name, dir));
    }
  }
  return seen;
}

// Runs in a child Node process: module hooks (Node >= 20.6) report every URL the ES module loader
// resolves while the entries are imported; a last marker import tells the main thread all have arrived.
const RECORD_RESOLVED_MODULES = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const hooks = \`
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}\`;
const MARKER = 'data:text/javascript,export{}//end-of-imports';
const { port1, port2 } = new MessageChannel();
const urls = [];
const allArrived = new Promise((settle) => port1.on('message', (url) => (url === MARKER ? settle() : urls.push(url))));
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
for (const specifier of JSON.parse(process.argv[1])) await import(specifier);
await import(MARKER);
await allArrived;
port1.close();
process.stdout.write(JSON.stringify(urls));
`;

/**
 * Every module URL Node's ES module loader resolves when `specifiers` are imported from `cwd`,
 * in a fresh process: the module graph a bundler would follow from those entries.
 */
export async function modulesResolvedByImporting(cwd: string, specifiers: readonly string[]): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', RECORD_RESOLVED_MODULES, JSON.stringify(specifiers)],
    {
      cwd,
      timeout: 20_000,
    },
  );
  return JSON.parse(stdout) as string[];
}

const workspacePackagesUrl = new URL('../../../../packages/', import.meta.url).href;

/**
 * The package a resolved module URL belongs to: an installed one (`express`, `@trpc/client`) by
 * its innermost `node_modules` folder, a workspace one by its manifest; null for `node:` builtins.
 */
export function packageOfModuleUrl(url: string): string | null {
  const installed = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(url);
  if (installed) return installed[1] ?? null;
  if (!url.startsWith(workspacePackagesUrl)) return null;
  const folder = url.slice(workspacePackagesUrl.length).split('/')[0] ?? '';
  return readManifest(fileURLToPath(new URL(`${folder}/`, workspacePackagesUrl))).name;
}
