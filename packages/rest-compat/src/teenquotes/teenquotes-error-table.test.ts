import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RESET_ERROR_CODES } from '@pwreset/contract';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { httpStatusOf, TEENQUOTES_API_ERRORS } from './teenquotes-answers.js';
import { TEENQUOTES_ANSWER_BY_RESET_ERROR } from './teenquotes-error-table.js';

const documentPath = createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/teenquotes.openapi.json');
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as object;
const ajv = new Ajv2020({ strict: false });
ajv.addSchema(document, 'doc');
const isDeclared = ajv.compile({ anyOf: [{ $ref: 'doc#/components/schemas/ResetError' }, { $ref: 'doc#/components/schemas/ApiError' }] });

describe('the Teen Quotes error table', () => {
  it('answers every dead token with the document’s one wrong_token', () => {
    for (const code of ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_USED', 'TOKEN_SUPERSEDED', 'TOKEN_LOCKED'] as const) {
      expect(TEENQUOTES_ANSWER_BY_RESET_ERROR[code]).toEqual({ status: 'wrong_token', error: 'The reset token is invalid.' });
    }
    expect(TEENQUOTES_ANSWER_BY_RESET_ERROR.ACCOUNT_NOT_FOUND).toEqual({
      status: 'wrong_user',
      error: "The email address doesn't match a user.",
    });
    expect(TEENQUOTES_ANSWER_BY_RESET_ERROR.PASSWORD_REJECTED).toEqual({ status: 'wrong_password', error: 'The password is wrong.' });
  });

  it('answers every code with a body the OpenAPI document declares, with a matching HTTP status', () => {
    for (const code of RESET_ERROR_CODES) {
      const answer = TEENQUOTES_ANSWER_BY_RESET_ERROR[code];
      expect(isDeclared(answer), `${code}: ${JSON.stringify(isDeclared.errors)}`).toBe(true);
      expect(httpStatusOf(answer), code).toBe(typeof answer.status === 'number' ? answer.status : 400);
    }
    for (const [name, answer] of Object.entries(TEENQUOTES_API_ERRORS)) expect(isDeclared(answer), name).toBe(true);
  });
});
