import { useEffect, useState } from 'react';
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
    const read = async () =>
      setSettings({
        checkIntervalMinutes: await checkIntervalMinutes.getValue(),
        renewalWarningHours: await renewalWarningHours.getValue(),
        syncIntervalHours: await syncIntervalHours.getValue(),
      });
    void read();
    const stops = [checkIntervalMinutes, renewalWarningHours, syncIntervalHours].map((item) => item.watch(() => void read()));
    return () => stops.forEach((stop) => stop());
  }, []);
  return settings;
}
