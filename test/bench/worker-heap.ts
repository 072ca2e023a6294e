import type { BrowserContext, CDPSession } from 'playwright-core';

export interface HeapSampler {
  /** Highest `usedSize` seen since start (bytes); undefined when no sample could be taken. */
  stop(): Promise<{ peakBytes?: number; samples: number }>;
}

/**
 * Sample the extension worker's JS heap (`Runtime.getHeapUsage`) through the DevTools protocol on the browser target:
 * Playwright gives no CDP session for service workers, so the worker is attached to (not flattened) and spoken to
 * through `Target.sendMessageToTarget`.
 */
export async function sampleWorkerHeap(context: BrowserContext, extensionId: string, intervalMs = 100): Promise<HeapSampler> {
  const browser = context.browser();
  if (!browser) throw new Error('sampleWorkerHeap needs a Chromium browser');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('the extension worker is not running');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });

  let nextId = 0;
  const pending = new Map<number, (usedSize: number | undefined) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const answer = JSON.parse(event.message) as { id?: number; result?: { usedSize?: number } };
    if (answer.id !== undefined) pending.get(answer.id)?.(answer.result?.usedSize);
    if (answer.id !== undefined) pending.delete(answer.id);
  });
  const heapUsed = () =>
    new Promise<number | undefined>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) })
        .catch(() => resolve(undefined));
      setTimeout(() => resolve(undefined), 5_000);
    });

  let peak: number | undefined;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const used = await heapUsed();
      if (used !== undefined) {
        samples++;
        peak = Math.max(peak ?? 0, used);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await cdp.detach().catch(() => undefined);
      return { ...(peak !== undefined ? { peakBytes: peak } : {}), samples };
    },
  };
}
