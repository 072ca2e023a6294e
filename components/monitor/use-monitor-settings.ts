import { useEffect, useState } from 'react';
import { storage } from 'wxt/utils/storage';
import { checkIntervalMinutes, renewalWarningHours, syncIntervalHours } from '@/lib/config/settings';

/** The monitor's settings from chrome.storage, followed as they change (undefined until read). */
export interface MonitorSettingsView {
  checkIntervalMinutes: number;
  renewalWarningHours: number;
  syncIntervalHours: number;
}

export function useMonitorSettings(): MonitorSettingsView | undefined {
  const [settings, setSettings] = useState<MonitorSettingsView>();
  useEffect(() => {
    const items = [checkIntervalMinutes, renewalWarningHours, syncIntervalHours] as const;
    // One storage read for the three: the popup waits for them before its first paint.
    const read = async () => {
      const [check, warning, sync] = (await storage.getItems([...items])).map(({ value }) => value as number);
      setSettings({ checkIntervalMinutes: check!, renewalWarningHours: warning!, syncIntervalHours: sync! });
    };
    void read();
    const stops = items.map((item) => item.watch(() => void read()));
    return () => stops.forEach((stop) => stop());
  }, []);
  return settings;
}
