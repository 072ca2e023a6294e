import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { type ManagedSettings, parseManagedSettings } from '@/lib/config/managed-settings';

const NONE: ManagedSettings = { tenants: [] };

/** What enterprise policy sets for this extension (chrome.storage.managed); nothing when no policy applies. */
export function useManagedSettings(): ManagedSettings {
  const [managed, setManaged] = useState<ManagedSettings>(NONE);
  useEffect(() => {
    let current = true;
    browser.storage.managed.get().then(
      (raw) => current && setManaged(parseManagedSettings(raw)),
      // Browsers without a policy store (or without a schema) refuse: no policy, then.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return managed;
}
