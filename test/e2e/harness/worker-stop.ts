import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser';

interface WorkerVersion {
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

/**
 * Stop the extension's service worker as Chrome does when it idles: the DevTools protocol's
 * `ServiceWorker.stopAllWorkers`, from a CDP session on one of the extension's pages (Target.closeTarget on the
 * worker target answers success in Chromium 156 but leaves it running). Resolves once Chrome reports the worker
 * stopped. Playwright keeps the old Worker object afterwards: do not evaluate in it until the worker runs again.
 */
export async function stopExtensionWorker(browser: ExtensionBrowser, page: Page, timeout = 10_000): Promise<void> {
  const cdp = await browser.context.newCDPSession(page);
  const script = `chrome-extension://${browser.extensionId}/`;
  let sawRunning = false;
  const stopped = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The extension's worker did not stop within ${timeout} ms`)), timeout);
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: WorkerVersion[] }) => {
      const ours = versions.filter((v) => v.scriptURL.startsWith(script));
      if (ours.some((v) => v.runningStatus !== 'stopped')) sawRunning = true;
      if (sawRunning && ours.length > 0 && ours.every((v) => v.runningStatus === 'stopped')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  try {
    await stopped;
  } finally {
    await cdp.detach();
  }
}
