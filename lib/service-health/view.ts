import type { ConnectorServiceHealth } from '../db/types';
import { timeAgo } from '../format/time-ago';
import { t } from '../i18n/t';
import { say } from '../errors/phrase';
import { healthPhrase, storedHealthState } from './status';

/** What a connector shows of Microsoft's service health: a state for the icon, words, and the age of the read. */
export interface ServiceHealthView {
  state: ConnectorServiceHealth['state'];
  words: string;
  /** `checked 5 min ago`; absent when health was never read. */
  checked?: string;
}

/** The connector's last read of service health as the admin reads it (never by colour alone: words and an age). Pure. */
export function serviceHealthView(health: ConnectorServiceHealth | undefined, now: number): ServiceHealthView {
  if (!health) return { state: 'unknown', words: t('connectors_healthNotChecked') };
  // Worded from Microsoft's status now, in the language of the moment the component shows it.
  return {
    state: storedHealthState(health),
    words: say(healthPhrase(health)),
    checked: t('connectors_healthChecked', timeAgo(health.checkedAt, now)),
  };
}
