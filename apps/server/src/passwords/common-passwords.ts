import type { CommonPasswordList } from '@pwreset/contract';

/**
 * A starter list of the most common passwords (lower-cased). The full list of the policy issue
 * replaces it; the interface, a Set lookup in O(1), stays.
 */
const MOST_COMMON = [
  '123456', '123456789', '12345678', 'password', 'qwerty123', 'qwerty1', '111111', '12345', 'secret',
  '123123', '1234567890', '1234567', '000000', 'qwerty', 'abc123', 'password1', 'iloveyou', '11111111',
  'dragon', 'monkey', '123321', 'qwertyuiop', '00000000', 'password123', 'letmein', 'football', 'baseball',
  'welcome', 'welcome1', 'sunshine', 'princess', 'admin', 'admin123', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'starwars', 'whatever', 'trustno1', 'superman', 'batman', 'master', 'shadow', 'michael', 'jennifer',
  'hello123', 'freedom', 'charlie', 'aa123456', 'zaq12wsx', '1q2w3e4r', '1q2w3e4r5t', 'asdfghjk', 'asdfasdf',
  'changeme', 'computer', 'internet', 'mustang', 'access', 'killer', 'hunter2', 'loveme', 'azerty', 'azerty123',
  'motdepasse', 'wachtwoord', 'contraseña', 'contrasena', 'soleil', 'bonjour', 'welkom01', 'qwerty12345',
];

export function commonPasswordList(words: readonly string[] = MOST_COMMON): CommonPasswordList {
  const set = new Set(words.map((word) => word.normalize('NFKC').toLowerCase()));
  return { has: (password) => set.has(password) };
}
