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

/** Each stored record type and the one module that writes its table (issue #14: one owner per table). */
const TABLE_OWNERS = {
  TenantRecord: 'lib/store/tenants.ts',
  ConnectorRecord: 'lib/store/connectors.ts',
  DirectoryUser: 'lib/store/directory.ts',
  DirectoryGroup: 'lib/store/directory.ts',
  Membership: 'lib/store/directory.ts',
  SyncCheckpoint: 'lib/store/sync.ts',
  SyncRun: 'lib/store/sync.ts',
  SyncLease: 'lib/store/sync.ts',
  SyncSeenRow: 'lib/store/sync.ts',
  ActivityEvent: 'lib/store/events.ts',
  PolicyRecord: 'lib/store/policies.ts',
  AlertRecord: 'lib/store/alerts.ts',
  ActivityLogEntry: 'lib/store/activity-log.ts',
  TenantCheck: 'lib/store/checks.ts',
  GrantRun: 'lib/store/grant-runs.ts',
};

/** Schema upgrades rewrite the stores of their version, old record types included: they own their step. */
const SCHEMA_UPGRADES = { 'lib/db/versions/': ['*'] };

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'demo-output/', '.bench/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
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
    // Worker-safe code: everything in lib/ but the msal host, and the background entrypoint.
    files: ['lib/**/*.ts', 'entrypoints/background.ts'],
    ignores: ['lib/msal-host/**'],
    rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] },
  },
  {
    // lib/ decides, entrypoints and components wire and show: lib/ never reaches back into them.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
