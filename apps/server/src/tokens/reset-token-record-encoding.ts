import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { storedResetTokenSchema, type StoredResetToken } from './reset-token-record.js';

/*
 * A reset secret's record as one Redis string (issue 15: at most 300 bytes of Redis per live secret;
 * a hash of named fields cost 448 with its generation counter). Format 1, fields joined by `|`:
 *
 *   1<state>[<failedAttempts>][!] | <expiresAt> | [<reservedUntil>] | <generation>[.<legacyGeneration>] | <lifetime> | [<directory>] | <clientId> | <userId>
 *
 * - The first three fields are the ones the Lua scripts read and change (RESET_TOKEN_RECORD_LUA):
 *   `1` is the format, then the state's letter (STATE_LETTERS), the count of refused completions when
 *   not zero, `!` when a release said the write may have landed (writeUncertain).
 * - Numbers are base 36 (milliseconds since the epoch: 8 characters until 2059, against 13), except
 *   failedAttempts, which a script increments. `lifetime` is expiresAt less issuedAt.
 * - The last three are free text, escaped (`%` `|` `~` as %25 %7C %7E), so they may hold anything;
 *   the default directory is written as nothing. An id of our own shape, a lowercase prefix and `_`
 *   then hex (`usr_…`, `cl_…`), is written `~<prefix>` and the hex as base64url: two thirds of the length.
 *
 * The scripts keep the last five fields as they are; only this file writes and reads them.
 */

export const RESET_TOKEN_RECORD_FORMAT = '1';

/** The state's letter in format 1 (the Lua side maps them back, see RESET_TOKEN_RECORD_LUA). */
export const STATE_LETTERS = { active: 'a', reserved: 'r', used: 'u', locked: 'l' } as const satisfies Record<
  StoredResetToken['state'],
  string
>;

const STATE_OF_LETTER = new Map<string, string>(Object.entries(STATE_LETTERS).map(([state, letter]) => [letter, state]));

const ESCAPES: Record<string, string> = { '%': '%25', '|': '%7C', '~': '%7E' };
const UNESCAPES = new Map(Object.entries(ESCAPES).map(([character, escape]) => [escape, character]));

/** An id we generate: a short lowercase prefix ending in `_`, then at least 16 hex digits, lowercase, in pairs. */
const HEX_ID = /^([a-z]{1,8}_)((?:[0-9a-f]{2}){8,})$/;
const PACKED_HEX_ID = /^~([a-z]{1,8}_)([A-Za-z0-9_-]+)$/;

function encodeText(text: string): string {
  const hexId = HEX_ID.exec(text);
  if (hexId) return `~${hexId[1]}${Buffer.from(hexId[2] ?? '', 'hex').toString('base64url')}`;
  return text.replace(/[%|~]/g, (character) => ESCAPES[character] ?? character);
}

function decodeText(field: string): string {
  if (!field.startsWith('~')) return field.replace(/%(25|7C|7E)/g, (escape) => UNESCAPES.get(escape) ?? escape);
  const packed = PACKED_HEX_ID.exec(field);
  const hex = packed ? Buffer.from(packed[2] ?? '', 'base64url').toString('hex') : '';
  // Base64url decoding skips what it cannot read: only a packing that round-trips is one of ours.
  if (!packed || Buffer.from(hex, 'hex').toString('base64url') !== packed[2])
    throw new Error('malformed packed id in a reset token record');
  return `${packed[1]}${hex}`;
}

const base36 = (value: number) => value.toString(36);

/** A record in format 1. */
export function encodeResetTokenRecord(record: StoredResetToken): string {
  const status = `${RESET_TOKEN_RECORD_FORMAT}${STATE_LETTERS[record.state]}${record.failedAttempts > 0 ? String(record.failedAttempts) : ''}${record.writeUncertain === '1' ? '!' : ''}`;
  return [
    status,
    base36(record.expiresAt),
    record.reservedUntil > 0 ? base36(record.reservedUntil) : '',
    record.legacyGeneration === undefined ? base36(record.generation) : `${base36(record.generation)}.${base36(record.legacyGeneration)}`,
    base36(record.expiresAt - record.issuedAt),
    record.directory === DEFAULT_USER_DIRECTORY ? '' : encodeText(record.directory),
    encodeText(record.clientId),
    encodeText(record.userId),
  ].join('|');
}

const FORMAT_1 = /^1([a-z])(\d*)(!?)\|([0-9a-z]+)\|([0-9a-z]*)\|([0-9a-z]+)(?:\.([0-9a-z]+))?\|(-?[0-9a-z]+)\|([^|]*)\|([^|]*)\|([^|]*)$/;

/** The record a format-1 string holds; throws on anything else (as the hash schema does on a bad hash). */
export function decodeResetTokenRecord(value: string): StoredResetToken {
  const match = FORMAT_1.exec(value);
  if (!match) throw new Error('not a reset token record of format 1');
  const [
    ,
    letter = '',
    failed,
    uncertain,
    expires = '',
    reserved,
    generation = '',
    legacyGeneration,
    lifetime = '',
    directory = '',
    clientId = '',
    userId = '',
  ] = match;
  const expiresAt = parseInt(expires, 36);
  return storedResetTokenSchema.parse({
    userId: decodeText(userId),
    directory: directory === '' ? DEFAULT_USER_DIRECTORY : decodeText(directory),
    clientId: decodeText(clientId),
    issuedAt: expiresAt - parseInt(lifetime, 36),
    expiresAt,
    generation: parseInt(generation, 36),
    legacyGeneration: legacyGeneration === undefined ? undefined : parseInt(legacyGeneration, 36),
    state: STATE_OF_LETTER.get(letter),
    reservedUntil: reserved ? parseInt(reserved, 36) : 0,
    failedAttempts: failed ? Number(failed) : 0,
    writeUncertain: uncertain === '!' ? '1' : undefined,
  });
}
