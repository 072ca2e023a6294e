import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { CHROMIUM_PATH, EXTENSION_DIR } from './constants';
import { assertTestBuild } from './test-build';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  /** The extension's service worker (waits for it after a restart or a stop). */
  worker(): Promise<Worker>;
  /** Close the browser; the profile is kept when `keepProfile` (to start again with the same one). */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  userDataDir?: string;
  extensionDir?: string;
  headless?: boolean;
  /**
   * Run the browser in this language ("de"): chrome.i18n then answers from public/_locales/<locale>. Measured in
   * headless Debian Chromium: `--lang` alone picks the extension's messages, but leaves Intl (numbers, dates) and
   * navigator.language at en-US; Playwright's `locale` (a locale override in every page) sets those in the pages,
   * as a browser installed in that language would; `--accept-lang` is what it would send to websites. The env
   * variables LANGUAGE and LANG change nothing in headless Chromium. The service worker keeps en-US formats.
   */
  locale?: string;
}

/**
 * Debian's Chromium, headless, with the built extension loaded. The flags keep Chromium off the (closed) network
 * and accept the local tenant's self-signed certificate.
 */
export async function launchExtensionBrowser(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!options.extensionDir) assertTestBuild(extensionDir);
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'm365-e2e-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: { width: 1200, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(options.locale ? [`--lang=${options.locale}`, `--accept-lang=${options.locale}`] : []),
    ],
  });
  const worker = async () => {
    const running = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return running ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  };
  const extensionId = new URL((await worker()).url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    worker,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
