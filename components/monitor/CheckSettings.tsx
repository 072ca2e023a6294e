import { Dropdown, Field, makeStyles, Option, SpinButton, tokens } from '@fluentui/react-components';
import { checkIntervalMinutes, renewalWarningHours } from '@/lib/config/settings';
import { formatCount } from '@/lib/i18n/format';
import { t, tCount } from '@/lib/i18n/t';
import { CHECK_INTERVAL_RANGE, clampCheckInterval, RENEWAL_WARNING_CHOICES } from '@/lib/monitor/schedule';
import { useMonitorSettings } from './use-monitor-settings';

const useStyles = makeStyles({ root: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap' } });
const hoursLabel = (hours: number) => tCount(hours, { one: 'checkSettings_hoursBeforeOne', other: 'checkSettings_hoursBeforeOther' });

/** How often the monitor checks, and how early it warns before a grant ends. The worker follows both at once. */
export function CheckSettings() {
  const styles = useStyles();
  const settings = useMonitorSettings();
  if (!settings) return null;
  return (
    <div className={styles.root}>
      <Field
        label={t('checkSettings_intervalLabel')}
        hint={t('checkSettings_intervalHint', formatCount(CHECK_INTERVAL_RANGE.min), formatCount(CHECK_INTERVAL_RANGE.max))}
      >
        <SpinButton
          value={settings.checkIntervalMinutes}
          min={CHECK_INTERVAL_RANGE.min}
          max={CHECK_INTERVAL_RANGE.max}
          onChange={(_, data) => {
            const typed = data.value ?? (data.displayValue !== undefined ? Number(data.displayValue) : undefined);
            if (typed !== undefined && Number.isFinite(typed)) void checkIntervalMinutes.setValue(clampCheckInterval(typed));
          }}
        />
      </Field>
      <Field label={t('checkSettings_warnLabel')} hint={t('checkSettings_warnHint')}>
        <Dropdown
          value={hoursLabel(settings.renewalWarningHours)}
          selectedOptions={[String(settings.renewalWarningHours)]}
          onOptionSelect={(_, data) => void renewalWarningHours.setValue(Number(data.optionValue))}
        >
          {RENEWAL_WARNING_CHOICES.map((hours) => (
            <Option key={hours} value={String(hours)}>
              {hoursLabel(hours)}
            </Option>
          ))}
        </Dropdown>
      </Field>
    </div>
  );
}
