import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { ExtensionBrowser } from './browser';

/**
 * Send one DevTools command to the extension's offscreen document (msal's home), which Playwright does not list as a
 * page: through the browser's target list. The worker makes the document first when there is none.
 */
async function offscreenCommand<T>(browser: ExtensionBrowser, method: string, params: object): Promise<T> {
  const worker = await browser.worker();
  await worker.evaluate(async () => {
    if ((await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length > 0) return;
    await chrome.offscreen.createDocument({ url: 'offscreen.html', reasons: ['LOCAL_STORAGE'], justification: 'test' });
  });
  const cdp = await browserSession(browser);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; url: string }> };
    const target = targetInfos.find((t) => t.url === `chrome-extension://${browser.extensionId}/offscreen.html`);
    if (!target) throw new Error('No offscreen document');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const answer = new Promise<T>((resolve, reject) =>
      cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
        const message = JSON.parse(event.message) as { id?: number; result?: T; error?: { message: string } };
        if (event.sessionId !== sessionId || message.id !== 1) return;
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result as T);
      }),
    );
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method, params }) });
    return await answer;
  } finally {
    await cdp.detach();
  }
}

/** Evaluate an expression in the offscreen document; it must return a string (or a promise of one). */
export async function inOffscreenDocument(browser: ExtensionBrowser, expression: string): Promise<string> {
  const params = { expression, returnByValue: true, awaitPromise: true };
  const answer = await offscreenCommand<{ result?: { value?: string } }>(browser, 'Runtime.evaluate', params);
  return answer.result?.value ?? '';
}

/** Everything the offscreen document keeps: localStorage, sessionStorage, its cookies, every IndexedDB record. */
export async function offscreenStorage(browser: ExtensionBrowser): Promise<string> {
  return inOffscreenDocument(
    browser,
    `(async () => {
      const dump = { localStorage: { ...localStorage }, sessionStorage: { ...sessionStorage }, cookie: document.cookie, indexedDB: {} };
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise((resolve, reject) => { const o = indexedDB.open(name); o.onsuccess = () => resolve(o.result); o.onerror = () => reject(o.error); });
        for (const store of db.objectStoreNames) {
          dump.indexedDB[name + '/' + store] = await new Promise((resolve, reject) => {
            const r = db.transaction(store).objectStore(store).getAll();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
        }
        db.close();
      }
      return JSON.stringify(dump);
    })()`,
  );
}

/** The DevTools targets that are frames (an iframe out of its parent's process shows as one). */
export async function frameTargets(browser: ExtensionBrowser): Promise<string[]> {
  const cdp = await browserSession(browser);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
    return targetInfos.filter((t) => t.type === 'iframe').map((t) => t.url);
  } finally {
    await cdp.detach();
  }
}

/** The files of a closed browser's profile in which any of `needles` appears (as UTF-8 or UTF-16 bytes). */
export async function profileFilesContaining(userDataDir: string, needles: string[]): Promise<string[]> {
  const patterns = needles.flatMap((needle) => [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]);
  const found: string[] = [];
  for (const file of await filesUnder(userDataDir)) {
    if ((await stat(file)).size > 64 * 1024 * 1024) continue;
    const bytes = await readFile(file);
    if (patterns.some((pattern) => bytes.includes(pattern))) found.push(path.relative(userDataDir, file));
  }
  return found;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

async function browserSession(browser: ExtensionBrowser): Promise<CDPSession> {
  const chromium = browser.context.browser();
  if (!chromium) throw new Error('A Chromium browser is needed');
  return chromium.newBrowserCDPSession();
}
