// The console page's CPU profile while a sync runs (`npm run bench -- --console-profile PREFIX`): the page the admin
// watches shares the machine's two cores with the storage engine, so what it renders meanwhile is part of the
// increment's cost (issue #18, docs/increment-profile.md).
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Start sampling `page`'s main thread every 0.5 ms; the returned function stops and writes the profile to `file`. */
export async function profileConsole(page: Page): Promise<(file: string) => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async (file) => {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach();
  };
}
