import { type GanttChartDataPoint, GanttChart } from '@fluentui/react-charts';
import { webLightTheme } from '@fluentui/react-components';
import { formatChartTime, localOffsetAt, timeAxisTicks } from '@/lib/format/chart-time';
import type { TimelineSegment } from '@/lib/monitor/timeline';
import { t } from '@/lib/i18n/t';
import { BADGE_COLORS } from '@/lib/monitor/badge';
import type { Severity } from '@/lib/monitor/types';

/** SVG fills take plain colours (not theme variables): the badge's red and amber, Fluent's green and blue. */
const COLOURS: Record<Severity, string> = { ok: '#107C10', info: '#0F6CBD', warning: BADGE_COLORS.amber, error: BADGE_COLORS.red };

/** The 7-day timeline as a Gantt chart: one row per service, one bar per stretch in one state. Console only (lazy). */
export default function TimelineChart({ segments, rowLabel }: { segments: TimelineSegment[]; rowLabel: (connectorId: string) => string }) {
  // A stretch of under a minute is drawn a minute long, so that it shows.
  const endOf = (segment: TimelineSegment) => Math.max(segment.end, segment.start + 60_000);
  const data: GanttChartDataPoint[] = segments.map((segment) => ({
    x: { start: new Date(segment.start), end: new Date(endOf(segment)) },
    y: rowLabel(segment.connectorId),
    legend: segment.label,
    color: COLOURS[segment.severity],
  }));
  const rows = [...new Set(data.map((point) => String(point.y)))];
  // The axis in days and hours, on whole steps of the admin's clock (the library's own ticks read "43:45, 43:50"),
  // and the bars' callouts in the admin's time, not in UTC (the chart's default).
  const axis = timeAxisTicks(Math.min(...segments.map((segment) => segment.start)), Math.max(...segments.map(endOf)), localOffsetAt);
  return (
    <GanttChart
      data={data}
      height={Math.max(140, 60 + rows.length * 44)}
      barHeight={20}
      chartTitle={t('timelineChart_title')}
      margins={{ left: leftMarginFor(rows) }}
      tickValues={axis.ticks.map((at) => new Date(at))}
      customDateTimeFormatter={(at) => formatChartTime(at.getTime(), axis.unit)}
      useUTC={false}
    />
  );
}

/**
 * A left margin wide enough for the longest row name. The chart's own (40px, or `showYAxisLables`, which measured
 * short) cut "Exchange Online" to "nline". Its y-axis writes 600 10px in Fluent's base font, 16px left of the axis.
 */
function leftMarginFor(labels: readonly string[]): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return 140;
  context.font = `600 10px ${webLightTheme.fontFamilyBase}`;
  return Math.ceil(Math.max(0, ...labels.map((label) => context.measureText(label).width))) + 28;
}
