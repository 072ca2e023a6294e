// Loaded with React.lazy from ActivityHistory: the chart library (d3 and friends) lands in its own chunk, fetched
// only when an admin opens a tenant's activity in the console, and never in the popup.
import { DataVizPalette, getColorFromToken, VerticalStackedBarChart, type VerticalStackedChartProps } from '@fluentui/react-charts';
import { makeStyles } from '@fluentui/react-components';
import { EVENT_SOURCE_LABELS, type EventSource } from '@/lib/activity/event-summary';
import type { ChartDay } from '@/lib/activity/source-filter';
import { t } from '@/lib/i18n/t';

const useStyles = makeStyles({ root: { height: '280px', width: '100%' } });

// One colour per source whatever the filter, so that a service keeps its colour when the others are filtered out.
const COLORS: Record<EventSource, string> = {
  exchange: DataVizPalette.color1,
  sharepoint: DataVizPalette.color2,
  onedrive: DataVizPalette.color3,
  entra: DataVizPalette.color4,
};

/** Events per day as stacked bars, one segment per source; `description` names the chart for screen readers. */
export default function ActivityChart(props: { days: ChartDay[]; dayLabel(day: number): string; description: string }) {
  const styles = useStyles();
  const data: VerticalStackedChartProps[] = props.days.map((day) => ({
    xAxisPoint: props.dayLabel(day.day),
    chartData: day.segments.map((segment) => ({
      legend: EVENT_SOURCE_LABELS[segment.source],
      data: segment.count,
      color: getColorFromToken(COLORS[segment.source]),
    })),
  }));
  return (
    <div className={styles.root} data-testid="activity-chart">
      <VerticalStackedBarChart
        data={data}
        chartTitle={props.description}
        xAxisTitle={t('activityChart_day')}
        yAxisTitle={t('activityChart_events')}
        isCalloutForStack
        hideLabels
        barWidth="auto"
        maxBarWidth={40}
      />
    </div>
  );
}
