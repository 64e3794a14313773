import { describe, expect, it } from 'vitest';
import { createKeyRing, singleKeyRing } from '../tokens/key-ring.js';
import { backupKeyChecks, backupKeyProblems, backupPepperCheck } from './pepper-check.js';

const OLD = { id: 'pepper', secret: 'the-old-token-pepper-of-32-characters-000' };
const NEW = { id: 'k2', secret: 'the-new-token-key-of-32-characters-000000' };

describe('the backup key check', () => {
  it('accepts a backup from before key ids (TOKEN_PEPPER) under a rotated ring that keeps `pepper`', () => {
    const header = { pepperCheck: backupPepperCheck(singleKeyRing(OLD.secret)) };
    expect(backupKeyProblems(createKeyRing([NEW, OLD]), header)).toEqual([]);
  });

  it('refuses another TOKEN_PEPPER with the message backups always gave', () => {
    const header = { pepperCheck: backupPepperCheck(singleKeyRing(OLD.secret)) };
    expect(backupKeyProblems(singleKeyRing(`${OLD.secret}-other`), header)).toEqual([
      'this backup was made under another TOKEN_PEPPER; restore it with the pepper it was made with',
    ]);
  });

  it('checks every key id both rings know, and names the one that differs, never a secret', () => {
    const made = createKeyRing([NEW, OLD]);
    const header = { pepperCheck: backupPepperCheck(made), keyChecks: backupKeyChecks(made) };
    expect(backupKeyProblems(made, header)).toEqual([]);
    const problems = backupKeyProblems(createKeyRing([{ id: 'k2', secret: 'x'.repeat(32) }, OLD]), header);
    expect(problems).toEqual(["this backup's key k2 is not TOKEN_PEPPERS' key k2; restore it with the keys it was made with"]);
    expect(problems.join()).not.toContain(NEW.secret);
  });
});
