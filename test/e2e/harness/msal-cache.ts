import type { Page } from 'playwright-core';

/**
 * What msal's browser cache says about which accounts are signed in: its index keys (`msal.<schema>.account.keys`, a
 * list of account keys, and `msal.<schema>.token.keys.<clientId>`, the keys of each account's tokens; msal-browser
 * v5 src/cache/CacheKeys.ts) with their values, and every other key's name. msal lives in the offscreen document;
 * localStorage belongs to the extension's origin, so any extension page reads the same storage. Token values are
 * encrypted (never read here); the index names each account by its home account id, `<object id>.<tenant id>`.
 */
export async function msalCacheIndex(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      if (!key.startsWith('msal.')) continue;
      parts.push(key);
      if (/\.(account|token)\.keys(\.|$)/.test(key)) parts.push(localStorage.getItem(key) ?? '');
    }
    return parts.join('\n');
  });
}

/** Does msal's cache hold an account (or tokens) of the user with this object id? */
export async function msalHoldsAccount(page: Page, objectId: string): Promise<boolean> {
  return (await msalCacheIndex(page)).toLowerCase().includes(`${objectId.toLowerCase()}.`);
}
