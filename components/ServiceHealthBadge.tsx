import { Caption1, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
// The icons MessageBar already bundles (its intent icons), plus one: the badge costs the popup almost nothing.
import { CheckmarkCircleFilled, QuestionCircleRegular, WarningFilled } from '@fluentui/react-icons';
import { serviceHealthView } from '@/lib/service-health/view';
import type { ConnectorServiceHealth } from '@/lib/db/types';
import { formatDateTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/t';
import { useNow } from './use-now';

const useStyles = makeStyles({
  // Inline, so that long words wrap like the sentence around them (the popup is 380 px wide).
  root: { display: 'inline' },
  icon: { fontSize: '16px', verticalAlign: '-3px', marginRight: tokens.spacingHorizontalXXS },
  operational: { color: tokens.colorStatusSuccessForeground1 },
  degraded: { color: tokens.colorStatusWarningForeground1 },
  unknown: { color: tokens.colorNeutralForeground3 },
});

const ICONS = { operational: CheckmarkCircleFilled, degraded: WarningFilled, unknown: QuestionCircleRegular } as const;

/**
 * Microsoft's service health for one connector: an icon, Microsoft's state in words and how old the read is
 * ("checked 5 min ago"), so that the state never rests on colour alone. The icon is decoration: the words say it all.
 */
export function ServiceHealthBadge({ health }: { health?: ConnectorServiceHealth }) {
  const styles = useStyles();
  const now = useNow(60_000);
  const view = serviceHealthView(health, now);
  const Icon = ICONS[view.state];
  return (
    <span
      className={styles.root}
      data-health={health ? view.state : 'none'}
      title={health ? t('serviceHealthBadge_readAt', formatDateTime(health.checkedAt)) : undefined}
    >
      <Icon aria-hidden className={mergeClasses(styles.icon, styles[view.state])} />
      <Text size={200}>{view.words}</Text>
      {view.checked && <Caption1> · {view.checked}</Caption1>}
    </span>
  );
}
