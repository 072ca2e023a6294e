import { defineConfig } from 'wxt';
import { MANIFEST_KEY } from './lib/config/extension-identity';

// Permissions, each used and named in the README:
// - identity: chrome.identity.launchWebAuthFlow opens Microsoft's sign-in window and catches the redirect.
// - offscreen (Chrome/Edge): the offscreen document that hosts msal-browser (the MV3 worker has no DOM).
// - storage: enterprise policy (chrome.storage.managed) and small settings (the sync interval).
// - alarms: the scheduled directory sync, and waking the worker to resume a sync it was stopped in.
// No host permissions: Entra ID's token endpoint and Microsoft Graph answer cross-origin requests (CORS).
export default defineConfig({
  // The demo builds into its own folder so it never replaces the test build.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // MV3 everywhere, Firefox too (WXT's default for Firefox is MV2).
  manifestVersion: 3,
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'Microsoft 365 Connector Admin',
    description:
      'Connect Exchange Online, SharePoint Online and OneDrive to your cloud app security service, and know at once when access stops working.',
    permissions: browser === 'firefox' ? ['identity', 'storage', 'alarms'] : ['identity', 'offscreen', 'storage', 'alarms'],
    storage: { managed_schema: 'managed-schema.json' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'm365-connector-admin@example.com',
              // 140 (the ESR) is the first Firefox that reads data_collection_permissions.
              strict_min_version: '140.0',
              // Nothing leaves the browser for us: the extension talks only to the tenant's own Microsoft hosts.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { key: MANIFEST_KEY, minimum_chrome_version: '116' }),
    action: { default_title: 'Microsoft 365 connectors' },
  }),
});
