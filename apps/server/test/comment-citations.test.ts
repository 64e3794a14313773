import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Source files whose comments are read: tracked, written by hand (not built, generated or fixtures). */
const SOURCE = /\.(ts|mjs|js|sh|ya?ml)$/;
const NOT_BY_HAND = /(^|\/)(dist|generated|fixtures|__snapshots__)\//;
/** What counts as citing a file: a name with one of these endings, or a path into the repo's top folders. */
const CITABLE = /\.(ts|mjs|js|sh|json|md|ya?ml)$/;
const REPO_FOLDER = /^(apps|packages|scripts)\//;
/** Runtime output, never tracked (see .gitignore). */
const RUNTIME = /^(var|node_modules|dist|test-artifacts)\//;

/** The comment text of one line, or null: `//`, `/*` and ` * ` lines in code; `#` lines in shell and YAML. */
function commentOf(file: string, line: string): string | null {
  const match = /\.(sh|ya?ml)$/.test(file)
    ? (/^\s*#(.*)$/.exec(line) ?? /\s#\s(.*)$/.exec(line))
    : (/^\s*(?:\/\/|\/\*\*?|\*)(.*)$/.exec(line) ?? /\s\/\/\s(.*)$/.exec(line));
  return match?.[1] ?? null;
}

/** Paths and file names a comment cites: `apps/server/src/main.ts`, `docs/antel.md`, `load-config.ts`. */
export function citationsIn(comment: string): string[] {
  const candidates = comment.matchAll(
    /(?<![\w@:/.<-])((?:\.{1,2}\/)*(?:[\w-]+\/)+[\w.-]*\w|[\w-]+\.(?:ts|mjs|sh|json|md|ya?ml))(?![\w/<.(-])/g,
  );
  return [...candidates].map((match) => match[1]!).filter((path) => (CITABLE.test(path) || REPO_FOLDER.test(path)) && !RUNTIME.test(path));
}

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** Whether a citation from `file` names something in the repo: from the root, the file's package, its src/, or the file's folder. */
function citationResolver(files: readonly string[]) {
  const paths = new Set(files);
  for (const file of files) {
    const parts = file.split('/');
    for (let end = 1; end < parts.length; end += 1) paths.add(parts.slice(0, end).join('/'));
  }
  const packageRoots = files.filter((file) => file.endsWith('/package.json')).map((file) => posix.dirname(file));
  const packageOf = (file: string) =>
    packageRoots.filter((root) => file.startsWith(`${root}/`)).sort((a, b) => b.length - a.length)[0] ?? '.';
  // ESM imports cite `main.js` for the `main.ts` it is compiled from.
  const variants = (path: string) => (path.endsWith('.js') ? [path, path.replace(/\.js$/, '.ts')] : [path]);
  return (file: string, cited: string): boolean => {
    if (cited.startsWith('.')) return variants(posix.normalize(posix.join(posix.dirname(file), cited))).some((path) => paths.has(path));
    const bases = [
      cited,
      posix.join(packageOf(file), cited),
      posix.join(packageOf(file), 'src', cited),
      posix.join(posix.dirname(file), cited),
    ];
    if (bases.flatMap(variants).some((path) => paths.has(path))) return true;
    // A bare name, or a path cited from another package's point of view: somewhere in the repo.
    return variants(cited).some((path) => files.some((tracked) => tracked === path || tracked.endsWith(`/${path}`)));
  };
}

describe('comments that cite files', () => {
  it('are found in every kind of comment (the finder itself works)', () => {
    expect(citationsIn(' as packages/contract/src/gone.ts and DESIGN.md say; see `docs/antel.md`')).toEqual([
      'packages/contract/src/gone.ts',
      'DESIGN.md',
      'docs/antel.md',
    ]);
    expect(citationsIn(' https://example.com/a/b.md, user@host/x.ts, var/demo-client.json, 1.5 s, res.json()')).toEqual([]);
    expect(commentOf('a.ts', '  const x = 1; // see scripts/run.sh')).toBe('see scripts/run.sh');
    expect(commentOf('a.sh', '# sourced by scripts/test.sh')).toBe(' sourced by scripts/test.sh');
    const resolves = citationResolver(['apps/server/package.json', 'apps/server/src/main.ts', 'packages/x/docs/antel.md']);
    expect(resolves('apps/server/src/cli/main.ts', 'apps/server/src/main.ts')).toBe(true);
    expect(resolves('apps/server/src/cli/main.ts', '../main.js')).toBe(true);
    expect(resolves('apps/server/src/cli/main.ts', 'DESIGN.md')).toBe(false);
    expect(resolves('apps/server/src/cli/main.ts', 'apps/server/src/gone.ts')).toBe(false);
  });

  it('cite only files and folders that exist in the repository', () => {
    const files = trackedFiles();
    const resolves = citationResolver(files);
    const stale: string[] = [];
    for (const file of files.filter((path) => SOURCE.test(path) && !NOT_BY_HAND.test(path))) {
      readFileSync(posix.join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const comment = commentOf(file, line);
          if (comment === null) return;
          for (const cited of citationsIn(comment)) if (!resolves(file, cited)) stale.push(`${file}:${index + 1} cites ${cited}`);
        });
    }
    expect(stale).toEqual([]);
  });
});
