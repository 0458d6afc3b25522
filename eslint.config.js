import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering, enforced (VS Code style): imports flow renderer -> shared, electron -> core/worker + shared,
 * core -> shared. Only electron/ may import electron; the renderer never reaches core, SQL or crypto.
 */
const nodeOnly = ['node:*', 'better-sqlite3', 'libsodium-wrappers-sumo'];
/** Bare Node built-ins ('crypto', 'fs/promises'): exact names, since a pattern 'domain' would also match '../shared/domain'. */
const builtinPaths = (message) => builtinModules.map((name) => ({ name, message }));
/** A folder and anything in it, however the path is written ('../core', '../core/x', '../../src/core/x'). */
const layer = (name) => [`**/${name}`, `**/${name}/**`];
/** Dynamic import() and require() of electron, which no-restricted-imports does not see. */
const noDynamicElectron = [
  'error',
  { selector: "ImportExpression[source.value='electron']", message: 'Only electron/ may import electron.' },
  { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: 'Only electron/ may import electron.' },
];
const restrict = (groups, message) => ({ group: groups, message });
/** The core's own rule (repeated where a later block adds to it: a rule's options replace, they do not merge). */
const coreImports = {
  paths: [{ name: 'electron', message: 'The vault core is plain Node: never import electron.' }],
  patterns: [restrict([...layer('renderer'), ...layer('cli'), ...layer('preview'), ...layer('electron'), 'react', 'react-dom'], 'The core depends only on shared.')],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/ may import electron.' }] }],
      'no-restricted-syntax': noDynamicElectron,
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict([...layer('renderer')], 'The shell does not import renderer code.'), restrict(['**/core/service*', '**/core/vault/**', '**/core/crypto/**'], 'The main process talks to the core only through the worker client.')] },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared is the contract: no electron.' }, ...builtinPaths('shared runs in the renderer too: no Node modules.')],
          patterns: [restrict([...layer('core'), ...layer('renderer'), ...layer('cli'), ...layer('electron')], 'shared imports nothing of the app.'), restrict(nodeOnly, 'shared runs in the renderer too: no Node modules.')],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreImports],
      'no-console': 'error',
    },
  },
  {
    // service.ts is a facade over the modules in core/vault-service/: only the router and the worker that hosts
    // the service import it, so nothing it delegates to can import it back and close a circle.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/service.ts', 'src/core/router.ts', 'src/core/worker/host.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...coreImports, patterns: [...coreImports.patterns, restrict(['**/service', '**/service.ts', '**/service.js'], 'Only the router and the worker host import the service facade (src/core/service.ts).')] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.fieldvault.' }, ...builtinPaths('The renderer never sees Node, SQL or keys.')],
          patterns: [restrict([...layer('core'), ...layer('cli'), ...layer('preview'), ...layer('electron')], 'The renderer talks only to window.fieldvault (src/shared types are fine).'), restrict(nodeOnly, 'The renderer never sees Node, SQL or keys.')],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The CLI and preview run without Electron.' }], patterns: [restrict([...layer('renderer'), ...layer('electron')], 'No UI or shell code here.')] },
      ],
    },
  },
);
