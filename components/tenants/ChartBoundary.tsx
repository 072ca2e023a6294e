import { Caption1 } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { t } from '@/lib/i18n/t';

/**
 * Keeps a chart that fails (its chunk not loading, the library throwing on odd data) from taking the console down
 * with it: the table next to the chart holds the same numbers.
 */
export class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <Caption1>{t('chartBoundary_failed')}</Caption1> : this.props.children;
  }
}
