import { type GanttChartDataPoint, GanttChart } from '@fluentui/react-charts';
import type { TimelineSegment } from '@/lib/monitor/timeline';
import { t } from '@/lib/i18n/t';
import { BADGE_COLORS } from '@/lib/monitor/badge';
import type { Severity } from '@/lib/monitor/types';

/** SVG fills take plain colours (not theme variables): the badge's red and amber, Fluent's green and blue. */
const COLOURS: Record<Severity, string> = { ok: '#107C10', info: '#0F6CBD', warning: BADGE_COLORS.amber, error: BADGE_COLORS.red };

/** The 7-day timeline as a Gantt chart: one row per service, one bar per stretch in one state. Console only (lazy). */
export default function TimelineChart({ segments, rowLabel }: { segments: TimelineSegment[]; rowLabel: (connectorId: string) => string }) {
  const data: GanttChartDataPoint[] = segments.map((segment) => ({
    x: { start: new Date(segment.start), end: new Date(Math.max(segment.end, segment.start + 60_000)) },
    y: rowLabel(segment.connectorId),
    legend: segment.label,
    color: COLOURS[segment.severity],
  }));
  const rows = new Set(data.map((point) => point.y)).size;
  return <GanttChart data={data} height={Math.max(140, 60 + rows * 44)} barHeight={20} chartTitle={t('timelineChart_title')} />;
}
