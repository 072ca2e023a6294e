import type { ConnectorServiceHealth } from '../db/types';
import { timeAgo } from '../format/time-ago';

/** What a connector shows of Microsoft's service health: a state for the icon, words, and the age of the read. */
export interface ServiceHealthView {
  state: ConnectorServiceHealth['state'];
  words: string;
  /** `checked 5 min ago`; absent when health was never read. */
  checked?: string;
}

/** The connector's last read of service health as the admin reads it (never by colour alone: words and an age). Pure. */
export function serviceHealthView(health: ConnectorServiceHealth | undefined, now: number): ServiceHealthView {
  if (!health) return { state: 'unknown', words: 'Service health not checked yet' };
  return { state: health.state, words: health.words, checked: `checked ${timeAgo(health.checkedAt, now)}` };
}
