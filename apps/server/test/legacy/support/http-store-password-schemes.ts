import { pbkdf2, randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import type { ApplicationPasswordHasher } from '../../../src/directories/testing/http-directory-test-server.js';

// The applications' own password formats, none of which this service can read or write: behind an
// HTTP directory the application hashes and checks its passwords itself, and the service only asks.
// Each scheme is the application's code, so the tests check a reset with it, never with ours.

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: BinaryLike,
  salt: BinaryLike,
  keylen: number,
  options: ScryptOptions,
) => Promise<Buffer>;

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

// Cameramanager's application: scrypt in a passlib-like string, `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>`
// (standard base64). ln=12 keeps the suite fast; the application's real cost is its own business.
const SCRYPT_LOG_N = 12;
const SCRYPT_PATTERN = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export const cameramanagerPasswordScheme: ApplicationPasswordHasher = {
  async hash(password) {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, 32, { N: 2 ** SCRYPT_LOG_N, r: 8, p: 1 });
    return `$scrypt$ln=${SCRYPT_LOG_N},r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`;
  },
  async verify(password, stored) {
    const match = stored === null ? null : SCRYPT_PATTERN.exec(stored);
    if (!match) throw new Error('not a hash of this application');
    const [, logN = '', r = '', p = '', salt = '', key = ''] = match;
    const expected = Buffer.from(key, 'base64');
    const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
      N: 2 ** Number(logN),
      r: Number(r),
      p: Number(p),
    });
    return sameBytes(actual, expected);
  },
};

// Antel's application (ServiceStack): ServiceStack's PasswordHasher, the ASP.NET Core Identity v3 layout,
// base64 of [0x01][PRF, uint32 BE: 1 = HMAC-SHA256][iterations, uint32 BE][salt length, uint32 BE][salt][subkey].
const IDENTITY_V3_MARKER = 0x01;
const PRF_HMAC_SHA256 = 1;
const IDENTITY_ITERATIONS = 10_000;
const HEADER_BYTES = 13;

export const antelPasswordScheme: ApplicationPasswordHasher = {
  async hash(password) {
    const salt = randomBytes(16);
    const subkey = await pbkdf2Async(password, salt, IDENTITY_ITERATIONS, 32, 'sha256');
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(IDENTITY_V3_MARKER, 0);
    header.writeUInt32BE(PRF_HMAC_SHA256, 1);
    header.writeUInt32BE(IDENTITY_ITERATIONS, 5);
    header.writeUInt32BE(salt.length, 9);
    return Buffer.concat([header, salt, subkey]).toString('base64');
  },
  async verify(password, stored) {
    const bytes = Buffer.from(stored ?? '', 'base64');
    if (bytes.length <= HEADER_BYTES || bytes[0] !== IDENTITY_V3_MARKER || bytes.readUInt32BE(1) !== PRF_HMAC_SHA256) {
      throw new Error('not a hash of this application');
    }
    const saltLength = bytes.readUInt32BE(9);
    const salt = bytes.subarray(HEADER_BYTES, HEADER_BYTES + saltLength);
    const expected = bytes.subarray(HEADER_BYTES + saltLength);
    const actual = await pbkdf2Async(password, salt, bytes.readUInt32BE(5), expected.length, 'sha256');
    return sameBytes(actual, expected);
  },
};
