import {
  Body1,
  Caption1,
  Field,
  Input,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { countByDay, EVENT_SOURCES, searchEvents } from '@/lib/activity/event-summary';
import { getDb } from '@/lib/db';
import type { TenantRecord } from '@/lib/db/types';
import { useNow } from '../use-now';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });
const SOURCE_LABELS = {
  exchange: 'Exchange Online',
  sharepoint: 'SharePoint Online',
  onedrive: 'OneDrive',
  entra: 'Microsoft Entra',
} as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The tenant's last 7 days of activity: events per day and per service, and a searchable list. */
export function ActivityHistory({ tenant }: { tenant: TenantRecord }) {
  const styles = useStyles();
  const now = useNow(60_000);
  const [query, setQuery] = useState('');
  const events = useLiveQuery(
    () =>
      getDb()
        .events.where('[tenantId+occurredAt]')
        .between([tenant.tenantId, now - 7 * DAY_MS], [tenant.tenantId, Infinity])
        .toArray(),
    [tenant.tenantId, now],
  );
  if (!events) return null;
  const days = countByDay(events, now, 7, new Date(now).getTimezoneOffset() * 60_000);
  const found = searchEvents(events, query);
  return (
    <section className={styles.root} aria-label={`Activity of ${tenant.displayName} in the last 7 days`}>
      <Table size="extra-small" aria-label="Events per day and service">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Day</TableHeaderCell>
            {EVENT_SOURCES.map((source) => (
              <TableHeaderCell key={source}>{SOURCE_LABELS[source]}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {days.map((row) => (
            <TableRow key={row.day}>
              <TableCell>{new Date(row.day).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })}</TableCell>
              {EVENT_SOURCES.map((source) => (
                <TableCell key={source}>{row.counts[source].toLocaleString()}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Field label="Search the activity (what or who)">
        <Input value={query} onChange={(_, data) => setQuery(data.value)} placeholder="megan@contoso.onmicrosoft.com" />
      </Field>
      <Caption1>
        {found.length === 0
          ? 'No event matches.'
          : `The ${found.length} newest of ${events.length.toLocaleString()} events${query ? ' that match' : ''}:`}
      </Caption1>
      <ul aria-label="Matching events">
        {found.map((event) => (
          <li key={event.id}>
            <Body1>
              {new Date(event.occurredAt).toLocaleString()} — {SOURCE_LABELS[event.service]}: {event.summary}
              {event.actor && ` (${event.actor})`}
              {event.succeeded === false && ' — failed'}
            </Body1>
          </li>
        ))}
      </ul>
    </section>
  );
}
