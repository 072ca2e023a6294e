import { Caption1 } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';

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
    return this.state.failed ? <Caption1>The chart could not be drawn; the table has the same numbers.</Caption1> : this.props.children;
  }
}
