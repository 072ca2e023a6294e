import { storage } from 'wxt/utils/storage';
import { type LiveValue, liveValue, useLiveValue } from '@/components/live-value';
import { checkIntervalMinutes, renewalWarningHours, syncIntervalHours } from '@/lib/config/settings';

/** The monitor's settings from chrome.storage, followed as they change (undefined until read). */
export interface MonitorSettingsView {
  checkIntervalMinutes: number;
  renewalWarningHours: number;
  syncIntervalHours: number;
}

let started: LiveValue<MonitorSettingsView> | undefined;

/**
 * Start reading the settings, and following them, if not yet: the popup calls it before React's first render, so
 * that its rows need not wait for an effect to ask. Read in one storage call for the three.
 */
export function startMonitorSettings(): LiveValue<MonitorSettingsView> {
  started ??= liveValue<MonitorSettingsView>((set, fail) => {
    const items = [checkIntervalMinutes, renewalWarningHours, syncIntervalHours] as const;
    const read = () =>
      storage.getItems([...items]).then((values) => {
        const [check, warning, sync] = values.map(({ value }) => value as number);
        set({ checkIntervalMinutes: check!, renewalWarningHours: warning!, syncIntervalHours: sync! });
      }, fail);
    void read();
    for (const item of items) item.watch(() => void read());
  });
  return started;
}

export function useMonitorSettings(): MonitorSettingsView | undefined {
  return useLiveValue(startMonitorSettings());
}
