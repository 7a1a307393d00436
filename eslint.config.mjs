// ESLint flat config: typescript-eslint's recommended rules, plus the project's architecture rules.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const CORE_FOLDERS = ['text', 'format', 'anchoring', 'article', 'corpus', 'output', 'suggestions'];
const NO_VSCODE = { name: 'vscode', message: 'The core must not import vscode; put editor code in src/extension/.' };
const NO_ADAPTER = { group: ['**/extension/**', '../extension', '../extension/*'], message: 'The core must not depend on the VS Code adapter.' };

function coreLayers() {
  const layers = CORE_FOLDERS.map((folder, level) => ({
    files: [`src/model/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_VSCODE],
          patterns: [
            NO_ADAPTER,
            ...CORE_FOLDERS.slice(level + 1).map((above) => ({ group: [`../${above}/*`, `../../${above}/*`], message: `src/model/${folder} may not import src/model/${above}, which is above it.` })),
          ],
        },
      ],
    },
  }));
  return [{ files: ['src/cli/**/*.ts', 'src/core.ts'], rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [NO_ADAPTER] }] } }, ...layers];
}

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
  // What the core makes per article or per entry stays young: a generator function or an object literal's
  // getter made inside a function is kept in the old generation with everything its scope holds (an
  // article's text and model), past the young generation's collections (README, "Architecture").
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        { selector: ':function :matches(FunctionDeclaration, FunctionExpression)[generator=true]', message: 'Declare generators at module level or as methods: one made per call is kept in the old generation with its scope.' },
        { selector: ':function ObjectExpression > Property[kind=/^[gs]et$/]', message: 'Use a class with getters on its prototype: an object literal\'s getter is kept in the old generation with its scope.' },
      ],
    },
  },
  // The pure core runs under plain Node (CLI, unit tests, dist/core.js): it must never reach VS Code.
  // Inside it, each folder may import only the folders below it (README, "Architecture"):
  // text ← format ← anchoring ← article ← corpus ← output.
  ...coreLayers(),
  {
    files: ['eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
