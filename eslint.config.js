// One lint configuration for the whole monorepo; packages run `eslint .` from their folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/var/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Build and generation scripts run on Node as plain ES modules.
    files: ['**/*.mjs'],
    languageOptions: { globals: { URL: 'readonly', console: 'readonly', process: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      // An un-awaited promise on the request path is either a bug or a timing leak.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is read and validated in one place per process (README, "Configuration"): everything else
      // receives it as arguments, so no module acts on a variable nobody validated.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: "Read configuration in a config module (apps/server/src/config, the kit's config) and pass it in.",
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
          message: 'Read configuration in a config module and pass it in.',
        },
      ],
    },
  },
  {
    // The modules that own configuration: the server's, worker's and CLI's (apps/server/src/config),
    // the verification kit's, and test infrastructure, which passes the environment to the processes it starts.
    files: [
      'apps/server/src/config/**',
      'packages/contract-verify/src/config/**',
      // The bench's peer reads its environment in its entry point only (peer-environment.ts validates it).
      'packages/bench-peer-better-auth/src/main.ts',
      'packages/testing/src/**',
      '**/test/**',
      '**/*.test.ts',
    ],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
);
