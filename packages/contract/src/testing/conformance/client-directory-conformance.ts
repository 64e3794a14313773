import { describe, expect, it } from 'vitest';
import type { ClientDirectory, LegacyApi } from '../../engine/ports.js';

/** The settings of a client a test registers. */
export interface SeededClient {
  readonly name: string;
  readonly resetUrls: readonly string[];
  /** Link lifetime in seconds. */
  readonly ttlSeconds: number;
  readonly minPasswordLength: number;
  readonly legacyApis: readonly LegacyApi[];
  readonly webhookUrl?: string;
}

export interface ClientDirectoryUnderTest {
  readonly clients: ClientDirectory;
  /** Registers the client as an operator would; returns its id. */
  register(client: SeededClient): Promise<string>;
  revoke(clientId: string): Promise<void>;
}

export type MakeClientDirectory = () => Promise<ClientDirectoryUnderTest>;

/** What every ClientDirectory must do: find active clients as the engine needs them, and nothing else. */
export function describeClientDirectoryConformance(adapterName: string, makeDirectory: MakeClientDirectory): void {
  describe(`${adapterName}: the client directory contract`, () => {
    const acme: SeededClient = {
      name: 'Acme Shop',
      resetUrls: ['https://shop.example.com/reset'],
      ttlSeconds: 2 * 86_400,
      minPasswordLength: 10,
      legacyApis: ['antel', 'teenquotes'],
      webhookUrl: 'https://shop.example.com/hooks/pwreset',
    };

    it('finds a registered client with its settings as the engine sees them', async () => {
      const { clients, register } = await makeDirectory();
      const id = await register(acme);
      const found = await clients.findById(id);
      expect(found).toMatchObject({
        id,
        name: 'Acme Shop',
        senderName: 'Acme Shop',
        resetTokenTtlSeconds: 2 * 86_400,
        passwordPolicy: { minLength: 10 },
        legacyApis: ['antel', 'teenquotes'],
        webhookUrl: 'https://shop.example.com/hooks/pwreset',
      });
      // Its own URL is the default link target; our hosted page stays allowed, last.
      expect(found?.resetUrls[0]).toBe('https://shop.example.com/reset');
      expect(found?.resetUrls.length).toBeGreaterThanOrEqual(2);
      expect(found?.passwordPolicy.maxLength).toBeGreaterThanOrEqual(64);
    });

    it('answers null for a client it does not have', async () => {
      const { clients, register } = await makeDirectory();
      await register(acme);
      expect(await clients.findById('cl_nobody')).toBeNull();
    });

    it('no longer finds a revoked client, and still finds the others', async () => {
      const { clients, register, revoke } = await makeDirectory();
      const revoked = await register(acme);
      const kept = await register({ ...acme, name: 'Kept', legacyApis: [] });
      await revoke(revoked);
      expect(await clients.findById(revoked)).toBeNull();
      expect(await clients.findById(kept)).toMatchObject({ id: kept, name: 'Kept' });
    });
  });
}
