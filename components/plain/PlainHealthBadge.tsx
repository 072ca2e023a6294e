// The headless icons: the same SVGs as ServiceHealthBadge's, without the CSS-in-JS runtime.
import { CheckmarkCircleFilled } from '@fluentui/react-icons/headless/svg/checkmark-circle';
import { QuestionCircleRegular } from '@fluentui/react-icons/headless/svg/question-circle';
import { WarningFilled } from '@fluentui/react-icons/headless/svg/warning';
import { serviceHealthView } from '@/lib/service-health/view';
import type { ConnectorServiceHealth } from '@/lib/db/types';
import { formatDateTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/t';

const ICONS = { operational: CheckmarkCircleFilled, degraded: WarningFilled, unknown: QuestionCircleRegular } as const;

/**
 * ServiceHealthBadge for the popup's static stylesheet: an icon, Microsoft's state in words and the age of the read,
 * so that the state never rests on colour alone. The icon is decoration: the words say it all. The time of the read
 * is the tooltip's: the popup's row says once when the tenant was checked (issue #17: "checked just now" four times).
 */
export function PlainHealthBadge({ health, now }: { health?: ConnectorServiceHealth; now: number }) {
  const view = serviceHealthView(health, now);
  const Icon = ICONS[view.state];
  return (
    <span
      className="health"
      data-health={health ? view.state : 'none'}
      title={health ? t('serviceHealthBadge_readAt', formatDateTime(health.checkedAt)) : undefined}
    >
      <Icon aria-hidden className={`health-icon health-${view.state}`} />
      <span className="popup-caption">{view.words}</span>
    </span>
  );
}
