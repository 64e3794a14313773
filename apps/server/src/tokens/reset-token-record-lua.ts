import { RESET_TOKEN_RECORD_FORMAT, STATE_LETTERS } from './reset-token-record-encoding.js';

const letterCases = Object.entries(STATE_LETTERS)
  .map(([state, letter]) => `['${letter}'] = '${state}', ['${state}'] = '${letter}'`)
  .join(', ');

/**
 * Lua functions `readRecord(key)` and `writeRecord(key, record)` for the scripts of a reset secret's
 * record, in either of its two forms: a string of format 1 (reset-token-record-encoding.ts, what
 * `issue` writes) or a hash of named fields (what versions before it wrote: read and changed as
 * hashes until they expire, for a rolling upgrade). `readRecord` returns nil for no record (or one
 * of neither form, which no script changes), else a table of the fields the scripts use:
 * `state` (a word), `expiresAt`, `reservedUntil` (0 when none), `failedAttempts`, `writeUncertain`
 * (a boolean). `writeRecord` writes them back in the record's own form; the TTL stays (KEEPTTL). It
 * returns the string it wrote, or '' for a hash (whose caller reads it if it needs it), so that a
 * script can hand the record back instead of its caller reading it again.
 */
export const RESET_TOKEN_RECORD_LUA = `
  local stateLetters = { ${letterCases} }

  local function toBase36(number)
    local digits, text = '0123456789abcdefghijklmnopqrstuvwxyz', ''
    repeat
      local digit = number % 36
      text = string.sub(digits, digit + 1, digit + 1) .. text
      number = (number - digit) / 36
    until number == 0
    return text
  end

  local function readRecord(key)
    -- GET first: one command for a record of this version; a hash answers WRONGTYPE.
    local value = redis.pcall('GET', key)
    if type(value) == 'table' and value.err then
      local fields = redis.call('HMGET', key, 'state', 'expiresAt', 'reservedUntil', 'failedAttempts', 'writeUncertain')
      if not fields[1] then return nil end
      return { isHash = true, state = fields[1], expiresAt = tonumber(fields[2]), reservedUntil = tonumber(fields[3] or '0'),
        failedAttempts = tonumber(fields[4] or '0'), writeUncertain = fields[5] == '1' }
    end
    if not value then return nil end
    local letter, failed, uncertain, expires, reserved, rest =
      string.match(value, '^${RESET_TOKEN_RECORD_FORMAT}(%l)(%d*)(!?)|(%w+)|(%w*)|(.*)$')
    if not letter or not stateLetters[letter] then return nil end
    return { state = stateLetters[letter], expiresAt = tonumber(expires, 36), expiresText = expires,
      reservedUntil = reserved == '' and 0 or tonumber(reserved, 36), failedAttempts = tonumber(failed ~= '' and failed or '0'),
      writeUncertain = uncertain == '!', rest = rest }
  end

  local function writeRecord(key, record)
    if record.isHash then
      redis.call('HSET', key, 'state', record.state, 'failedAttempts', record.failedAttempts)
      if record.reservedUntil > 0 then redis.call('HSET', key, 'reservedUntil', record.reservedUntil)
      else redis.call('HDEL', key, 'reservedUntil') end
      if record.writeUncertain then redis.call('HSET', key, 'writeUncertain', '1') end
      return ''
    end
    local status = '${RESET_TOKEN_RECORD_FORMAT}' .. stateLetters[record.state]
      .. (record.failedAttempts > 0 and tostring(record.failedAttempts) or '') .. (record.writeUncertain and '!' or '')
    local reserved = record.reservedUntil > 0 and toBase36(record.reservedUntil) or ''
    local written = status .. '|' .. record.expiresText .. '|' .. reserved .. '|' .. record.rest
    redis.call('SET', key, written, 'KEEPTTL')
    return written
  end
`;
