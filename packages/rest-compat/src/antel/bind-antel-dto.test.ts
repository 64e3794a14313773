import { describe, expect, it } from 'vitest';
import { bindAntelDto, forgotUserPasswordSchema, resetUserPasswordSchema } from './bind-antel-dto.js';

const fields = (entries: Record<string, unknown>) => new Map(Object.entries(entries).map(([name, value]) => [name.toLowerCase(), value]));

describe('bindAntelDto', () => {
  it('binds properties by name whatever their case, and ignores unknown ones', () => {
    expect(
      bindAntelDto(forgotUserPasswordSchema, fields({ emailaddress: 'ana@example.com', APIKEY: 'k', Extra: { nested: true } })),
    ).toEqual({
      EmailAddress: 'ana@example.com',
      ApiKey: 'k',
    });
  });

  it('binds JSON numbers and booleans to string properties as their text, and null as unset', () => {
    expect(bindAntelDto(resetUserPasswordSchema, fields({ Password: 12345678, PasswordConfirm: true, TemporaryPassword: null }))).toEqual({
      Password: '12345678',
      PasswordConfirm: 'true',
      TemporaryPassword: undefined,
    });
  });

  it('binds doubles from numbers and from invariant-culture text, white space allowed', () => {
    expect(bindAntelDto(resetUserPasswordSchema, fields({ Latitude: -34.9, Longitude: ' 18.42' }))).toMatchObject({
      Latitude: -34.9,
      Longitude: 18.42,
    });
    expect(bindAntelDto(resetUserPasswordSchema, fields({ Latitude: '', Longitude: null }))).toMatchObject({
      Latitude: undefined,
      Longitude: undefined,
    });
  });

  it('refuses values that cannot be bound to the property type', () => {
    for (const wrong of [{ Latitude: 'north' }, { Latitude: '1,5' }, { Latitude: true }, { Password: ['a'] }, { ApiKey: { a: '1' } }]) {
      expect(bindAntelDto(resetUserPasswordSchema, fields(wrong)), JSON.stringify(wrong)).toBeNull();
    }
  });
});
