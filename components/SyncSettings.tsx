import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { syncIntervalHours } from '@/lib/config/settings';
import { t, tCount } from '@/lib/i18n/t';
import { SYNC_INTERVAL_CHOICES } from '@/lib/sync/schedule';

const label = (hours: number) =>
  hours === 24 ? t('syncSettings_onceADay') : tCount(hours, { one: 'syncSettings_everyHour', other: 'syncSettings_everyHours' });

/** How often the scheduled directory sync runs; the worker re-arms its alarms when this changes. */
export function SyncSettings() {
  const [hours, setHours] = useState<number>();
  useEffect(() => {
    void syncIntervalHours.getValue().then(setHours);
    return syncIntervalHours.watch((value) => setHours(value));
  }, []);
  if (hours === undefined) return null;
  return (
    <Field label={t('syncSettings_label')} hint={t('syncSettings_hint')}>
      <Dropdown
        value={label(hours)}
        selectedOptions={[String(hours)]}
        onOptionSelect={(_, data) => void syncIntervalHours.setValue(Number(data.optionValue))}
      >
        {SYNC_INTERVAL_CHOICES.map((choice) => (
          <Option key={choice} value={String(choice)}>
            {label(choice)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
