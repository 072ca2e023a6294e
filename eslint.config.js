// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import tableOwnersPlugin from './eslint/table-owners.js';

const DOM_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage'].map((name) => ({
  name,
  message: 'lib/ and the service worker have no DOM (the MV3 worker has no window). DOM code lives in lib/msal-host/ or components/.',
}));

// WXT's generated types pull @types/node in through vite, so tsc alone cannot keep Node out of the extension.
const NODE_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'module'].map((name) => ({
  name,
  message: 'The extension runs in the browser: no Node globals here (Node-side code lives in test/, see test/tsconfig.json).',
}));
const NODE_IMPORTS = {
  // A regex, not a gitignore-style group: `events` must not match our own `../store/events`.
  regex: '^(node:.*|fs(/.*)?|path|os|child_process|crypto|url|util|events|stream|buffer|https?)$',
  message: 'The extension runs in the browser: no Node modules here (Node-side code lives in test/).',
};

/** Each stored record type and the one module that writes its table (issue #14: one owner per table). */
const TABLE_OWNERS = {
  TenantRecord: 'lib/store/tenants.ts',
  ConnectorRecord: 'lib/store/connectors.ts',
  DirectoryUser: 'lib/store/directory.ts',
  DirectoryGroup: 'lib/store/directory.ts',
  Membership: 'lib/store/directory.ts',
  SyncCheckpoint: 'lib/store/sync.ts',
  SyncRun: 'lib/store/sync.ts',
  SyncSeenRow: 'lib/store/sync.ts',
  ActivityEvent: 'lib/store/events.ts',
  EventBatch: 'lib/store/events.ts',
  AuditSearchRecord: 'lib/store/events.ts',
  PolicyRecord: 'lib/store/policies.ts',
  AlertRecord: 'lib/store/alerts.ts',
  ActivityLogEntry: 'lib/store/activity-log.ts',
  TenantCheck: 'lib/store/checks.ts',
  GrantRun: 'lib/store/grant-runs.ts',
  TenantLease: 'lib/lease/tenant-lease.ts',
};

/** Schema upgrades rewrite the stores of their version, old record types included: they own their step. */
const SCHEMA_UPGRADES = { 'lib/db/versions/': ['*'] };

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'demo-output/', '.bench/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Extension files find tsconfig.json, test files test/tsconfig.json; the two root configs take test's too.
        projectService: { allowDefaultProject: ['wxt.config.ts', 'vitest.config.ts'], defaultProject: 'test/tsconfig.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The extension: browser and WebExtension globals, nothing of Node (tsconfig.json; Node-side: test/tsconfig.json).
    files: ['lib/**/*.ts', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
    rules: {
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
      'no-restricted-imports': ['error', { patterns: [NODE_IMPORTS] }],
    },
  },
  {
    // Node-side: tests, the local tenant, scripts and configs (pages' code in e2e tests sees the browser's globals).
    files: ['test/**', '*.{ts,js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Worker-safe code: everything in lib/ but the msal host, and the background entrypoint. What the worker may
    // import is .dependency-cruiser.cjs's part (worker-no-dom).
    files: ['lib/**/*.ts', 'entrypoints/background.ts'],
    ignores: ['lib/msal-host/**'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS, ...DOM_GLOBALS] },
  },
  {
    // lib/ decides, entrypoints and components wire and show: lib/ never reaches back into them (and
    // .dependency-cruiser.cjs holds the order of lib/'s own folders).
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_IMPORTS,
            {
              group: ['@/components/*', '@/entrypoints/*', '**/components/*', '**/entrypoints/*'],
              message: 'lib/ must not import components/ or entrypoints/.',
            },
          ],
        },
      ],
    },
  },
  {
    // One owner per table: put/add/update/delete/bulk*/modify/clear on a Dexie table only in its lib/store/ module.
    files: ['lib/**/*.ts', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    plugins: { local: tableOwnersPlugin },
    rules: {
      'local/table-owners': ['error', { owners: TABLE_OWNERS, storeDir: 'lib/store/', allowed: SCHEMA_UPGRADES }],
    },
  },
  {
    // vi.fn() mocks are asserted unbound on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
