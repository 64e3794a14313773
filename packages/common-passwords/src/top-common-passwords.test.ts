import { describe, expect, it } from 'vitest';
import { loadCommonPasswordList } from './common-password-list.js';
import { TOP_COMMON_PASSWORDS } from './top-common-passwords.js';

describe('TOP_COMMON_PASSWORDS', () => {
  it('holds 1,000 distinct passwords', () => {
    expect(TOP_COMMON_PASSWORDS).toHaveLength(1_000);
    expect(new Set(TOP_COMMON_PASSWORDS).size).toBe(1_000);
  });

  it('holds only passwords that are on the full list', () => {
    const list = loadCommonPasswordList();
    expect(TOP_COMMON_PASSWORDS.filter((password) => !list.has(password))).toEqual([]);
  });

  it('starts with the most common passwords', () => {
    expect(TOP_COMMON_PASSWORDS.slice(0, 2)).toEqual(['123456', 'password']);
  });
});
