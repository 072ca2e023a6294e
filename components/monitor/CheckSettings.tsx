import { Dropdown, Field, makeStyles, Option, SpinButton, tokens } from '@fluentui/react-components';
import { checkIntervalMinutes, renewalWarningHours } from '@/lib/config/settings';
import { CHECK_INTERVAL_RANGE, clampCheckInterval, RENEWAL_WARNING_CHOICES } from '@/lib/monitor/schedule';
import { useMonitorSettings } from './use-monitor-settings';

const useStyles = makeStyles({ root: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap' } });
const hoursLabel = (hours: number) => (hours === 1 ? '1 hour before' : `${hours} hours before`);

/** How often the monitor checks, and how early it warns before a grant ends. The worker follows both at once. */
export function CheckSettings() {
  const styles = useStyles();
  const settings = useMonitorSettings();
  if (!settings) return null;
  return (
    <div className={styles.root}>
      <Field
        label="Check every (minutes)"
        hint={`From ${CHECK_INTERVAL_RANGE.min} to ${CHECK_INTERVAL_RANGE.max} minutes. Each check asks Microsoft for one token and makes one Graph request per tenant.`}
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
      <Field label="Warn before access ends" hint="Microsoft ends a grant 24 hours after the sign-in; re-grant in time.">
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
