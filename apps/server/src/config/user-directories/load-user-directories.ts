import { readFileSync } from 'node:fs';
import { DEFAULT_DIRECTORY_NAME } from './directory-name.js';
import { userDirectoriesFileSchema, type UserDirectorySettings } from './user-directories-schema.js';

/** Every directory by name, validated and with `{"env"}` values resolved. */
export type UserDirectoriesConfig = Readonly<Record<string, UserDirectorySettings>>;

export type UserDirectoriesResult = { ok: true; directories: UserDirectoriesConfig } | { ok: false; problems: string[] };

/** Without a USER_DIRECTORIES_FILE: the embedded store, as before directories existed. */
export const DEFAULT_USER_DIRECTORIES: UserDirectoriesConfig = { [DEFAULT_DIRECTORY_NAME]: { kind: 'redis' } };

/** Validates a parsed directories file; every problem at once, each with its path (`directories.NAME.field: ...`). */
export function parseUserDirectories(file: unknown, environment: Readonly<Record<string, string | undefined>>): UserDirectoriesResult {
  const parsed = userDirectoriesFileSchema(environment).safeParse(file);
  if (parsed.success) return { ok: true, directories: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${['directories', ...issue.path.map(String)].join('.')}: ${issue.message}`),
  };
}

/**
 * The directories of USER_DIRECTORIES_FILE (`filePath`), or the single default one when it is unset.
 * `environment` is the one the config module validated; this never reads process.env itself.
 */
export function loadUserDirectories(
  filePath: string | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): UserDirectoriesResult {
  if (filePath === undefined || filePath === '') return { ok: true, directories: DEFAULT_USER_DIRECTORIES };
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    return { ok: false, problems: [`USER_DIRECTORIES_FILE: cannot read ${filePath} (${reason})`] };
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    // Only the position: V8's message quotes the text around it, which may be an inline secret.
    const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    return {
      ok: false,
      problems: [`USER_DIRECTORIES_FILE: ${filePath} is not valid JSON${position ? ` (at character ${position})` : ''}`],
    };
  }
  return parseUserDirectories(file, environment);
}
