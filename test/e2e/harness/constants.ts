import path from 'node:path';

/**
 * The local tenant of the end-to-end tests; the test build of the extension is made for this URL. `E2E_TENANT_PORT`
 * moves it, so that two checkouts can run their e2e tests side by side.
 */
export const E2E_TENANT_PORT = Number(process.env.E2E_TENANT_PORT ?? 9443);
export const E2E_TENANT_URL = `https://localhost:${E2E_TENANT_PORT}`;
/** The app registration the local tenant knows (its default) and the test build pre-fills. */
export const E2E_CLIENT_ID = '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b';
export const E2E_TENANT_DOMAIN = 'contoso.onmicrosoft.com';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
/**
 * The test build's own folder (test/scripts/build-for-tests.mjs): `npm run build` and `npm run zip` write
 * .output/chrome-mv3 and can never replace it.
 */
export const TEST_BUILD_DIR = path.join(REPO_ROOT, '.output/test');
export const EXTENSION_DIR = path.join(TEST_BUILD_DIR, 'chrome-mv3');
/** Written by test/scripts/build-for-tests.mjs next to the build: which tenant URL the build was made for. */
export const TEST_BUILD_STAMP = path.join(TEST_BUILD_DIR, 'test-build.json');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The sentence every successful grant ends with (the product's promise, in English: the tests run the browser in English). */
export const SUCCESS_SENTENCE = 'Successfully created a service account and synced data.';
