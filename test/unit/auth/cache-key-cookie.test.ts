import { describe, expect, it } from 'vitest';
import { withCacheKeyCookie } from '../../../lib/msal-host/cache-key-cookie';

/** A document whose cookie jar keeps what was written, as the browser would (max-age=0 removes a cookie). */
function fakeDocument(): Document & { written: string[] } {
  const jar = new Map<string, string>();
  const written: string[] = [];
  return {
    written,
    get cookie() {
      return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(text: string) {
      written.push(text);
      const [pair = '', ...attributes] = text.split(';');
      const [name = '', ...value] = pair.split('=');
      if (attributes.some((a) => a.trim() === 'max-age=0')) jar.delete(name);
      else jar.set(name, value.join('='));
    },
  } as Document & { written: string[] };
}

const KEY = JSON.stringify({ id: '5f0c1a4e-0d7b-4c1e-9a53-0b6f1e2d3c4b', key: 'k'.repeat(43) });

describe('withCacheKeyCookie', () => {
  it('lends msal the key through its cookie only while msal starts, as a session cookie, then removes it', async () => {
    const doc = fakeDocument();
    let seen = '';
    const answer = await withCacheKeyCookie(
      KEY,
      () => {
        seen = doc.cookie;
        return Promise.resolve(42);
      },
      doc,
    );
    expect(answer).toBe(42);
    expect(seen).toBe(`msal.cache.encryption=${encodeURIComponent(KEY)}`);
    expect(doc.cookie).toBe('');
    const attributes = doc.written[0]!.split(';')
      .slice(1)
      .map((part) => part.trim().toLowerCase());
    expect(attributes.some((a) => a.startsWith('max-age') || a.startsWith('expires'))).toBe(false);
    // msal's own cookie is Secure, which Chromium drops on chrome-extension:// pages (docs/design.md).
    expect(attributes).not.toContain('secure');
  });

  it('removes the key even when msal fails to start', async () => {
    const doc = fakeDocument();
    await expect(withCacheKeyCookie(KEY, () => Promise.reject(new Error('no')), doc)).rejects.toThrow('no');
    expect(doc.cookie).toBe('');
  });
});
