import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineConfig } from 'wxt';
import { availableClouds } from './lib/config/clouds';
import { extensionPagesCsp } from './lib/config/content-security-policy';
import { MANIFEST_KEY } from './lib/config/extension-identity';

// Permissions, each used and named in the README:
// - identity: chrome.identity.launchWebAuthFlow opens Microsoft's sign-in window and catches the redirect.
// - offscreen (Chrome/Edge): the offscreen document that hosts msal-browser (the MV3 worker has no DOM).
// - storage: enterprise policy (chrome.storage.managed) and small settings (the sync interval).
// - alarms: the health checks, the scheduled directory sync, and waking the worker to resume a sync it was stopped in.
// - notifications: one notification when a connector needs action now, with a Re-grant button.
// - unlimitedStorage: the tenants, grants and directory mirror in IndexedDB are exempt from the origin's quota and from
//   eviction under storage pressure (https://developer.chrome.com/docs/extensions/develop/concepts/storage-and-cookies:
//   it "exempts extensions from both quota restrictions and eviction"; navigator.storage.persist() only protects
//   against eviction, and a service worker cannot call it). Firefox reads it the same way for extension IndexedDB.
// No host permissions: Entra ID's token endpoint and Microsoft Graph answer cross-origin requests (CORS), in every
// cloud. The content security policy is strict and lists the only hosts the extension may connect to. SECURITY.md
// explains each choice; test/e2e/manifest.test.ts holds the built manifest to it.
export default defineConfig({
  // The demo builds into its own folder so it never replaces the test build.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // MV3 everywhere, Firefox too (WXT's default for Firefox is MV2).
  manifestVersion: 3,
  modules: ['@wxt-dev/module-react'],
  hooks: {
    // Firefox's background is an event page with a DOM that hosts msal itself: its own file, so Chrome's service
    // worker (entrypoints/background.ts) never imports the msal host.
    'entrypoints:found': (wxt, entrypoints) => {
      if (wxt.config.browser !== 'firefox') return;
      const background = entrypoints.find((entry) => entry.type === 'background');
      if (background) background.inputPath = path.resolve(wxt.config.root, 'entrypoints/firefox/background.ts');
    },
    // WXT takes the button's title from popup.html's <title>, which cannot be localized: the manifest gets the message.
    'build:manifestGenerated': (_wxt, manifest) => {
      const action = manifest.action as { default_title?: string } | undefined;
      if (action) action.default_title = '__MSG_actionTitle__';
    },
    // The store package (`wxt zip`, `npm run zip`) has no `key`: a store assigns the id of what it publishes, and the
    // key only fixes the id of development and test builds (`wxt`, `wxt build`, build:test), whose redirect URI
    // admins and tests register. `npm run zip` then opens the zip and checks (test/scripts/store-package.ts).
    'zip:extension:start': async (wxt) => {
      if (wxt.config.browser === 'firefox') return;
      const file = path.join(wxt.config.outDir, 'manifest.json');
      const { key: _key, ...manifest } = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      await writeFile(file, JSON.stringify(manifest));
    },
    // `npm run bench` only: its pages (test/bench/floor, monitor-page, bare-page, bare-console) join the bench build;
    // production builds never see them.
    'entrypoints:resolved': (wxt, entrypoints) => {
      if (process.env.WXT_BENCH_FLOOR !== 'true') return;
      const pages: Array<[name: string, dir: string]> = [
        ['bench-floor', 'floor'],
        ['bench-monitor', 'monitor-page'],
        ['bench-bare', 'bare-page'],
        ['bench-bare-console', 'bare-console'],
      ];
      for (const [name, dir] of pages) {
        const inputPath = path.resolve(wxt.config.root, `test/bench/${dir}/index.html`);
        entrypoints.push({ type: 'unlisted-page', name, inputPath, outputDir: wxt.config.outDir, options: {} });
      }
    },
  },
  manifest: ({ browser, command }) => ({
    // Name, description and the button's title come from public/_locales (English and German).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions:
      browser === 'firefox'
        ? ['identity', 'storage', 'unlimitedStorage', 'alarms', 'notifications']
        : ['identity', 'offscreen', 'storage', 'unlimitedStorage', 'alarms', 'notifications'],
    storage: { managed_schema: 'managed-schema.json' },
    // `wxt dev` loads scripts from its dev server, so only built packages get the policy.
    ...(command === 'build'
      ? { content_security_policy: { extension_pages: extensionPagesCsp(availableClouds(process.env.WXT_LOCAL_TENANT_URL)) } }
      : {}),
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
  }),
});
