// ESLint flat config: typescript-eslint's recommended rules, plus the project's architecture rules.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '*.vsix'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', Buffer: 'readonly', __dirname: 'readonly', fetch: 'readonly', document: 'readonly', window: 'readonly', MutationObserver: 'readonly', getComputedStyle: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Named exports only: files are named after what they export.
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // The pure core runs under plain Node (CLI, unit tests, dist/core.js): it must never reach VS Code.
    files: ['src/model/**/*.ts', 'src/cli/**/*.ts', 'src/core.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The core must not import vscode; put editor code in src/extension/.' }],
          patterns: [{ group: ['**/extension/**', '../extension', '../extension/*'], message: 'The core must not depend on the VS Code adapter.' }],
        },
      ],
    },
  },
  {
    files: ['eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
