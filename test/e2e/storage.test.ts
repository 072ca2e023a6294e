import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openExtensionPage } from './harness/extension';
import { useE2ESession } from './harness/session';

// Storage that is never silently lost, in Chromium: the extension's IndexedDB is exempt from the origin's quota (and,
// by Chrome's documentation of unlimitedStorage, from eviction). The full disk itself is proven in the unit tests
// (test/unit/storage/full-disk.test.ts, test/unit/sync/full-disk.test.ts).
const session = useE2ESession({ orgs: [{ users: 20, premium: false }] });

/** Write ~1 KB random records in one transaction of a scratch database; how the transaction ended. */
function writeScratch(page: Page, records: number): Promise<string> {
  return page.evaluate(
    (records) =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('scratch', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('x', { autoIncrement: true });
        open.onerror = () => resolve(`not opened: ${String(open.error?.name)}`);
        open.onsuccess = () => {
          const transaction = open.result.transaction('x', 'readwrite');
          for (let n = 0; n < records; n++) transaction.objectStore('x').put({ text: crypto.getRandomValues(new Uint8Array(1000)).join() });
          transaction.oncomplete = () => resolve('committed');
          transaction.onabort = () => resolve(String(transaction.error?.name));
        };
      }),
    records,
  );
}

describe('Storage that is never silently lost', () => {
  it('is exempt from the quota: with its quota lowered to 1 KB, the extension still commits 300 KB', async () => {
    const { context, extensionId } = session.browser;
    const page = await openExtensionPage(context, extensionId, 'options.html');
    const cdp = await context.newCDPSession(page);
    // URL.origin is "null" for chrome-extension: URLs; the protocol wants the scheme and host.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${extensionId}`, quotaSize: 1024 });
    expect(await page.evaluate(async () => (await navigator.storage.estimate()).quota)).toBe(1024);
    expect(await writeScratch(page, 300)).toBe('committed');
  });
});
