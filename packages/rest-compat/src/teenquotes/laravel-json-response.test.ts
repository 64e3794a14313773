import { describe, expect, it } from 'vitest';
import { phpJsonEncode } from './laravel-json-response.js';

// PHP's own bytes: `json_encode($value)` run with PHP 8.2.36 (Debian's php-cli). Teen Quotes ran
// Laravel 4 on PHP 5, whose json_encode escapes the same way without options: `\/`, and `\uXXXX`
// for everything past ASCII (DEL stays raw).
const RECORDED_WITH_PHP: readonly (readonly [unknown, string])[] = [
  [
    {
      status: 415,
      error: 'unsupported_media_type',
      error_message: 'Send the parameters as a form (application/x-www-form-urlencoded or multipart/form-data) or as JSON.',
    },
    '{"status":415,"error":"unsupported_media_type","error_message":"Send the parameters as a form (application\\/x-www-form-urlencoded or multipart\\/form-data) or as JSON."}',
  ],
  [
    { status: 'wrong_user', error: "The email address doesn't match a user." },
    '{"status":"wrong_user","error":"The email address doesn\'t match a user."}',
  ],
  [
    { access_token: 'jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We', token_type: 'bearer', expires: 1735693200, expires_in: 3600 },
    '{"access_token":"jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We","token_type":"bearer","expires":1735693200,"expires_in":3600}',
  ],
  [{ text: 'é😀\u007f<>&\u2028"\\/\t\n\u0001' }, '{"text":"\\u00e9\\ud83d\\ude00\u007f<>&\\u2028\\"\\\\\\/\\t\\n\\u0001"}'],
];

describe("PHP's json_encode, as Laravel 4's JsonResponse calls it", () => {
  it.each(RECORDED_WITH_PHP)('encodes %j as PHP does', (value, php) => {
    expect(phpJsonEncode(value)).toBe(php);
  });
});
