import type { Page, Worker } from 'playwright-core';

/**
 * Send one of the extension's own messages (lib/messaging/protocol.ts) from an extension page, as its UI does
 * (@webext-core/messaging's wire format: id, type, data, timestamp; the answer comes back as `{ res }` or `{ err }`).
 * For actions the test needs at a moment the UI does not offer, e.g. a check right after a tenant change.
 */
export async function askWorker<T = unknown>(page: Page, type: string, data?: unknown): Promise<T> {
  return page.evaluate(
    ({ type, data }) =>
      new Promise<T>((resolve, reject) => {
        chrome.runtime.sendMessage(
          { id: Date.now(), type, data, timestamp: Date.now() },
          (answer: { res?: T; err?: { message?: string } }) => {
            if (chrome.runtime.lastError) reject(new Error(chrome.runtime.lastError.message));
            else if (answer?.err) reject(new Error(answer.err.message ?? 'the worker failed'));
            else resolve(answer?.res as T);
          },
        );
      }),
    { type, data },
  );
}

/** Run the monitor's check now and wait for it to finish. */
export async function checkNow(page: Page): Promise<void> {
  const result = await askWorker<{ ok: boolean; error?: { message: string } }>(page, 'worker:checkNow');
  if (!result.ok) throw new Error(`The check failed: ${JSON.stringify(result.error)}`);
}

/** The extension's notifications on screen now (ids and titles). */
export async function shownNotifications(page: Page): Promise<string[]> {
  return page.evaluate(() => new Promise<string[]>((resolve) => chrome.notifications.getAll((all) => resolve(Object.keys(all)))));
}

/**
 * Press a button of one of the extension's notifications, as the admin would on the system's notification. No API
 * clicks a notification; Chromium's extension event objects carry `dispatch` (its own bindings use it:
 * extensions/renderer/bindings/event_emitter.cc), which fires the worker's `onButtonClicked` listeners.
 */
export async function pressNotificationButton(worker: Worker, notificationId: string, buttonIndex: number): Promise<void> {
  await worker.evaluate(
    ({ id, index }) =>
      (chrome.notifications.onButtonClicked as unknown as { dispatch(id: string, index: number): void }).dispatch(id, index),
    { id: notificationId, index: buttonIndex },
  );
}
