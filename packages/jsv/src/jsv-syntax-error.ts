/**
 * Thrown when JSV text cannot be read. Extends `SyntaxError` so a transport edge that
 * already maps JSON syntax errors to 400 treats this one alike.
 *
 * Request bodies can hold passwords, so the message never quotes the input: at most
 * the one character that was unexpected.
 */
export class JsvSyntaxError extends SyntaxError {
  override readonly name = 'JsvSyntaxError';

  /** @param position 0-based UTF-16 offset into the text where reading failed. */
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at position ${position})`);
  }
}

/** Names one character for an error message; control characters come out escaped. */
export function describeJsvCharacter(character: string | undefined): string {
  return character === undefined ? 'the end of the text' : JSON.stringify(character);
}
