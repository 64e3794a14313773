import { CliError } from './cli-context.js';

/** Far above any password the policy accepts; bounds what a mistaken pipe can make us read. */
const MAX_STDIN_PASSWORD_BYTES = 4096;

/**
 * `--password-stdin`: the password from standard input, so it stays out of the shell history and the
 * process list. One trailing newline (`echo`, a heredoc) is not part of it; any other character is.
 */
export async function readPasswordFromStdin(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    length += bytes.length;
    if (length > MAX_STDIN_PASSWORD_BYTES) throw new CliError(`--password-stdin: more than ${MAX_STDIN_PASSWORD_BYTES} bytes on stdin`, 2);
    chunks.push(bytes);
  }
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new CliError('--password-stdin: stdin held no password', 2);
  return password;
}
